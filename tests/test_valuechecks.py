"""Value checks: every check with texts it must flag and correct text it must pass; the
corpus of correct Hong Kong government text passes 'check --strict'; exact diagnostic lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import FONTS, make_project
from test_cli_errors import edit, run

from reportgen.valuechecks import Value, run_checks
from reportgen.valuechecks.chinese_numerals import numeral_value
from reportgen.valuechecks.punctuation import punctuation_findings

CORPUS = Path(__file__).parent / "corpus" / "hk-government.yaml"
ZH = "content/zh/briefing-pack.yaml"
EN = "content/en/briefing-pack.yaml"
needs_fonts = pytest.mark.skipif(
    not (FONTS / "NotoSerif-Regular.ttf").is_file(), reason="fonts/*.ttf not made yet"
)


def codes(zh: str, en: str, key: tuple[str | int, ...] = ("x",), target: str = "zh") -> list[str]:
    return [f.code for f in run_checks(Value(key, zh, en, target))]


def messages(zh: str, en: str, key: tuple[str | int, ...] = ("x",)) -> list[str]:
    return [f.message for f in run_checks(Value(key, zh, en))]


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("run_", "value"),
    [
        ("二○二一", 2021),
        ("二〇一八", 2018),
        ("十三", 13),
        ("十二", 12),
        ("二十三", 23),
        ("一百零五", 105),
        ("三千", 3000),
        ("一萬二千", 12000),
        ("三億五千萬", 350_000_000),
        ("兩", 2),
        ("二二", 22),
    ],
)
def test_chinese_numerals(run_: str, value: int) -> None:
    assert numeral_value(run_) == value


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        (
            "會議於二○一二年舉行。",
            "The meeting was held in 2021.",
            "'x': the English has 2021 and the Chinese has no number of that value "
            "(the Chinese has 二○一二 = 2012); check the number",
        ),
        (
            "雙方就十三個範疇達成共識。",
            "The two sides agreed on 12 areas.",
            "'x': the English has 12 and the Chinese has no number of that value "
            "(the Chinese has 十三 = 13); check the number",
        ),
        (
            "會議於2012年舉行。",
            "The meeting was held in 2021.",
            "'x': the English has 2021 and the Chinese has no number of that value "
            "(the Chinese has 2012); check the number",
        ),
        (
            "增加百分之十六。",
            "An increase of 15%.",
            "'x': the English has 15 and the Chinese has no number of that value "
            "(the Chinese has 十六 = 16); check the number",
        ),
        (
            "會議於２０２１年舉行。",
            "The meeting was held in 2021.",
            "'x' has full-width digits '２０２１'; write 2021",
        ),
    ],
)
def test_number_mismatch_is_flagged(zh: str, en: str, expected: str) -> None:
    assert messages(zh, en)[0] == expected


def test_extra_chinese_number_is_flagged() -> None:
    assert messages("約有150名學生。", "About 15 students.")[-1] == (
        "'x': the Chinese has 150 and the English has no number of that value "
        "(English: About 15 students.); check the number"
    )


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("二○二一年九月二十三日", "23 September 2021"),
        ("2021年9月23日", "23 September 2021"),
        ("12億港元", "HK$1.2 billion"),
        ("150萬名旅客", "1.5 million visitors"),
        ("百分之十五", "15 per cent"),
        ("一帶一路", "Belt and Road"),
        ("三年內兩度舉行", "twice in three years"),
        ("下午2時30分", "2.30 pm"),
        ("14時30分", "2.30 pm"),
        ("2019冠狀病毒病", "COVID-19"),
        ("第五條", "Article 5"),
        ("二○二一至二二年度", "2021-22"),
        ("逾40,000名", "over 40,000"),
    ],
)
def test_numbers_equal_in_value_pass(zh: str, en: str) -> None:
    assert "number" not in codes(zh, en)


# ---------------------------------------------------------------- punctuation


@pytest.mark.parametrize(
    ("zh", "expected"),
    [
        (
            "錦江賓館, 大堂",
            "'x' has a half-width ',' in Chinese text ('錦江賓館, 大堂'); write '，'",
        ),
        ("會議結束.", "'x' has a half-width '.' in Chinese text ('會議結束.'); write '。'"),
        ("例如: 香港", "'x' has a half-width ':' in Chinese text ('例如: 香港'); write '：'"),
        ("公司(港交所)", "'x' has a half-width '(' in Chinese text ('公司(港交所)'); write '（'"),
        (
            '推動"走出去"',
            "'x' has the quotation mark \" ('推動\"走出去\"'); zh-Hant-HK text uses 「」 "
            "(and 『』 inside them)",
        ),
        (
            "推動“走出去”",
            "'x' has the quotation mark “ ('推動“走出去”'); zh-Hant-HK text uses 「」 "
            "(and 『』 inside them)",
        ),
        (
            "香港， 四川",
            "'x' has a space next to '，' ('香港， 四川'); full-width marks carry their own "
            "spacing: delete the space",
        ),
        ("推動「走出去", "'x' has 1 '「' and 0 '」'; close every mark you open"),
        ("包括青年等...", "'x' has a half-width '...' in Chinese text ('括青年等...'); write '……'"),
    ],
)
def test_punctuation_is_flagged(zh: str, expected: str) -> None:
    assert [f.message for f in punctuation_findings("x", zh)] == [expected]


@pytest.mark.parametrize(
    "zh",
    [
        "香港交易及結算所有限公司（Hong Kong Exchanges and Clearing Limited, HKEX）",
        "上午9:30，增加1.5%，共1,000人。",
        "詳情載於https://www.gov.hk/en/about/。",
        "People's Daily、Xi'an",
        "局長說：「香港會『繼續』發揮作用。」",
        "AT&T R&D",
    ],
)
def test_correct_punctuation_passes(zh: str) -> None:
    assert punctuation_findings("x", zh) == []


def test_quote_style_per_locale() -> None:
    assert punctuation_findings("x", "推动“走出去”", "zh-Hans") == []
    [finding] = punctuation_findings("x", "推动「走出去」", "zh-Hans")
    assert "zh-Hans text uses “”" in finding.message


# ---------------------------------------------------------------- whitespace


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        (
            "香港\u200b四川。",
            "HK.",
            "'x' has invisible characters: U+200B (zero-width space); delete them",
        ),
        ("香港四川。", "Hong  Kong.", "'x' has 2 spaces in a row ('Hong  Kong.'); write one"),
        (" 香港四川。", "HK.", "'x' starts with a space; delete it"),
        ("香港四川。 ", "HK.", "'x' ends with a space; delete it"),
        ("香港 四川。", "HK.", "'x' has a space between Chinese characters ('港 四'); delete it"),
        (
            "第一行\n  第二行",
            "HK.",
            "'x' has a line that starts with spaces (第二行…); delete them",
        ),
        (
            "香港\u2028四川",
            "HK.",
            "'x' has invisible characters: U+2028 (line separator); delete them",
        ),
    ],
)
def test_whitespace_is_flagged(zh: str, en: str, expected: str) -> None:
    found = [f for f in run_checks(Value(("x",), zh, en)) if f.code == "whitespace"]
    assert [f.message for f in found] == [expected]


def test_correct_spacing_passes() -> None:
    assert "whitespace" not in codes("在 Hong Kong 舉行。\n第二行。", "Held in Hong Kong.")
    assert "whitespace" not in codes("第一條　目的", "Purpose")  # ideographic space


# ---------------------------------------------------------------- links, sentences, Latin


def test_changed_url_and_email_are_flagged() -> None:
    assert messages("詳見https://www.gov.hk/b。", "See https://www.gov.hk/a.") == [
        "'x': the Chinese has https://www.gov.hk/b, which the English does not have "
        "(the English has https://www.gov.hk/a); copy the link exactly"
    ]
    assert messages("電郵至info@cmab.gov.hk。", "E-mail enquiry@cmab.gov.hk.") == [
        "'x': the Chinese has info@cmab.gov.hk, which the English does not have "
        "(the English has enquiry@cmab.gov.hk); copy the link exactly"
    ]
    assert messages("詳情請瀏覽網站。", "See https://www.gov.hk.") == [
        "'x': the English has https://www.gov.hk and the Chinese does not; copy the link exactly"
    ]


def test_same_page_in_the_other_language_passes() -> None:
    assert (
        codes("詳見https://www.cmab.gov.hk/tc/a.htm。", "See https://www.cmab.gov.hk/en/a.htm.")
        == []
    )
    assert codes("詳見WWW.GOV.HK/x。", "See www.gov.hk/x.") == []
    assert codes("詳見https://a.gov.hk/p_c.htm。", "See https://a.gov.hk/p_e.htm.") == []
    assert codes("詳見https://a.gov.hk/q_c.htm。", "See https://a.gov.hk/p_e.htm.") == ["link"]


def test_missing_full_stop() -> None:
    assert messages("兩地合作", "The two places co-operate.") == [
        "'x': the English ends a sentence and the Chinese does not (…兩地合作); end it with 。"
    ]
    assert codes("合作範疇", "Co-operation Areas") == []
    assert codes("局長說：「香港會繼續發揮作用。」", 'He said, "We will."') == []
    found = run_checks(Value(("x",), "雙方達成共識。", "The two sides agreed", "en"))
    assert [(f.code, f.lang) for f in found] == [("sentence-end", "en")]


def test_english_left_in_chinese() -> None:
    text = "香港會繼續發揮優勢。It is precious to witness the holding of this meeting."
    en = "It is precious to witness the holding of this meeting."
    assert messages(text, en)[0] == (
        "'x' has English text 'It is precious to witness the holding o…' that reads as an "
        "English sentence; translate it"
    )
    assert messages("兩地合作。Note to self: check", "The two places co-operate.")[0] == (
        "'x' has English text 'Note to self' that is not in the English; translate it"
    )


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        (
            "與Hong Kong Exchanges and Clearing Limited合作。",
            "With Hong Kong Exchanges and Clearing Limited.",
        ),
        ("香港交易所（Hong Kong Exchanges and Clearing Limited）與", "HKEX and"),
        ("由HKEX主辦。", "Organised by the exchange."),
        ("使用5G網絡。", "Using 5G networks."),
    ],
)
def test_names_and_glosses_pass(zh: str, en: str) -> None:
    assert "latin-text" not in codes(zh, en)


# ---------------------------------------------------------------- typed numbering


@pytest.mark.parametrize(
    ("zh", "en", "typed"),
    [
        ("第一條　目的", "Purpose", "第一條"),
        ("（一）經貿合作", "Trade", "（一）"),
        ("一、經貿合作", "Trade", "一、"),
        ("目的", "Article 1 Purpose", "Article 1"),
        ("目的", "1. Purpose", "1."),
    ],
)
def test_typed_numbering(zh: str, en: str, typed: str) -> None:
    found = run_checks(Value(("articles", 0, "heading"), zh, en))
    [finding] = [f for f in found if f.code != "number"]
    assert finding.code == "typed-numbering"
    assert finding.message == (
        f"'articles[0].heading' starts with '{typed}': headings are numbered by the template, "
        f"so it would print twice; delete '{typed}'"
    )


@pytest.mark.parametrize(
    ("zh", "en"),
    [("附件一覽", "List of Annexes"), ("一帶一路", "Belt and Road"), ("第一線醫護", "Frontline")],
)
def test_headings_without_numbers_pass(zh: str, en: str) -> None:
    assert codes(zh, en, ("annexes", "heading")) == []


def test_numbering_only_in_headings() -> None:
    assert "typed-numbering" not in codes("第一條規定雙方合作。", "Article 1 provides.", ("text",))


# ---------------------------------------------------------------- the corpus


def corpus() -> list[dict[str, str]]:
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


@pytest.mark.parametrize("target", ["zh", "en"])
@pytest.mark.parametrize("item", corpus(), ids=lambda item: item["en"][:30])
def test_corpus_of_correct_text_passes_every_check(item: dict[str, str], target: str) -> None:
    assert run_checks(Value(("x",), item["zh"], item["en"], target)) == []


@needs_fonts
def test_corpus_passes_check_strict(tmp_path: Path) -> None:
    proj = make_project(tmp_path, "translation-basic")
    items = corpus()
    for lang, path in (("en", EN), ("zh", ZH)):
        text = (proj / path).read_text(encoding="utf-8")
        head, rest = text.split("background:\n", 1)
        rest = rest.split("areas:\n", 1)[1]
        paras = "".join(f"    - {json.dumps(i[lang], ensure_ascii=False)}\n" for i in items)
        heading = "Background" if lang == "en" else "背景"
        new = f"{head}background:\n  heading: {heading}\n  paragraphs:\n{paras}areas:\n{rest}"
        (proj / path).write_text(new, encoding="utf-8")
    assert run("check", "--strict", cwd=proj) == (
        0,
        "ok: 0 error(s), 0 warning(s) in 1 document(s)\n",
        "",
    )


@needs_fonts
def test_sample_passes_check_strict(tmp_path: Path) -> None:
    proj = make_project(tmp_path)
    assert run("check", "--strict", cwd=proj) == (
        0,
        "ok: 0 error(s), 0 warning(s) in 4 document(s)\n",
        "",
    )


# ---------------------------------------------------------------- as diagnostics


@needs_fonts
def test_value_diagnostics_have_file_line_and_column(tmp_path: Path) -> None:
    proj = make_project(tmp_path, "translation-basic")
    edit(proj / ZH, "於二〇一八年五月建立，", "於二〇一二年五月建立, ")
    code, out, err = run("check", cwd=proj)
    assert code == 0
    assert err.splitlines() == [
        f"{ZH}:27:19: warning number: 'background.paragraphs[0]': the English has 2018 and the "
        "Chinese has no number of that value (the Chinese has 二〇一二 = 2012); check the number",
        f"{ZH}:27:27: warning punctuation: 'background.paragraphs[0]' has a half-width ',' in "
        "Chinese text ('五月建立, 其後成'); write '，'",
    ]
    assert out == "0 error(s), 2 warning(s) in 1 document(s)\n"
    assert run("check", "--strict", cwd=proj)[0] == 1
