"""``check`` rejects what ``build`` would reject, at the exact line; a build carries on past
an output that fails, exits 1 and says what was written and what failed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_project
from test_cli_errors import edit, run


@pytest.fixture
def large(tmp_path: Path) -> Path:
    return make_project(tmp_path, "delegation-large")


def _line(path: Path, text: str, after: int = 0) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line and n > after)


def _swap_delegation_groups(root: Path) -> Path:
    """The Chinese file lists the two delegation groups in the other order."""
    path = root / "content/zh/briefing-pack.yaml"
    text = path.read_text(encoding="utf-8")
    a = text.index("    hksar:\n      heading")
    b = text.index("    guangdong:\n      heading")
    c = text.index("background:")
    path.write_text(text[:a] + text[b:c] + text[a:b] + text[c:], encoding="utf-8")
    return path


def test_check_reports_a_bilingual_edition_of_a_chinese_only_document(large: Path) -> None:
    config = large / "reportgen.yaml"
    edit(config, "    editions: [zh]\n", "    editions: [zh, bilingual]\n")
    code, _, err = run("check", cwd=large)
    line = _line(config, "editions: [zh, bilingual]")
    assert code == 1
    assert f"reportgen.yaml:{line}:" in err and "cannot have the 'bilingual' edition" in err


def test_check_reports_a_pack_edition_at_its_line(large: Path) -> None:
    config = large / "reportgen.yaml"
    edit(
        config,
        "    editions: [en, zh]\n    formats: [pdf]",
        "    editions: [en, zh, bilingual]\n    formats: [pdf]",
    )
    code, _, err = run("check", cwd=large)
    line = _line(config, "editions: [en, zh, bilingual]", _line(config, "annex-pack:"))
    assert code == 1
    message = "error config: annex pack 'annex-pack' cannot have a bilingual edition"
    assert f"reportgen.yaml:{line}:24: {message}" in err


def test_check_reports_duplicate_annex_numbers_at_the_part(large: Path) -> None:
    edit(large / "content/facts/annex-2.yaml", "number: 2", "number: 1")
    code, _, err = run("check", cwd=large)
    line = _line(large / "reportgen.yaml", "- {document: annex-2}")
    assert code == 1
    assert (
        f"reportgen.yaml:{line}:9: error config: annex pack 'annex-pack' has two annexes numbered 1"
        in err
    )
    assert len(err.strip().splitlines()) == 2  # the problem, then the count


def test_check_reports_text_that_cannot_be_aligned(large: Path) -> None:
    path = _swap_delegation_groups(large)
    code, _, err = run("check", cwd=large)
    line = _line(path, "heading: 香港特別行政區政府")
    assert code == 1
    assert f"content/zh/briefing-pack.yaml:{line}:" in err
    assert "cannot be aligned" in err and "in the same order in both files" in err


def test_build_carries_on_past_a_failed_output(large: Path) -> None:
    _swap_delegation_groups(large)
    code, out, err = run(
        "build", "-j", "1", "--doc", "briefing-pack", "--doc", "annex-2", cwd=large
    )
    assert code == 1
    built = sorted(p.name for p in (large / "build").iterdir() if not p.name.startswith("."))
    assert "briefing-pack.en.pdf" in built and "annex-2.bilingual.pdf" in built
    assert "briefing-pack.bilingual.pdf" not in built
    last = err.strip().splitlines()[-1]
    assert last == (
        f"1 error(s); {len(built)} file(s) written; 2 failed: "
        "briefing-pack.bilingual.pdf, briefing-pack.bilingual.docx"
    )
    assert "nothing was written" not in err
