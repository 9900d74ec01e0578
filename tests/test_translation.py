"""Translation checks: one test per diagnostic code with the exact line and exit code;
--strict, --format json, sync --accept and the status table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FONTS, make_project
from test_cli_errors import edit, run

from reportgen.diagnostics import Location, error
from reportgen.translation import parse_key, superseded

pytestmark = pytest.mark.skipif(
    not (FONTS / "NotoSerif-Regular.ttf").is_file(), reason="fonts/*.ttf not made yet"
)
ZH = "content/zh/briefing-pack.yaml"
EN = "content/en/briefing-pack.yaml"


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    return make_project(tmp_path, "translation-basic")


def test_clean_fixture(proj: Path) -> None:
    assert run("check", cwd=proj) == (0, "ok: 0 error(s), 0 warning(s) in 1 document(s)\n", "")


def test_missing_key(proj: Path) -> None:
    edit(proj / ZH, "        - 歡迎來自{{ place }}的{{ count }}名訪客。\n", "")
    code, _, err = run("check", cwd=proj)
    assert code == 1
    assert err.splitlines() == [
        f"{ZH}:33:7: error missing-key: 'areas.items.trade.points[2]' is missing "
        f"(English at {EN}:34:11); translate it",
        "1 error(s), 0 warning(s) in 1 document(s)",
    ]


def test_extra_key(proj: Path) -> None:
    edit(proj / ZH, "名訪客。\n", "名訪客。\n        - 多餘。\n")
    code, _, err = run("check", cwd=proj)
    assert code == 1
    assert err.splitlines()[0] == (
        f"{ZH}:38:11: error extra-key: 'areas.items.trade.points[3]' is not in the English file "
        f"(English 'areas.items.trade.points' at {EN}:31:7); delete it"
    )


def test_untranslated_is_a_warning_strict_fails(proj: Path) -> None:
    edit(proj / ZH, "venue: 四川成都", "venue: Chengdu, Sichuan")
    edit(proj / ZH, "subtitle: 香港代表團", "subtitle: Hong Kong Team")
    expected = [
        f"{ZH}:6:13: warning untranslated: 'cover.subtitle' has no Chinese text; translate it",
        f"{ZH}:8:10: warning untranslated: 'cover.venue' is the same as the English; translate it",
        "0 error(s), 2 warning(s) in 1 document(s)",
    ]
    code, out, err = run("check", cwd=proj)
    assert (code, err.splitlines(), out.splitlines()) == (0, expected[:2], expected[2:])
    code, _, err = run("check", "--strict", cwd=proj)
    assert (code, err.splitlines()) == (1, expected)


def test_placeholder_mismatch(proj: Path) -> None:
    edit(proj / ZH, "{{ count }}名", "名")
    code, _, err = run("check", cwd=proj)
    assert code == 1
    assert err.splitlines()[0] == (
        f"{ZH}:37:11: error placeholder-mismatch: 'areas.items.trade.points[2]' placeholders "
        "differ: {{ count }} in the English but not the Chinese; copy them exactly"
    )


def test_glossary(proj: Path) -> None:
    edit(proj / ZH, "title: 行政長官}", "title: 特首}")
    code, _, err = run("check", cwd=proj)
    assert code == 0
    assert err.splitlines()[0] == (
        f"{ZH}:22:43: warning glossary: 'delegations.groups.hksar.members.carrie-lam.title': "
        "the English has 'Chief Executive'; the Chinese should use 行政長官"
    )


def test_glossary_alternatives_and_word_boundary(proj: Path) -> None:
    edit(proj / ZH, "參與「一帶一路」項目。", "參與「帶路」項目。")  # an agreed alternative
    edit(proj / EN, "title: Chief Executive}", "title: Chief Executives' Office}")
    code, _, err = run("check", cwd=proj)
    assert (code, err) == (0, "")


def test_stale_and_sync_accept(proj: Path) -> None:
    assert not (proj / "translations.lock").exists()
    code, out, _ = run("sync", "--accept", ZH, cwd=proj)
    assert (code, out) == (0, f"accepted 33 key(s) of {ZH}\n")
    lock = (proj / "translations.lock").read_text(encoding="utf-8")
    keys = [line.split('"')[1] for line in lock.splitlines() if line.startswith("  ")]
    assert keys == sorted(keys) and '  "cover.venue": "' in lock
    edit(proj / EN, "venue: Chengdu, Sichuan", "venue: Chengdu")
    code, _, err = run("check", cwd=proj)
    assert code == 0
    assert err.splitlines()[0] == (
        f"{ZH}:8:10: warning stale: 'cover.venue': English changed since the translation was "
        f"confirmed (English at {EN}:6:10); review it, then "
        f"'reportgen sync --accept {ZH}:cover.venue'"
    )
    assert run("check", "--strict", cwd=proj)[0] == 1
    code, out, _ = run("sync", "--accept", f"{ZH}:cover.venue", cwd=proj)
    assert (code, out) == (0, f"accepted 1 key(s) of {ZH}:cover.venue\n")
    assert run("check", "--strict", cwd=proj)[0] == 0
    assert run("sync", "--accept", f"{ZH}:cover.nothing", cwd=proj)[0] == 1
    assert run("sync", "--accept", "reportgen.yaml", cwd=proj)[0] == 2


def test_sync_accept_english_path_and_subtree(proj: Path) -> None:
    code, out, _ = run("sync", "--accept", f"{EN}:areas.items.trade", cwd=proj)
    assert (code, out) == (0, f"accepted 4 key(s) of {EN}:areas.items.trade\n")


def test_json_format(proj: Path) -> None:
    edit(proj / ZH, "{{ count }}名", "名")
    code, out, _ = run("check", "--format", "json", cwd=proj)
    assert code == 1
    [diag] = json.loads(out)
    assert diag["code"] == "placeholder-mismatch"
    assert diag["severity"] == "error"
    assert diag["location"] == {
        "path": ZH,
        "line": 37,
        "column": 11,
        "key": "areas.items.trade.points[2]",
        "lang": "zh",
    }
    assert diag["related"][0]["path"] == EN


def test_status_table(proj: Path) -> None:
    edit(proj / ZH, "        - 歡迎來自{{ place }}的{{ count }}名訪客。\n", "")
    edit(proj / ZH, "venue: 四川成都", "venue: Chengdu, Sichuan")
    code, out, _ = run("status", cwd=proj)
    assert code == 0
    assert out.splitlines() == [
        "document       lang  strings  translated  stale  missing  done",
        "briefing-pack  en         33          33      0        0  100%",
        "briefing-pack  zh         33          31      0        1   93%",
    ]


def test_translation_none_is_skipped(proj: Path) -> None:
    cfg = proj / "reportgen.yaml"
    edit(
        cfg,
        "    formats: [pdf, docx]",
        "    formats: [pdf, docx]\n    translation: none\n    authoritative: en",
    )
    edit(cfg, "editions: [en, zh, bilingual]", "editions: [en]")
    (proj / ZH).unlink()
    assert run("check", cwd=proj)[0] == 0
    assert run("status", cwd=proj)[1].splitlines() == [
        "document  lang  strings  translated  stale  missing  done"
    ]


def test_parse_key() -> None:
    assert parse_key("areas.items.youth.points[2]") == ("areas", "items", "youth", "points", 2)
    with pytest.raises(ValueError):
        parse_key("areas..x")


def test_superseded_schema_diagnostic() -> None:
    where = Location("content/zh/x.yaml", 7, 1, "programme", "zh")
    schema = error("schema", "missing key 'heading' under 'programme'; add it", where)
    parity = error("missing-key", "...", Location(where.path, 7, 1, "programme.heading", "zh"))
    other = error("schema", "missing key 'columns' under 'programme'; add it", where)
    assert superseded(schema, [parity])
    assert not superseded(other, [parity])
