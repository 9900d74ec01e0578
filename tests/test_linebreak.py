"""Line breaking (CLREQ): assertions on the lines themselves, fake and real metrics."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reportgen import linebreak, script
from reportgen.linebreak import Fragment, Line, break_paragraph

FONTS = Path(__file__).resolve().parents[1] / "fonts"
CJK_FONT = FONTS / "NotoSerifCJKtc-Regular.ttf"
LATIN_FONT = FONTS / "NotoSerif-Regular.ttf"
SIZE = 10.0
URL = "https://www.info.gov.hk/gia/general/202109/23/P2021092300780.htm"
LANG = "zh-Hant-HK"

TORTURE = [
    "他說：「……」——。！？「真的嗎……」她問——沒有人回答。！？" * 3,
    "香港交易及結算所有限公司（Hong Kong Exchanges and Clearing Limited）於2021年9月23日"
    "公布業績，收入增長3.5%，共12個新項目，co-operation 持續。" * 3,
    f"詳情請參閱政府新聞公報{URL}，或致電查詢。Details: {URL} (in English).",
    "The Hong Kong Special Administrative Region Government announced today that the "
    "co-operation agreement, signed in 2021, covers 12 new initiatives worth 3.5% of GDP.",
]


def fake_measure(text: str, font: str, size: float) -> float:
    """Monospace: CJK one em, everything else half an em."""
    return sum(size if script.is_cjk(ch) else size / 2 for ch in text)


def frags_for(text: str) -> list[Fragment]:
    return [Fragment(part, kind, SIZE) for part, kind in script.segment(text)]


def line_text(line: Line) -> str:
    return "".join(item.text for item in line.items)


def right_edge(item: linebreak.Placed, measure) -> float:
    n = len(item.text)
    return item.x + measure(item.text, item.font, item.size) + item.char_space * (n - 1)


def check(lines: list[Line], text: str, width: float, measure, align: str, url_spans=()) -> None:
    rules = linebreak.RULES[linebreak.locale_family(LANG)]
    texts = [line_text(line) for line in lines]
    pos = 0
    forced_after: list[bool] = []
    skipped_ws: list[bool] = []
    for t in texts:  # exact text, only whitespace dropped at breaks
        start = pos
        while pos < len(text) and text[pos] in " \n" and not text.startswith(t, pos):
            pos += 1
        skipped_ws.append(pos > start)
        assert text[pos : pos + len(t)] == t, (pos, t)
        pos += len(t)
        forced_after.append(text.find("\n", pos) == pos or text[pos:].lstrip(" ").startswith("\n"))
    assert text[pos:].strip() == ""
    for i, (line, t) in enumerate(zip(lines, texts, strict=True)):
        if not t:
            continue
        last = i == len(lines) - 1
        assert line.last == last
        if i > 0 and not forced_after[i - 1]:
            assert t[0] not in rules.no_start, (i, t)
            prev = texts[i - 1]
            assert not (prev.endswith(("—", "…")) and t.startswith(("—", "…")))
            if not skipped_ws[i] and _latin(prev[-1]) and _latin(t[0]) and prev[-1] != "-":
                at = text.find(t, 0)
                assert any(a <= at < b for a, b in url_spans), f"word split: {prev!r} | {t!r}"
        if not last:
            assert t[-1] not in rules.no_end, (i, t)
        edges = [right_edge(item, measure) for item in line.items]
        right = max(edges)
        assert right <= width + SIZE + 0.01
        hanging = right > width + 0.01
        if hanging:  # one mark hangs, no more than an em past the edge
            assert t[-1] in rules.hang and line.items[-1].text == t[-1]
            assert line.items[-1].x <= width + 0.01
            right = max(edges[:-1])
        if align == "justify" and not last and not forced_after[i]:
            assert abs(right - width) < 0.01, (i, t, right)
        if last:
            assert all(item.char_space == 0 for item in line.items)
    if len(lines) > 1 and sum(ch.isalnum() for ch in texts[-2]) > 1:
        assert sum(ch.isalnum() for ch in texts[-1]) >= 2, texts[-2:]


def _latin(ch: str) -> bool:
    return ch.isalnum() and not script.is_cjk(ch)


def _url_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    while (at := text.find(URL, start)) >= 0:
        spans.append((at, at + len(URL)))
        start = at + 1
    return spans


@pytest.mark.parametrize("align", ["left", "justify", "centre", "right"])
@pytest.mark.parametrize("width", [123.0, 150.0, 237.0, 400.0])
@pytest.mark.parametrize("text", TORTURE, ids=["punct", "mixed", "url", "english"])
def test_torture_fake_metrics(text: str, width: float, align: str) -> None:
    lines = break_paragraph(frags_for(text), width, fake_measure, lang=LANG, align=align)
    check(lines, text, width, fake_measure, align, _url_spans(text))


@pytest.mark.parametrize("text", TORTURE, ids=["punct", "mixed", "url", "english"])
def test_too_narrow_for_the_rules_still_exact_and_never_too_wide(text: str) -> None:
    # 5.5 em cannot hold "說：「……」——。！？" without breaking a rule: the rules give
    # way, the text and the width do not.
    lines = break_paragraph(frags_for(text), 55, fake_measure, lang=LANG, align="justify")
    # a word wider than the line is cut with a hyphen: the text is exact but for those
    cut = "".join(line_text(line) for line in lines).replace(" ", "")
    assert cut.replace("-", "") == text.replace(" ", "").replace("-", "")
    for line in lines:
        assert max(right_edge(item, fake_measure) for item in line.items) <= 55 + SIZE + 0.01


def test_big_paragraph() -> None:
    text = ("".join(TORTURE[:2]) * 100)[:20_000]
    lines = break_paragraph(frags_for(text), 300, fake_measure, lang=LANG, align="justify")
    check(lines, text, 300, fake_measure, "justify")


def test_kinsoku_resolution_hang_push_in_push_out() -> None:
    # 10 em line; "。" falls on the 11th em: it hangs.
    lines = break_paragraph(frags_for("一二三四五六七八九十。再來"), 100, fake_measure, lang=LANG)
    assert line_text(lines[0]) == "一二三四五六七八九十。"
    # Two marks cannot both hang: push in if the line's punctuation can give 1.5 em.
    text = "一二（三）四五六七八九。」再來"
    hans = break_paragraph(frags_for(text), 115, fake_measure, lang="zh-Hans-CN")
    assert line_text(hans[0]) == "一二（三）四五六七八九。」"
    # zh-Hans: 。 gives its blank to the adjacent 」 (CLREQ 3.1.6); the half em still over
    # is resolved first by hanging 」 (one mark, at most one em past the edge)
    # (」 starts half an em before 。's box ends: 115, not 120)
    assert [(i.text, i.x) for i in hans[0].items] == [
        ("一二（三）四五六七八九。", 0.0),
        ("」", 115.0),
    ]
    # Traditional: centred 。 does not compress, brackets give only 1 em: push out.
    hant = break_paragraph(frags_for(text), 115, fake_measure, lang=LANG)
    assert [line_text(line) for line in hant] == ["一二（三）四五六七八", "九。」再來"]


def test_autospace_is_layout_only() -> None:
    lines = break_paragraph(frags_for("共12個"), 500, fake_measure, lang=LANG)
    xs = [(item.text, item.x) for item in lines[0].items]
    assert xs == [("共", 0.0), ("12", 12.5), ("個", 12.5 + 10 + 2.5)]
    punct = break_paragraph(frags_for("（12）"), 500, fake_measure, lang=LANG)
    assert [(item.text, item.x) for item in punct[0].items] == [("（", 0), ("12", 10), ("）", 20)]


def test_forced_break_and_spaces() -> None:
    text = "first line\nsecond   line that is long enough to wrap somewhere  "
    lines = break_paragraph(frags_for(text), 80, fake_measure, align="justify")
    assert line_text(lines[0]) == "first line"
    assert all(item.char_space == 0 for item in lines[0].items)
    assert all(not line_text(line).startswith(" ") for line in lines)
    assert all(not line_text(line).endswith(" ") for line in lines)
    check(lines, text, 80, fake_measure, "justify")


def test_lone_last_character_is_avoided() -> None:
    lines = break_paragraph(frags_for("一二三四五六七八九十再"), 100, fake_measure, lang=LANG)
    assert [line_text(line) for line in lines] == ["一二三四五六七八九", "十再"]


def test_compound_hyphen_and_long_number() -> None:
    lines = break_paragraph(frags_for("the co-operation"), 50, fake_measure)
    assert [line_text(line) for line in lines] == ["the co-", "operation"]
    digits = "1234567890" * 5
    lines = break_paragraph(frags_for(digits), 40, fake_measure)
    assert "".join(line_text(line) for line in lines) == digits
    assert all(fake_measure(line_text(line), "", SIZE) <= 40 for line in lines)


def test_rules_per_locale() -> None:
    hant, hans = linebreak.RULES["zh-Hant"], linebreak.RULES["zh-Hans"]
    assert "，" not in hant.compress and "，" in hans.compress
    assert hant.no_start == hans.no_start and "：" in hant.no_start
    assert linebreak.rules_for("zh-HK") == (hant.no_start, hant.no_end)
    assert linebreak.locale_family("zh-Hans-CN") == "zh-Hans"
    assert linebreak.locale_family("en-GB") == "en"


def _varied_text(n: int) -> str:
    """Mostly distinct Han (so no cache hides the calls), with words and punctuation."""
    rng = random.Random(n)
    marks = ["，", "。", "「", "」", " Hong Kong ", "co-operation", "2021", "3.5%", "……"]
    out = [chr(0x4E00 + i % 20_000) if i % 7 else rng.choice(marks) for i in range(n)]
    return "".join(out)[:n]


def test_measure_calls_are_linear() -> None:
    counts: dict[int, int] = {}
    for n in (1_000, 10_000, 100_000):
        calls = 0

        def counting(text: str, font: str, size: float) -> float:
            nonlocal calls
            calls += 1
            return fake_measure(text, font, size)

        break_paragraph(frags_for(_varied_text(n)), 300, counting, lang=LANG, align="justify")
        counts[n] = calls
        assert calls <= n  # at most once per unit
    assert counts[10_000] <= 11 * counts[1_000]
    assert counts[100_000] <= 11 * counts[10_000]


needs_fonts = pytest.mark.skipif(
    not (CJK_FONT.exists() and LATIN_FONT.exists()), reason="project fonts not present in fonts/"
)


@pytest.fixture(scope="module")
def real_measure():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for key, path in ((script.CJK, CJK_FONT), (script.LATIN, LATIN_FONT)):
        if key not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(key, str(path)))
    return pdfmetrics.stringWidth


@needs_fonts
@pytest.mark.parametrize("align", ["left", "justify"])
@pytest.mark.parametrize("width", [131.3, 180.0, 311.5])
@pytest.mark.parametrize("text", TORTURE, ids=["punct", "mixed", "url", "english"])
def test_torture_real_fonts(real_measure, text: str, width: float, align: str) -> None:
    lines = break_paragraph(frags_for(text), width, real_measure, lang=LANG, align=align)
    check(lines, text, width, real_measure, align, _url_spans(text))


@needs_fonts
def test_big_paragraph_real_fonts(real_measure) -> None:
    text = ("".join(TORTURE[:2]) * 100)[:20_000]
    lines = break_paragraph(frags_for(text), 300, real_measure, lang=LANG, align="justify")
    check(lines, text, 300, real_measure, "justify")


@pytest.mark.parametrize("unit", ["am", "p.m.", "km", "°C"])
def test_a_unit_stays_on_the_line_of_its_number(unit: str) -> None:
    """ "10:30" at a line's end and "am" at the next line's start read as two things."""
    text = f"The delegation will arrive at the venue at 10:30 {unit} and leave."
    start = text.index(" 10:30")
    # a width that ends the first line right after "10:30" when the space may break
    width = fake_measure(text[: start + 6], "", SIZE) + 1
    lines = break_paragraph(frags_for(text), width, fake_measure)
    texts = [line_text(line).strip() for line in lines]
    assert any(f"10:30 {unit}" in t for t in texts), texts  # on one line
    assert not any(t.startswith(unit) for t in texts), texts
    loose = break_paragraph(
        frags_for(text.replace(f"10:30 {unit}", "10:30 then")), width, fake_measure
    )
    assert line_text(loose[0]).strip().endswith("10:30")  # the width does cut there otherwise


def test_a_word_after_a_number_still_breaks() -> None:
    text = "The two sides signed 12 agreements in total at the meeting."
    width = fake_measure("The two sides signed 12", "", SIZE) + 1
    lines = break_paragraph(frags_for(text), width, fake_measure)
    assert line_text(lines[0]).strip() == "The two sides signed 12"
