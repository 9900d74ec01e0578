"""XLIFF 1.2 export/import: round trips keep the YAML byte-identical; edits touch one value."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import make_project
from test_cli_errors import edit, run

from reportgen.xliff import NS, edit_yaml

ZH = "content/zh/briefing-pack.yaml"
EN = "content/en/briefing-pack.yaml"
T = f"{{{NS}}}"


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    return make_project(tmp_path, "translation-basic")


def units(path: Path) -> dict[str, ET.Element]:
    root = ET.parse(path).getroot()
    return {u.get("id"): u for u in root.iter(f"{T}trans-unit")}


def set_target(
    path: Path, key: str, text: str, state: str = "translated", approved: str = "yes"
) -> None:
    tree = ET.parse(path)
    ET.register_namespace("", NS)
    for unit in tree.getroot().iter(f"{T}trans-unit"):
        if unit.get("id") == key:
            target = unit.find(f"{T}target")
            target.text, target.attrib["state"] = text, state
            unit.set("approved", approved)
    tree.write(path, encoding="utf-8", xml_declaration=True)


def test_export_all_and_default(proj: Path) -> None:
    run("sync", "--accept", ZH, cwd=proj)
    code, out, _ = run("xliff", "export", "--all", "-o", "all.xlf", cwd=proj)
    assert (code, out) == (0, "wrote 33 unit(s) to all.xlf\n")
    root = ET.parse(proj / "all.xlf").getroot()
    assert root.get("version") == "1.2"
    [file_el] = root.iter(f"{T}file")
    assert (
        file_el.get("original"),
        file_el.get("source-language"),
        file_el.get("target-language"),
    ) == (ZH, "en", "zh-HK")
    unit = units(proj / "all.xlf")["cover.venue"]
    assert unit.get("resname") == "cover.venue"
    assert unit.find(f"{T}source").text == "Chengdu, Sichuan"
    assert unit.find(f"{T}target").text == "四川成都"
    assert unit.find(f"{T}target").get("state") == "final"
    assert unit.get("approved") == "yes"
    code, out, _ = run("xliff", "export", "-o", "todo.xlf", cwd=proj)
    assert (code, out) == (0, "wrote 0 unit(s) to todo.xlf\n")
    # nothing to translate is still valid XLIFF 1.2: a <file> with an empty <body>
    root = ET.parse(proj / "todo.xlf").getroot()
    [file_el] = root.findall(f"{T}file")
    assert [c.tag for c in file_el] == [f"{T}body"] and len(file_el[0]) == 0


def test_export_only_work_to_do(proj: Path) -> None:
    text = (proj / ZH).read_text(encoding="utf-8")
    (proj / ZH).write_text(
        text.replace("venue: 四川成都", "venue: Chengdu, Sichuan").replace(
            "        - 歡迎來自{{ place }}的{{ count }}名訪客。\n", ""
        ),
        encoding="utf-8",
    )
    run("sync", "--accept", ZH, cwd=proj)
    text = (proj / EN).read_text(encoding="utf-8")
    (proj / EN).write_text(
        text.replace("title: Briefing Pack", "title: Briefing Notes"), encoding="utf-8"
    )
    lock = proj / "translations.lock"
    edit(lock, '"briefing-pack:remarks.heading": "Key Remarks"\n', "")
    assert run("xliff", "export", "-o", "t.xlf", cwd=proj)[1] == "wrote 4 unit(s) to t.xlf\n"
    found = units(proj / "t.xlf")
    states = {k: (u.find(f"{T}target").get("state"), u.get("approved")) for k, u in found.items()}
    assert states == {
        "cover.title": ("needs-review-translation", "no"),
        "cover.venue": ("needs-translation", "no"),
        "areas.items.trade.points[2]": ("needs-translation", "no"),
        "remarks.heading": ("translated", "no"),
    }
    title = found["cover.title"]
    [alt] = title.findall(f"{T}alt-trans")
    assert alt.get("alttranstype") == "previous-version"
    assert (alt.find(f"{T}source").text, alt.find(f"{T}target").text) == (
        "Briefing Pack",
        "簡報資料",
    )
    [group] = title.findall(f"{T}context-group")
    assert group.get("purpose") == "location"
    assert [(c.get("context-type"), c.text) for c in group] == [
        ("sourcefile", EN),
        ("linenumber", "3"),
    ]
    assert [c.tag for c in title] == [
        f"{T}{n}" for n in ("source", "target", "context-group", "note", "alt-trans")
    ]


def test_round_trip_without_changes_is_byte_identical(proj: Path) -> None:
    run("sync", "--accept", ZH, cwd=proj)
    before = (proj / ZH).read_bytes()
    run("xliff", "export", "--all", "-o", "all.xlf", cwd=proj)
    code, out, _ = run("xliff", "import", "all.xlf", cwd=proj)
    assert (code, out) == (0, "imported 0 file(s); 33 unit(s) confirmed\n")
    assert (proj / ZH).read_bytes() == before
    assert run("check", "--strict", cwd=proj)[0] == 0


def test_changed_targets_change_only_those_values(proj: Path) -> None:
    run("sync", "--accept", ZH, cwd=proj)
    before = (proj / ZH).read_text(encoding="utf-8")
    run("xliff", "export", "--all", "-o", "all.xlf", cwd=proj)
    set_target(proj / "all.xlf", "cover.venue", "四川省成都市")
    set_target(proj / "all.xlf", "remarks.paragraphs[0]", "香港會繼續發揮優勢。\n兩地互利共贏。")
    set_target(proj / "all.xlf", "background.paragraphs[0]", "二〇一八年：「引號」\n第二行1<2。")
    set_target(proj / "all.xlf", "programme.items.arrive.venue", "錦江賓館[大堂]")
    code, out, _ = run("xliff", "import", "all.xlf", cwd=proj)
    assert (code, out) == (0, f"updated {ZH}\nimported 1 file(s); 33 unit(s) confirmed\n")
    after = (proj / ZH).read_text(encoding="utf-8")
    remarks = (
        "    - >-\n      香港會繼續發揮自身優勢，把握成渝地區雙城經濟圈建設的機遇，"
        "港川兩地在深化合作中互利共贏。"
    )
    background = before.split("    - |-\n")[1].split("\n")[0]
    expected = (
        before.replace("venue: 四川成都", "venue: 四川省成都市")
        .replace(remarks, "    - >-\n      香港會繼續發揮優勢。\n\n      兩地互利共贏。")
        .replace(background, "      二〇一八年：「引號」\n      第二行1<2。")
        .replace("venue: 錦江賓館}", 'venue: "錦江賓館[大堂]"}')
    )
    assert after == expected
    assert after.startswith("# yaml-language-server: $schema=")
    assert "# 譯者注：參與項目" in after
    assert run("check", "--strict", cwd=proj)[0] == 0


def test_import_fills_a_missing_list_item(proj: Path) -> None:
    run("sync", "--accept", ZH, cwd=proj)
    run("xliff", "export", "--all", "-o", "all.xlf", cwd=proj)
    text = (proj / ZH).read_text(encoding="utf-8")
    (proj / ZH).write_text(
        text.replace("        - 歡迎來自{{ place }}的{{ count }}名訪客。\n", ""), encoding="utf-8"
    )
    assert run("check", cwd=proj)[0] == 1
    assert run("xliff", "import", "all.xlf", cwd=proj)[0] == 0
    assert (proj / ZH).read_text(encoding="utf-8") == text
    assert run("check", "--strict", cwd=proj)[0] == 0


def test_unknown_unit_is_rejected(proj: Path) -> None:
    run("xliff", "export", "--all", "-o", "all.xlf", cwd=proj)
    data = (proj / "all.xlf").read_text(encoding="utf-8")
    (proj / "all.xlf").write_text(
        data.replace('id="cover.venue"', 'id="cover.place"'), encoding="utf-8"
    )
    before = (proj / ZH).read_bytes()
    code, _, err = run("xliff", "import", "all.xlf", cwd=proj)
    assert code == 1
    assert err.splitlines() == [
        "all.xlf: error extra-key: trans-unit 'cover.place' does not exist in briefing-pack.yaml "
        "(briefing-pack); export again",
        "1 error(s); nothing was written",
    ]
    assert (proj / ZH).read_bytes() == before
    assert not (proj / "translations.lock").exists()


def test_doctype_is_refused(proj: Path) -> None:
    (proj / "evil.xlf").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<xliff version="1.2"/>\n',
        encoding="utf-8",
    )
    code, _, err = run("xliff", "import", "evil.xlf", cwd=proj)
    assert code == 1
    assert err.splitlines()[0] == (
        "evil.xlf:2:1: error unsafe-path: DTDs and entity declarations are not allowed in XLIFF "
        "files (<!DOCTYPE/<!ENTITY); export the file again from your CAT tool"
    )


def test_edit_yaml_styles() -> None:
    text = "# head\na: plain  # keep\nb: 'it''s'\nc: {x: 1, y: 2}\nd:\n  - one\n"
    new = edit_yaml(text, {("a",): "no", ("b",): "it's new", ("c", "y"): "a, b", ("d", 1): "two"})
    assert new == (
        "# head\na: no  # keep\nb: 'it''s new'\nc: {x: 1, y: \"a, b\"}\nd:\n  - one\n  - two\n"
    )


def test_import_says_which_written_targets_it_did_not_confirm(proj: Path) -> None:
    """Round qa2: a CAT tool's 'translated' (approved="no") target was written but not
    confirmed, and import said only '0 unit(s) confirmed'."""
    run("sync", "--accept", ZH, cwd=proj)
    run("xliff", "export", "--all", "-o", "all.xlf", cwd=proj)
    set_target(proj / "all.xlf", "cover.venue", "四川省成都市", approved="no")
    set_target(proj / "all.xlf", "cover.title", "簡報", "needs-review-translation", "no")
    code, out, err = run("xliff", "import", "all.xlf", cwd=proj)
    assert (code, out) == (0, f"updated {ZH}\nimported 1 file(s); 31 unit(s) confirmed\n")
    assert err.splitlines() == [
        f"2 unit(s) written but not confirmed ({ZH}:cover.title, {ZH}:cover.venue): the XLIFF "
        "does not mark them approved or final; review them, then 'reportgen sync --accept "
        f"{ZH}' (or approve them in the CAT tool and import again)"
    ]
    code, _, err = run("xliff", "import", "all.xlf", cwd=proj)
    assert (code, err) == (0, "")  # nothing written the second time


def test_an_approved_target_with_wrong_placeholders_is_written_not_confirmed(proj: Path) -> None:
    """An approved CAT target that dropped a placeholder used to be confirmed in the lock
    although 'check' reports it as an error."""
    run("sync", "--accept", ZH, cwd=proj)
    run("xliff", "export", "--all", "-o", "all.xlf", cwd=proj)
    [key] = [
        k
        for k, u in units(proj / "all.xlf").items()
        if "{{ count }}" in (u.findtext(f"{T}source") or "")
    ]
    set_target(proj / "all.xlf", key, "歡迎來自{{ place }}的訪客。", state="final")
    code, out, err = run("xliff", "import", "all.xlf", cwd=proj)
    assert (code, out) == (0, f"updated {ZH}\nimported 1 file(s); 32 unit(s) confirmed\n")
    assert err.splitlines() == [
        f"all.xlf: warning placeholder-mismatch: '{key}' placeholders differ: {{{{ count }}}} in "
        "the English but not the Chinese; written but not confirmed: copy them exactly, then "
        "'reportgen sync --accept'"
    ]
    assert "歡迎來自{{ place }}的訪客。" in (proj / ZH).read_text(encoding="utf-8")
    code, _, err = run("check", cwd=proj)
    assert code == 1 and f"error placeholder-mismatch: '{key}'" in err
