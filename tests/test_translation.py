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
    entries = [line for line in lock.splitlines() if line.startswith('"')]
    assert entries == sorted(entries) and len(entries) == 33
    assert '\n"briefing-pack:cover.venue": "Chengdu, Sichuan"\n' in lock
    edit(proj / EN, "venue: Chengdu, Sichuan", "venue: Chengdu")
    code, _, err = run("check", cwd=proj)
    assert code == 0
    assert err.splitlines()[0] == (
        f"{ZH}:8:10: warning stale: 'cover.venue': English changed since the translation was "
        f"confirmed: 'Chengdu, Sichuan' → 'Chengdu' (English at {EN}:6:10); review it, then "
        f"'reportgen sync --accept {ZH}:cover.venue'"
    )
    assert run("check", "--strict", cwd=proj)[0] == 1
    code, out, _ = run("sync", "--accept", f"{ZH}:cover.venue", cwd=proj)
    assert (code, out) == (0, f"accepted 1 key(s) of {ZH}:cover.venue\n")
    assert run("check", "--strict", cwd=proj)[0] == 0
    assert run("sync", "--accept", f"{ZH}:cover.nothing", cwd=proj)[0] == 1
    assert run("sync", "--accept", "reportgen.yaml", cwd=proj)[0] == 2


def test_stale_long_paragraph_shows_the_change(proj: Path) -> None:
    run("sync", "--accept", ZH, cwd=proj)
    edit(proj / EN, "established in May 2018.", "established in June 2018.")
    code, _, err = run("check", cwd=proj)
    assert err.splitlines()[0].startswith(
        f"{ZH}:26:7: warning stale: 'background.paragraphs[0]': English changed since the "
        "translation was confirmed: '… was established in [May → June] 2018. AT&T R&D <b>n…'"
    )


def test_fix_commands_run_as_printed_from_another_folder(proj: Path) -> None:
    run("sync", "--accept", ZH, cwd=proj)
    edit(proj / EN, "venue: Chengdu, Sichuan", "venue: Chengdu")
    code, _, err = run("check", proj.name, cwd=proj.parent)
    command = err.splitlines()[0].split("then '")[1].rstrip("'")
    assert command == f"reportgen sync {proj.name} --accept {ZH}:cover.venue"
    args = command.split()[1:]
    assert run(*args, cwd=proj.parent) == (0, f"accepted 1 key(s) of {ZH}:cover.venue\n", "")
    assert run("check", "--strict", proj.name, cwd=proj.parent)[0] == 0


def test_sync_accepts_several_paths_after_one_flag(proj: Path) -> None:
    code, out, _ = run(
        "sync", "--accept", f"{ZH}:cover.venue", f"{ZH}:cover.title", "--accept", EN, cwd=proj
    )
    assert (code, out.splitlines()) == (
        0,
        [
            f"accepted 1 key(s) of {ZH}:cover.venue",
            f"accepted 33 key(s) of {EN}",
            f"accepted 1 key(s) of {ZH}:cover.title (no change)",
        ],
    )
    code, out, _ = run("sync", proj.name, "--accept", ZH, cwd=proj.parent)
    assert (code, out) == (0, f"accepted 33 key(s) of {ZH} (no change)\n")
    assert run("sync", cwd=proj)[0] == 2


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
    run("sync", "--accept", ZH, cwd=proj)
    edit(proj / ZH, "        - 歡迎來自{{ place }}的{{ count }}名訪客。\n", "")
    edit(proj / ZH, "venue: 四川成都", "venue: Chengdu, Sichuan")
    edit(proj / EN, "title: Briefing Pack", "title: Briefing Notes")
    edit(proj / ZH, "heading: 背景", "heading: 背景資料")  # still confirmed: the English is
    lock = proj / "translations.lock"
    edit(lock, '"briefing-pack:remarks.attribution": "Mrs Carrie Lam"\n', "")
    code, out, err = run("status", cwd=proj)
    assert code == 0
    assert out.splitlines() == [
        "document       lang  strings  confirmed  unconfirmed  stale  untranslated  missing  done",
        "briefing-pack  zh         33         29            1      1             1        1   87%",
        "total                     33         29            1      1             1        1   87%",
    ]
    # round qa2: the table has counts only; one line on stderr says where the keys are
    assert err.splitlines() == [
        "4 string(s) to translate or confirm: 'reportgen check' lists each with its "
        "file:line and what to do; 'reportgen xliff export' writes them for a CAT tool"
    ]
    run("sync", "--accept", ZH, cwd=proj)
    edit(proj / ZH, "venue: Chengdu, Sichuan", "venue: 四川成都")
    code, out, err = run("status", cwd=proj)
    assert err.startswith("1 string(s) to translate or confirm: ")  # the missing one


def test_status_says_nothing_more_when_all_is_done(proj: Path) -> None:
    run("sync", "--accept", ZH, cwd=proj)
    code, out, err = run("status", cwd=proj)
    assert code == 0 and out.splitlines()[-1].endswith("100%") and err == ""


def test_status_and_export_report_a_yaml_error(proj: Path) -> None:
    edit(proj / ZH, "  title: 簡報資料\n", "  title: 簡報資料\n   bad: [\n")
    for args in (("status",), ("xliff", "export", "-o", "x.xlf")):
        code, out, err = run(*args, cwd=proj)
        assert code == 1, args
        assert err.splitlines()[0].startswith(f"{ZH}:"), err
        assert " error yaml-syntax: " in err.splitlines()[0]
    assert not (proj / "x.xlf").exists()


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
        "document  lang  strings  confirmed  unconfirmed  stale  untranslated  missing  done"
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


def test_glossary_most_specific_term_wins(proj: Path) -> None:
    (proj / "glossary.yaml").write_text(
        "Secretary for Justice: 律政司司長\n"
        "Permanent Secretary for Justice: 律政司常任秘書長\n"
        "Chief Executive: 行政長官\n",
        encoding="utf-8",
    )
    edit(proj / EN, "title: Chief Executive}", "title: Permanent Secretary for Justice}")
    edit(proj / ZH, "title: 行政長官}", "title: 律政司常任秘書長}")
    assert run("check", "--strict", cwd=proj)[0] == 0
    edit(proj / ZH, "title: 律政司常任秘書長}", "title: 律政司司長}")
    code, _, err = run("check", cwd=proj)
    assert err.splitlines()[0] == (
        f"{ZH}:22:43: warning glossary: 'delegations.groups.hksar.members.carrie-lam.title': "
        "the English has 'Permanent Secretary for Justice'; the Chinese should use 律政司常任秘書長"
    )
    assert len(err.splitlines()) == 1  # the shorter term inside it is not reported too


CMAB_GLOSSARY = (
    "Secretary for Constitutional and Mainland Affairs: 政制及內地事務局局長\n"
    "Chief Executive: 行政長官\n"
)


def test_glossary_term_inside_a_longer_title_is_not_demanded(proj: Path) -> None:
    """QA: a Principal Assistant Secretary for X is 首席助理秘書長, not the Secretary's 局長."""
    (proj / "glossary.yaml").write_text(CMAB_GLOSSARY, encoding="utf-8")
    edit(
        proj / EN,
        "title: Chief Executive}",
        "title: Principal Assistant Secretary for Constitutional and Mainland Affairs (Mainland)}",
    )
    edit(proj / ZH, "title: 行政長官}", "title: 政制及內地事務局首席助理秘書長（內地）}")
    assert run("check", "--strict", cwd=proj) == (
        0,
        "ok: 0 error(s), 0 warning(s) in 1 document(s)\n",
        "",
    )


def test_glossary_term_as_the_title_itself_is_still_demanded(proj: Path) -> None:
    (proj / "glossary.yaml").write_text(CMAB_GLOSSARY, encoding="utf-8")
    edit(
        proj / EN,
        "title: Chief Executive}",
        "title: the Secretary for Constitutional and Mainland Affairs said}",
    )
    edit(proj / ZH, "title: 行政長官}", "title: 政制及內地事務局首席助理秘書長表示}")
    code, out, err = run("check", cwd=proj)
    assert code == 0
    assert err.splitlines() == [
        f"{ZH}:22:43: warning glossary: 'delegations.groups.hksar.members.carrie-lam.title': "
        "the English has 'Secretary for Constitutional and Mainland Affairs'; the Chinese "
        "should use 政制及內地事務局局長",
    ]
    assert out == "0 error(s), 1 warning(s) in 1 document(s)\n"
    edit(proj / ZH, "政制及內地事務局首席助理秘書長表示}", "政制及內地事務局局長表示}")
    assert run("check", "--strict", cwd=proj)[0] == 0


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("Principal Assistant Secretary for Justice", []),
        ("Deputy Secretary for Justice", []),
        ("Under Secretary for Justice", []),
        ("Political Assistant to the Secretary for Justice", []),
        ("Permanent Secretary for Justice", ["Permanent Secretary for Justice"]),
        ("Acting Secretary for Justice", ["Secretary for Justice"]),  # 署理律政司司長
        ("He wrote to the Secretary for Justice", ["Secretary for Justice"]),
        ("Under Secretary for Justice and the Secretary for Justice", ["Secretary for Justice"]),
        ("Deputy Director of Justice Bureau", ["Justice Bureau"]),  # the name inside still counts
    ],
)
def test_title_forming_words(english: str, expected: list[str]) -> None:
    from reportgen.translation import _specific_first

    glossary = {
        "Secretary for Justice": ["律政司司長"],
        "Permanent Secretary for Justice": ["律政司常任秘書長"],
        "Justice Bureau": ["律政司"],
    }
    assert [term for term, _ in _specific_first(glossary, english)] == expected


def test_exception_accepts_a_reviewed_warning(proj: Path) -> None:
    edit(proj / ZH, "venue: 四川成都", "venue: Chengdu, Sichuan")
    (proj / "exceptions.yaml").write_text(
        f"{ZH}:\n  cover.venue:\n    untranslated: the hotel asks for its English name (AB)\n",
        encoding="utf-8",
    )
    assert run("check", "--strict", cwd=proj) == (
        0,
        "ok: 0 error(s), 0 warning(s) in 1 document(s); 1 accepted in exceptions.yaml\n",
        "",
    )
    code, out, _ = run("status", cwd=proj)
    assert out.splitlines()[-2:] == [
        "accepted in exceptions.yaml:",
        f"  {ZH}:cover.venue untranslated: the hotel asks for its English name (AB)",
    ]
    edit(proj / ZH, "venue: Chengdu, Sichuan", "venue: 四川成都")
    code, _, err = run("check", cwd=proj)
    assert err.splitlines()[0] == (
        "exceptions.yaml:3:5: warning config: the exception for 'untranslated' at "
        f"{ZH}:cover.venue matches no warning (fixed, or the text changed); delete it"
    )


def test_exception_is_not_called_stale_when_the_file_could_not_be_checked(proj: Path) -> None:
    """Round qa2: with no schema/ folder (or a file that fails to load) the value checks do
    not run, so an accepted warning is not found; that is no reason to say 'delete it'."""
    edit(proj / ZH, "venue: 四川成都", "venue: Chengdu, Sichuan")
    (proj / "exceptions.yaml").write_text(
        f"{ZH}:\n  cover.venue:\n    untranslated: the hotel asks for its English name (AB)\n",
        encoding="utf-8",
    )
    (proj / "schema").rename(proj / "schema-away")
    code, _, err = run("check", cwd=proj)
    assert code == 1
    assert (
        "schema/briefing-pack.facts.schema.json: error missing-file: schema file not found; "
        "copy it from the schema/ folder of a new project ('reportgen init NEW')"
    ) in err.splitlines()
    assert "matches no warning" not in err
    (proj / "schema-away").rename(proj / "schema")
    (proj / ZH).write_text("cover: [\n", encoding="utf-8")  # and a file that does not load
    code, _, err = run("check", cwd=proj)
    assert code == 1 and "yaml-syntax" in err and "matches no warning" not in err


def test_exception_needs_a_reason_and_cannot_hide_errors(proj: Path) -> None:
    edit(proj / ZH, "{{ count }}名", "名")
    (proj / "exceptions.yaml").write_text(
        f'{ZH}:\n  "*":\n    placeholder-mismatch: fine\n    number: ""\n', encoding="utf-8"
    )
    code, _, err = run("check", cwd=proj)
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith(f"{ZH}:37:11: error placeholder-mismatch:")
    assert "exceptions.yaml:4:5: error config: 'number' under '*' needs a reason" in err
