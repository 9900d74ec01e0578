"""The translator's workflow without traps: each test would have caught one of issue 13's
traps (init, lock merges and conflicts, XLIFF import crashes and states, CAT tools)."""

from __future__ import annotations

import io
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import FONTS, make_project
from test_cli_errors import edit, run
from test_xliff import T, set_target, units

from reportgen.lockfile import HASHED, read_lock
from reportgen.xliff_read import normalise

ZH = "content/zh/briefing-pack.yaml"
EN = "content/en/briefing-pack.yaml"
pytestmark = pytest.mark.skipif(
    not (FONTS / "NotoSerif-Regular.ttf").is_file(), reason="fonts/*.ttf not made yet"
)


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    root = make_project(tmp_path, "translation-basic")
    run("sync", "--accept", ZH, cwd=root)
    return root


# ---------------------------------------------------------------- init and the lock


def test_init_starts_with_nothing_confirmed(tmp_path: Path) -> None:
    assert run("init", "visit", cwd=tmp_path)[0] == 0
    visit = tmp_path / "visit"
    assert read_lock(visit) == {}
    assert run("check", "--strict", cwd=visit)[0] == 0  # no false 'stale' warnings
    code, out, _ = run("status", cwd=visit)
    assert out.splitlines()[-1].split() == ["total", "182", "0", "182", "0", "0", "0", "0%"]


def test_key_missing_from_the_lock_is_unconfirmed(proj: Path) -> None:
    edit(proj / "translations.lock", '"briefing-pack:cover.venue": "Chengdu, Sichuan"\n', "")
    code, out, _ = run("status", cwd=proj)
    assert out.splitlines()[1].split() == [
        "briefing-pack",
        "zh",
        "33",
        "32",
        "1",
        "0",
        "0",
        "0",
        "96%",
    ]
    assert units_exported(proj) == {"cover.venue": ("translated", "no")}


def units_exported(proj: Path) -> dict[str, tuple[str | None, str | None]]:
    assert run("xliff", "export", "-o", "todo.xlf", cwd=proj)[0] == 0
    return {
        k: (u.find(f"{T}target").get("state"), u.get("approved"))
        for k, u in units(proj / "todo.xlf").items()
    }


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )


def test_two_translators_confirming_neighbouring_keys_merge_cleanly(proj: Path) -> None:
    edit(proj / EN, "title: Briefing Pack", "title: Briefing Notes")
    edit(proj / EN, "subtitle: Hong Kong Delegation", "subtitle: The Hong Kong Delegation")
    git(proj, "init", "-q", "-b", "main")
    git(proj, "add", "-A")
    git(proj, "commit", "-qm", "base")
    git(proj, "checkout", "-qb", "alice")
    assert run("sync", "--accept", f"{ZH}:cover.title", cwd=proj)[0] == 0
    git(proj, "commit", "-qam", "alice confirms the title")
    git(proj, "checkout", "-q", "main")
    git(proj, "checkout", "-qb", "bob")
    assert run("sync", "--accept", f"{ZH}:cover.subtitle", cwd=proj)[0] == 0
    git(proj, "commit", "-qam", "bob confirms the subtitle")
    merged = git(proj, "merge", "-q", "alice", "-m", "merge")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert run("check", "--strict", cwd=proj)[0] == 0


def test_lock_conflict_is_explained_and_status_keeps_working(proj: Path) -> None:
    lock = proj / "translations.lock"
    edit(
        lock,
        '"briefing-pack:cover.venue": "Chengdu, Sichuan"\n',
        '<<<<<<< HEAD\n"briefing-pack:cover.venue": "Chengdu, Sichuan"\n=======\n'
        '"briefing-pack:cover.venue": "Chengdu"\n>>>>>>> bob\n',
    )
    code, out, err = run("check", cwd=proj)
    line = lock.read_text(encoding="utf-8").splitlines().index("<<<<<<< HEAD") + 1
    assert err.splitlines() == [
        f"translations.lock:{line}:1: warning config: git merge conflict markers "
        "(<<<<<<< ======= >>>>>>>): each line is one confirmation, so keep both sides' lines "
        "and delete the marker lines, or run 'reportgen sync --accept' again; until then keys "
        "confirmed differently on the two sides count as unconfirmed "
        "(1: briefing-pack:cover.venue)"
    ]
    code, out, err = run("status", cwd=proj)
    assert code == 0
    assert out.splitlines()[1].split()[3:5] == ["32", "1"]
    assert run("sync", "--accept", ZH, cwd=proj)[0] == 0
    assert "<<<<<<<" not in lock.read_text(encoding="utf-8")


def test_old_style_lock_is_read_and_upgraded(proj: Path) -> None:
    import hashlib

    def h(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    (proj / "translations.lock").write_text(
        f'"briefing-pack":\n  "cover.venue": "{h("Chengdu")}"\n'
        f'  "cover.title": "{h("Briefing Pack")}"\n',
        encoding="utf-8",
    )
    records = read_lock(proj)["briefing-pack"]
    assert records["cover.title"] == HASHED + h("Briefing Pack")
    code, _, err = run("check", cwd=proj)
    assert f"{ZH}:8:10: warning stale: 'cover.venue': English changed since the translation " in err
    run("sync", "--accept", f"{ZH}:cover.subtitle", cwd=proj)
    upgraded = read_lock(proj)["briefing-pack"]
    assert upgraded == {"cover.title": "Briefing Pack", "cover.subtitle": "Hong Kong Delegation"}


# ---------------------------------------------------------------- XLIFF import


@pytest.mark.parametrize(
    ("target", "written"),
    [
        ("香港會繼續發揮優勢。 ", "香港會繼續發揮優勢。"),  # a paragraph ending with a space
        (
            "香港會繼續發揮優勢，\n      兩地互利共贏。",
            "香港會繼續發揮優勢，兩地互利共贏。",
        ),  # indented
        ("\n        香港會繼續發揮優勢。\n      ", "香港會繼續發揮優勢。"),  # pretty-printed
        ("第一段。\n\n\n\n第二段。", "第一段。\n\n第二段。"),
    ],
)
def test_import_never_crashes_and_normalises_cat_whitespace(
    proj: Path, target: str, written: str
) -> None:
    run("xliff", "export", "--all", "-o", "all.xlf", cwd=proj)
    set_target(proj / "all.xlf", "remarks.paragraphs[0]", target)
    code, out, err = run("xliff", "import", "all.xlf", cwd=proj)
    assert (code, err) == (0, "")
    from reportgen.yamledit import load_check

    data = load_check(proj / ZH)
    assert data["remarks"]["paragraphs"][0] == written


def test_normalise_keeps_the_translators_lines() -> None:
    assert normalise("第一行\n第二行", "one line") == "第一行\n第二行"
    assert normalise("Hong Kong\n    will", "one line") == "Hong Kong will"
    assert normalise("a\r\nb\tc", "x\ny") == "a\nb c"


@pytest.mark.parametrize(
    ("state", "approved", "confirmed"),
    [
        ("needs-review-l10n", None, False),
        ("needs-review-translation", None, False),
        ("needs-translation", None, False),
        ("translated", None, True),
        ("translated", "no", False),
        ("final", None, True),
        ("signed-off", "no", True),
        ("needs-translation", "yes", True),
    ],
)
def test_state_and_approved_decide_confirmation(
    proj: Path, state: str, approved: str | None, confirmed: bool
) -> None:
    edit(proj / EN, "venue: Chengdu, Sichuan", "venue: Chengdu")
    run("xliff", "export", "-o", "t.xlf", cwd=proj)
    tree = ET.parse(proj / "t.xlf")
    [unit] = tree.getroot().iter(f"{T}trans-unit")
    unit.find(f"{T}target").text = "成都"
    unit.find(f"{T}target").set("state", state)
    unit.attrib.pop("approved")
    if approved:
        unit.set("approved", approved)
    tree.write(proj / "t.xlf", encoding="utf-8", xml_declaration=True)
    code, out, _ = run("xliff", "import", "t.xlf", cwd=proj)
    assert out.endswith(f"{int(confirmed)} unit(s) confirmed\n")
    assert (run("check", "--strict", cwd=proj)[0] == 0) is confirmed


def test_import_confirms_against_the_exported_source(proj: Path) -> None:
    edit(proj / EN, "venue: Chengdu, Sichuan", "venue: Chengdu")
    run("xliff", "export", "-o", "t.xlf", cwd=proj)
    set_target(proj / "t.xlf", "cover.venue", "成都")
    edit(proj / EN, "venue: Chengdu", "venue: Chengdu City")  # English moves on meanwhile
    code, out, err = run("xliff", "import", "t.xlf", cwd=proj)
    assert code == 0
    assert err.splitlines() == [
        "t.xlf: warning stale: 'cover.venue': the en text changed since the export: "
        "'Chengdu' → 'Chengdu City'; the translation is recorded against the exported text, "
        "so 'reportgen check' reports it stale: review it"
    ]
    assert read_lock(proj)["briefing-pack"]["cover.venue"] == "Chengdu"
    _, _, err = run("check", cwd=proj)
    assert "confirmed: 'Chengdu' → 'Chengdu City'" in err.splitlines()[0]


def test_xliff_2_is_refused_clearly(proj: Path) -> None:
    (proj / "v2.xlf").write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">'
        '<file id="f"><unit id="u"><segment><source>a</source></segment></unit></file></xliff>',
        encoding="utf-8",
    )
    code, _, err = run("xliff", "import", "v2.xlf", cwd=proj)
    assert (code, err.splitlines()[0]) == (
        1,
        "v2.xlf: error schema: this is XLIFF 2.0; reportgen reads XLIFF 1.2: export the file "
        "from your CAT tool as XLIFF 1.2 (or start from 'reportgen xliff export')",
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8"])
def test_dtd_refused_in_any_encoding(proj: Path, encoding: str) -> None:
    text = (
        f'<?xml version="1.0" encoding="{encoding.upper()}"?>\n'
        '<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<xliff version="1.2"/>\n'
    )
    (proj / "evil.xlf").write_bytes(text.encode(encoding))
    code, _, err = run("xliff", "import", "evil.xlf", cwd=proj)
    assert code == 1
    assert err.splitlines()[0] == (
        "evil.xlf:2:1: error unsafe-path: DTDs and entity declarations are not allowed in XLIFF "
        "files (<!DOCTYPE/<!ENTITY); export the file again from your CAT tool"
    )


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "香港\u2028四川",
            "all.xlf: error yaml-syntax: trans-unit 'cover.venue': the target has U+2028, which "
            "content files cannot hold; delete it (use a line break for a new line)",
        ),
        (
            "港" * 1_000_000,
            "all.xlf: error limit: trans-unit 'cover.venue': the target is 1,000,000 characters; "
            "the limit is 100,000: split it",
        ),
    ],
)
def test_values_that_would_not_load_back_are_refused(proj: Path, target: str, message: str) -> None:
    run("xliff", "export", "--all", "-o", "all.xlf", cwd=proj)
    set_target(proj / "all.xlf", "cover.venue", target)
    before = (proj / ZH).read_bytes()
    code, _, err = run("xliff", "import", "all.xlf", cwd=proj)
    assert (code, err.splitlines()[0]) == (1, message)
    assert (proj / ZH).read_bytes() == before


@pytest.mark.parametrize("out", [ZH, "content/zh/new.xlf", "templates/x.xlf", "reportgen.yaml"])
def test_export_never_overwrites_project_files(proj: Path, out: str) -> None:
    before = (proj / ZH).read_bytes()
    code, _, err = run("xliff", "export", "-o", out, cwd=proj)
    assert code == 2, err
    assert err.startswith(f"usage error: {out} ")
    assert (proj / ZH).read_bytes() == before
    assert not (proj / "content/zh/new.xlf").exists()


def test_one_file_per_direction(tmp_path: Path) -> None:
    sample = make_project(tmp_path)
    code, out, _ = run("xliff", "export", "--all", "-o", "work.xlf", cwd=sample)
    assert out.splitlines() == [
        "wrote 112 unit(s) to work.zh-HK.xlf",
        "wrote 70 unit(s) to work.en.xlf",
    ]
    for name, (src, tgt) in {
        "work.zh-HK.xlf": ("en", "zh-HK"),
        "work.en.xlf": ("zh-HK", "en"),
    }.items():
        files = ET.parse(sample / name).getroot().findall(f"{T}file")
        assert {(f.get("source-language"), f.get("target-language")) for f in files} == {(src, tgt)}
    assert run("xliff", "export", "--to", "en", "-o", "en.xlf", cwd=sample)[1] == (
        "wrote 0 unit(s) to en.xlf\n"
    )


# ---------------------------------------------------------------- translate-toolkit


def test_round_trip_through_translate_toolkit(proj: Path) -> None:
    from translate.convert import xliff2po
    from translate.storage import factory, po, xliff

    edit(proj / EN, "venue: Chengdu, Sichuan", "venue: Chengdu")
    edit(proj / "translations.lock", '"briefing-pack:cover.title": "Briefing Pack"\n', "")
    run("xliff", "export", "--all", "-o", "all.xlf", cwd=proj)
    store = factory.getobject(str(proj / "all.xlf"))
    assert isinstance(store, xliff.xlifffile)
    tt_units = [u for u in store.units if not u.isheader()]
    assert len(tt_units) == 33
    fuzzy = sorted(u.getid().split("\x04")[-1] for u in tt_units if u.isfuzzy())
    assert fuzzy == ["cover.title", "cover.venue"]  # unconfirmed and stale, not everything
    venue = next(u for u in tt_units if u.getid().endswith("cover.venue"))
    assert venue.getlocations() == [f"{EN}:6"]
    # xliff2po keeps every unit apart (no merging of units with the same source)
    out = io.BytesIO()
    with open(proj / "all.xlf", "rb") as inp:
        xliff2po.convertxliff(inp, out, None)
    catalogue = po.pofile(io.BytesIO(out.getvalue()))
    assert len([u for u in catalogue.units if not u.isheader()]) == 33
    # a translator confirms in a translate-toolkit tool; reportgen imports it
    venue.settarget("成都")
    venue.markfuzzy(False)
    (proj / "all.xlf").write_bytes(bytes(store))
    code, out_text, err = run("xliff", "import", "all.xlf", cwd=proj)
    assert code == 0, err
    assert out_text.splitlines() == [f"updated {ZH}", "imported 1 file(s); 32 unit(s) confirmed"]
    _, _, err = run("check", cwd=proj)
    assert "'cover.venue'" not in err
    assert run("status", cwd=proj)[1].splitlines()[1].split()[3:5] == ["32", "1"]


# ---------------------------------------------------------------- build shows warnings


def test_build_shows_warnings(proj: Path) -> None:
    edit(proj / ZH, "subtitle: 香港代表團", "subtitle: Hong Kong Team")
    edit(proj / EN, "venue: Chengdu, Sichuan", "venue: Chengdu")
    code, out, err = run("build", "--edition", "zh", "--format", "docx", cwd=proj)
    assert code == 0, err
    assert err.splitlines() == [
        "2 warning(s):",
        f"{ZH}:6:13: warning untranslated: 'cover.subtitle' has no Chinese text; translate it",
        f"{ZH}:8:10: warning stale: 'cover.venue': English changed since the translation was "
        f"confirmed: 'Chengdu, Sichuan' → 'Chengdu' (English at {EN}:6:10); review it, then "
        f"'reportgen sync --accept {ZH}:cover.venue'",
    ]


def test_watch_shows_warnings(proj: Path) -> None:
    from reportgen.build import BuildOptions
    from reportgen.watch import Watcher

    edit(proj / ZH, "subtitle: 香港代表團", "subtitle: Hong Kong Team")
    seen: list[list[str]] = []
    watcher = Watcher(
        proj,
        BuildOptions(editions=["zh"], formats=["docx"], jobs=1),
        wrote=lambda job: None,
        summary=lambda text: None,
        failed=lambda exc: pytest.fail(str(exc)),
        warned=lambda diags: seen.append([d.code for d in diags]),
    )
    assert watcher.rebuild()
    assert seen == [["untranslated"]]


def test_export_refuses_a_link_into_the_content(proj: Path) -> None:
    (proj / "build").mkdir()
    (proj / "build" / "work.xlf").symlink_to(proj / ZH)
    before = (proj / ZH).read_bytes()
    code, _, err = run("xliff", "export", "-o", "build/work.xlf", cwd=proj)
    assert (code, err) == (
        2,
        "usage error: build/work.xlf is inside content/; write the XLIFF file elsewhere "
        "(e.g. build/)\n",
    )
    assert (proj / ZH).read_bytes() == before
