"""The value checks' findings kept in the project (issue 17): the same warnings, at the
same lines, whether they come from the checks or the file; an edited value is checked
again; a damaged, foreign or linked file is never trusted or written through."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import make_project
from test_cli_errors import run

from reportgen.valuechecks import memo

ZH = "content/zh/briefing-pack.yaml"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("REPORTGEN_NO_CACHE", raising=False)
    root = make_project(tmp_path, "minimal")
    _edit(root, "venue: 錦江賓館}", "venue: 錦江賓館3樓}")  # a number the English lacks
    return root


def _edit(root: Path, old: str, new: str) -> None:
    path = root / ZH
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _check(root: Path) -> str:
    code, _, err = run("check", cwd=root)
    return f"{code}\n{err}"


def _no_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(value: object) -> list[object]:
        raise AssertionError(f"checked again: {value}")

    monkeypatch.setattr(memo, "run_checks", refuse)


def test_second_check_reads_the_findings_and_says_the_same(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _check(root)
    assert f"{ZH}:11:" in first and "warning number" in first and "3" in first
    assert (root / ".reportgen-cache" / memo.NAME).is_file()
    _no_checks(monkeypatch)
    assert _check(root) == first


def test_an_edited_value_is_checked_again(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _check(root)
    _edit(root, "venue: 錦江賓館3樓}", "venue: 錦江賓館}")
    after = _check(root)
    assert "warning number" in before and "warning number" not in after
    _no_checks(monkeypatch)  # the edited pair is in the file now too
    assert _check(root) == after


@pytest.mark.parametrize(
    "text",
    [
        "not json {",
        json.dumps({"format": "something else", "entries": {}}),
        json.dumps({"format": memo.FORMAT, "code": "another version", "entries": {}}),
    ],
)
def test_damaged_or_foreign_file_is_a_miss(root: Path, text: str) -> None:
    first = _check(root)
    path = root / ".reportgen-cache" / memo.NAME
    path.write_text(text, encoding="utf-8")
    assert _check(root) == first
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == memo.FORMAT


def test_wrong_findings_in_a_current_file_are_refused(root: Path) -> None:
    first = _check(root)
    path = root / ".reportgen-cache" / memo.NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"] = {k: [["number", 1]] for k in data["entries"]}  # not four strings
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _check(root) == first


def test_no_cache_writes_nothing(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTGEN_NO_CACHE", "1")
    assert "warning number" in _check(root)
    assert not (root / ".reportgen-cache").exists()


def test_never_written_through_a_linked_folder(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, root / ".reportgen-cache")
    assert "warning number" in _check(root)
    assert list(elsewhere.iterdir()) == []


def test_a_build_uses_it_and_gives_the_same_warnings(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, first = run("build", "--edition", "bilingual", "--format", "pdf", "-v", cwd=root)
    assert code == 0 and "warning number" in first
    _no_checks(monkeypatch)
    code, _, again = run(
        "build", "--edition", "bilingual", "--format", "pdf", "--force", "-v", cwd=root
    )
    assert code == 0
    assert [ln for ln in again.splitlines() if "warning" in ln] == [
        ln for ln in first.splitlines() if "warning" in ln
    ]
