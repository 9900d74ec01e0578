"""What ``check`` keeps between runs (issue 17): the verdicts on attached PDFs, by file
identity. The same diagnostics with and without the cache; a changed file, another
version of the code or libraries, a corrupted entry: made again, never trusted."""

from __future__ import annotations

import marshal
import os
import time
from pathlib import Path

import hostile_pdfs
import pytest
from conftest import make_project
from test_cli_errors import run

from reportgen import attachments, fontcache

NAME = "attachments/annex.pdf"
PACK = """
  annex-pack:
    type: annex-pack
    editions: [en]
    parts:
      - {pdf: attachments/annex.pdf, label: 3}
"""
HOUR_NS = 3600 * 1_000_000_000


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REPORTGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTGEN_NO_CACHE", raising=False)
    return tmp_path / "cache" / "attachments"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = make_project(tmp_path, "minimal")
    (root / "attachments").mkdir()
    with (root / "reportgen.yaml").open("a", encoding="utf-8") as fh:
        fh.write(PACK)
    return root


def _settled(path: Path, ago_ns: int = HOUR_NS) -> None:
    """As if the file had been written ``ago_ns`` ago (a fresh file is not cached)."""
    when = time.time_ns() - ago_ns
    os.utime(path, ns=(when, when))


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.bin")) if cache.is_dir() else []


def _check(root: Path) -> str:
    code, _, err = run("check", cwd=root)
    return f"{code}\n{err}"


def _uncached(root: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as m:
        m.setenv("REPORTGEN_NO_CACHE", "1")
        return _check(root)


def _no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any reading of an attached PDF fail the test (the verdict must come cached)."""

    def refuse(path: Path) -> None:
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(attachments, "clean", refuse)


def test_a_verdict_is_kept_and_gives_the_same_diagnostics(
    cache: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _settled(hostile_pdfs.active(pack / NAME))
    expected = _uncached(pack, monkeypatch)
    assert "had active content" in expected and "does not embed" in expected
    assert not _entries(cache)
    assert _check(pack) == expected
    assert len(_entries(cache)) == 1
    with monkeypatch.context() as m:
        _no_reading(m)
        assert _check(pack) == expected


def test_refused_files_and_titles_come_from_the_verdict(
    cache: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _settled(hostile_pdfs.encrypted_owner_only(pack / NAME))
    expected = _check(pack)
    assert "is encrypted; export it without a password" in expected
    with monkeypatch.context() as m:
        _no_reading(m)
        assert _check(pack) == expected
    _settled(hostile_pdfs.titled(pack / NAME, "Scan \U0001d11e"))
    expected = _check(pack)
    assert "the title of 'attachments/annex.pdf' (its /Title)" in expected
    with monkeypatch.context() as m:
        _no_reading(m)
        assert _check(pack) == expected


def test_a_changed_attachment_is_read_again(
    cache: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = pack / NAME
    _settled(hostile_pdfs.active(path))
    assert "had active content" in _check(pack)
    _settled(hostile_pdfs.plain(path))  # another file at the same path (and inode)
    now = _check(pack)
    assert "had active content" not in now and "does not embed" in now
    assert now == _uncached(pack, monkeypatch)
    before = path.stat().st_mtime_ns
    data = path.read_bytes().replace(b"/Times-Roman", b"/Times-Romax")
    path.write_bytes(data)  # same size, same inode, same mtime: only the ctime tells
    os.utime(path, ns=(before, before))
    now = _check(pack)
    assert "Times-Romax" in now and now == _uncached(pack, monkeypatch)


def test_a_file_changed_just_now_is_not_cached(cache: Path, pack: Path) -> None:
    hostile_pdfs.active(pack / NAME)
    assert "had active content" in _check(pack)
    assert not _entries(cache)
    _settled(pack / NAME, ago_ns=10_000_000_000)
    _check(pack)
    assert len(_entries(cache)) == 1


def test_another_version_of_the_code_reads_the_file_again(
    cache: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _settled(hostile_pdfs.active(pack / NAME))
    expected = _check(pack)
    monkeypatch.setattr(attachments, "_code_versions", lambda: "pikepdf 99")
    assert _check(pack) == expected
    assert len(_entries(cache)) == 2


def test_the_code_stamp_follows_the_installed_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = tmp_path / "lib" / "fakelib_for_stamp.py"
    module.parent.mkdir()
    module.write_text("VERSION = 1\n")
    monkeypatch.syspath_prepend(str(module.parent))
    first = fontcache.code_stamp("fakelib_for_stamp", "pikepdf")
    assert "fakelib_for_stamp" in first and first == fontcache.code_stamp(
        "fakelib_for_stamp", "pikepdf"
    )
    module.write_text("VERSION = 22\n")  # an upgrade rewrites the file
    assert fontcache.code_stamp("fakelib_for_stamp", "pikepdf") != first
    assert fontcache.code_stamp("no_such_library_here") == "no_such_library_here:-"


@pytest.mark.parametrize(
    "junk",
    [
        b"",
        b"RGFC",
        b"RGFC\x00garbage",
        b"XXXX" * 10,
        b"RGFC" + marshal.dumps({"refused": 1}),
        b"RGFC" + marshal.dumps([1, 2]),
    ],
)
def test_a_corrupted_entry_is_ignored(
    cache: Path, pack: Path, monkeypatch: pytest.MonkeyPatch, junk: bytes
) -> None:
    _settled(hostile_pdfs.active(pack / NAME))
    expected = _check(pack)
    (entry,) = _entries(cache)
    entry.write_bytes(junk)
    assert _check(pack) == expected
    (entry,) = _entries(cache)
    with monkeypatch.context() as m:
        _no_reading(m)
        assert _check(pack) == expected  # the bad entry was replaced by a good one


def test_a_forged_entry_of_the_wrong_shape_is_not_used(
    cache: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _settled(hostile_pdfs.active(pack / NAME))
    expected = _check(pack)
    (entry,) = _entries(cache)
    state = marshal.loads(entry.read_bytes()[4:])
    state["fonts"] = [b"not text"]
    entry.write_bytes(b"RGFC" + marshal.dumps(state))
    assert _check(pack) == expected


# --- bilingual editions known to align -------------------------------------------------------


@pytest.fixture
def large(tmp_path: Path) -> Path:
    return make_project(tmp_path, "delegation-large")


def _aligned(cache: Path) -> list[Path]:
    return sorted((cache.parent / "verdicts").glob("aligned-*.bin"))


def _composed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents composed from now on (their bilingual editions)."""
    from reportgen import compose

    names: list[str] = []
    real = compose.compose

    def counting(env: object, content: object, edition: str, context: object) -> object:
        names.append(content.doc.name)  # type: ignore[attr-defined]
        return real(env, content, edition, context)  # type: ignore[arg-type]

    monkeypatch.setattr(compose, "compose", counting)
    return names


def test_an_edition_known_to_align_is_not_composed_again(
    cache: Path, large: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _uncached(large, monkeypatch)
    composed = _composed(monkeypatch)
    assert _check(large) == expected
    assert sorted(composed) == ["annex-1", "annex-2", "briefing-pack"]
    assert len(_aligned(cache)) == 3
    composed.clear()
    assert _check(large) == expected
    assert composed == []


def test_text_that_no_longer_aligns_is_reported(
    cache: Path, large: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_bilingual_check import _swap_delegation_groups

    _check(large)
    _swap_delegation_groups(large)
    now = _check(large)
    assert "cannot be aligned" in now and now == _uncached(large, monkeypatch)
    assert _check(large) == now  # a failure is never kept: composed (and reported) again


def test_a_changed_template_or_other_document_composes_again(
    cache: Path, large: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _check(large)
    composed = _composed(monkeypatch)
    template = large / "templates/memorandum.xml.j2"
    template.write_text(template.read_text(encoding="utf-8") + "{# note #}\n", encoding="utf-8")
    _check(large)
    assert sorted(composed) == ["annex-1", "annex-2", "briefing-pack"]  # any template counts
    composed.clear()
    facts = large / "content/facts/annex-2.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + "\n# a comment only\n", encoding="utf-8")
    _check(large)
    assert composed == []  # the same data
    text = large / "content/en/annex-1.yaml"
    edit_text = text.read_text(encoding="utf-8")
    first = edit_text.index(": ", edit_text.index("\n", 1)) + 2
    text.write_text(edit_text[:first] + "X" + edit_text[first:], encoding="utf-8")
    _check(large)
    assert sorted(composed) == ["annex-1", "annex-2", "briefing-pack"]  # documents see each other


def test_a_bad_aligned_entry_composes_again(
    cache: Path, large: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _check(large)
    for entry in _aligned(cache):
        entry.write_bytes(entry.read_bytes()[:-1])
    composed = _composed(monkeypatch)
    assert _check(large) == expected
    assert len(composed) == 3
    monkeypatch.setenv("REPORTGEN_NO_CACHE", "1")
    composed.clear()
    assert _check(large) == expected
    assert len(composed) == 3


# --- zh-Hans checks and page strings known to pass -------------------------------------------


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return make_project(tmp_path, "sample")


def _counted(monkeypatch: pytest.MonkeyPatch, *names: str) -> list[str]:
    """Calls of reportgen.check functions ``names`` from now on (those about a document
    without a zh-Hans edition, which return at once, left out)."""
    from reportgen import check

    calls: list[str] = []
    for name in names:
        real = getattr(check, name)

        def counting(*args: object, _real: object = real, _name: str = name) -> object:
            doc = getattr(args[1], "doc", None) if len(args) > 1 else None
            if doc is None or "zh-Hans" in doc.editions:
                calls.append(_name)
            return _real(*args)  # type: ignore[operator]

        monkeypatch.setattr(check, name, counting)
    return calls


HANS = ("simplified_glyph_diagnostics", "hans_repertoire_diagnostics")


def test_zh_hans_checks_that_passed_are_not_run_again(
    cache: Path, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _check(sample)
    calls = _counted(monkeypatch, *HANS)
    assert _check(sample) == expected
    assert calls == []
    overrides = sample / "overrides.yaml"
    overrides.write_text(overrides.read_text("utf-8") + "測試項目: 测试项目\n", "utf-8")
    _check(sample)
    assert sorted(set(calls)) == sorted(HANS)  # the overrides changed: run again


def test_a_zh_hans_warning_is_never_kept(
    cache: Path, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_cli_errors import edit

    _check(sample)
    zh = sample / "content" / "zh" / "briefing-pack.yaml"
    edit(zh, "  heading: 背景", "  heading: 背景㗎")  # outside the Simplified repertoire
    now = _check(sample)
    assert "U+35CE '㗎'" in now and now == _uncached(sample, monkeypatch)
    assert _check(sample) == now


def test_page_strings_that_passed_are_not_checked_again(
    cache: Path, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_cli_errors import edit

    expected = _check(sample)
    calls = _counted(monkeypatch, "string_diagnostics")
    assert _check(sample) == expected
    assert calls == []
    edit(sample / "reportgen.yaml", "{en: RESTRICTED,", "{en: RESTRICTED \U0001d11e,")
    now = _check(sample)
    assert calls == ["string_diagnostics"]
    assert "U+1D11E" in now and now == _uncached(sample, monkeypatch)
    assert _check(sample) == now


def test_glyph_and_simplified_checks_that_passed_are_not_run_again(
    cache: Path, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_cli_errors import edit

    expected = _check(sample)
    calls = _counted(monkeypatch, "glyph_diagnostics", "simplified_diagnostics")
    assert _check(sample) == expected
    assert calls == []
    zh = sample / "content" / "zh" / "briefing-pack.yaml"
    edit(zh, "  heading: 背景", "  heading: 背景\U0001d11e简")  # no glyph; Simplified-only
    now = _check(sample)
    assert sorted(set(calls)) == ["glyph_diagnostics", "simplified_diagnostics"]
    assert "U+1D11E" in now and "Simplified characters: 简 (簡)" in now
    assert now == _uncached(sample, monkeypatch)
    calls.clear()
    assert _check(sample) == now  # what was found is found again
    assert sorted(set(calls)) == ["glyph_diagnostics", "simplified_diagnostics"]


def test_translation_checks_that_passed_are_not_run_again(
    cache: Path, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_cli_errors import edit

    expected = _check(sample)
    calls = _counted(monkeypatch, "translation_diagnostics")
    assert _check(sample) == expected
    assert calls == []
    en = sample / "content" / "en" / "briefing-pack.yaml"
    edit(en, "  heading: Background", "  heading: Background of the visit")  # now stale
    now = _check(sample)
    assert calls == ["translation_diagnostics"]
    assert _check(sample) == now  # a finding is never kept
    assert calls == ["translation_diagnostics"] * 2
    assert "warning stale" in now and now == _uncached(sample, monkeypatch)
    edit(en, "  heading: Background of the visit", "  heading: Background")
    calls.clear()
    assert _check(sample) == expected
    assert calls == []  # the text as it was: its pass is found again
    lock = sample / "translations.lock"
    lock.write_text(lock.read_text("utf-8") + "\n", "utf-8")
    assert _check(sample) == expected
    assert calls == ["translation_diagnostics"]  # the lock file is part of the key
