"""Dates, times and numbers per language: long dates written out as CLDR gives them,
numbers with Babel."""

from __future__ import annotations

import datetime as dt

LOCALES = {
    "en": "en_HK",
    "zh": "zh_Hant_HK",
    "zh-Hant-HK": "zh_Hant_HK",
    "zh-Hans": "zh_Hans_CN",
    "zh-Hans-CN": "zh_Hans_CN",
}
LANG_TAGS = {"en": "en-HK", "zh": "zh-Hant-HK", "zh-Hans": "zh-Hans-CN"}
# The language tags written into the documents (PDF /Lang and XMP, DOCX w:lang and core
# properties): British English spelling, Hong Kong Traditional and Mainland Simplified
# Chinese by region, the same in both writers.
OUTPUT_LANGS = {"en-HK": "en-GB", "zh-Hant-HK": "zh-HK", "zh-Hans-CN": "zh-CN"}
_DIGITS = "〇一二三四五六七八九"
_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def output_lang(tag: str) -> str:
    """The tag written into a PDF or DOCX for the model's BCP 47 tag ``tag``."""
    return OUTPUT_LANGS.get(tag, tag)


def locale_for(lang: str) -> str:
    return LOCALES.get(lang) or LOCALES.get(lang.split("-")[0], "en_HK")


def format_date(value: dt.date, lang: str) -> str:
    """ "23 September 2021" / "2021年9月23日": CLDR's long date format of the locale
    (:func:`locale_for`), the same text as Babel's ``format_date(value, "long", locale)``.

    The three locales' patterns (en_HK ``d MMMM y``; zh_Hant_HK and zh_Hans_CN ``y年M月d日``)
    are written out here: loading Babel and its locale data costs a build ~20 ms for two
    dates. tests/test_formatting.py checks them against Babel day by day. Anything other
    than a date (a datetime counts as its date) goes to Babel, which words its errors."""
    if not isinstance(value, dt.date):
        from babel.dates import format_date as babel_date

        return babel_date(value, format="long", locale=locale_for(lang))
    if locale_for(lang).startswith("zh_"):
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {_EN_MONTHS[value.month - 1]} {value.year}"


def format_time(value: dt.time, lang: str) -> str:
    """24-hour "09:30" in every language (programmes are read against the clock)."""
    return f"{value.hour:02d}:{value.minute:02d}"


def format_number(value: float, lang: str) -> str:
    from babel.numbers import format_decimal  # imported when first used (see format_date)

    return format_decimal(value, locale=locale_for(lang))


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (for 1 ≤ n < 10000)."""
    if not 0 < n < 10000:
        raise ValueError(f"chinese_numeral supports 1-9999, got {n}")
    units = ["", "十", "百", "千"]
    digits = [int(d) for d in str(n)][::-1]
    out = ""
    zero = False
    for place in range(len(digits) - 1, -1, -1):
        d = digits[place]
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += ("" if (d == 1 and place == 1 and not out) else _DIGITS[d]) + units[place]
    return out


def ordinal_label(n: int, lang: str) -> str:
    """The number as it appears in labels: "2" in English, "二" in Chinese."""
    return chinese_numeral(n) if lang.startswith("zh") else str(n)
