"""``number``: the numbers of the two texts compared as values.

The English 2021 is found in the Chinese as 2021, ２０２１ or 二○二一; 12 as 十二;
1.2 billion as 12億; 15% as 百分之十五. Every Arabic number on either side must
have a twin of the same value on the other; numbers written as words (English
"twelve", Chinese 三年) only serve as twins, so 一帶一路 never needs an English 1.
Full-width digits are reported too: Hong Kong text writes 2021.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .base import Finding, Value, register, shorten
from .chinese_numerals import BIG_UNITS, RUN, numeral_value
from .links import strip_links

# Terms whose number is written differently in the two languages (removed before comparing).
SAME_TERMS = (("COVID-19", "2019冠狀病毒病"), ("COVID-19", "新冠"))

_EN_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:st|nd|rd|th)?(?![\d])")
_EN_SCALE = re.compile(r"\s*(thousand|million|billion|trillion|m\b|bn\b)", re.IGNORECASE)
_SCALES = {"thousand": 3, "million": 6, "m": 6, "billion": 9, "bn": 9, "trillion": 12}
_TIME = re.compile(
    r"(?<![\d.])([01]?\d|2[0-3])[:.]([0-5]\d)(?:\s*([ap]\.?m\.?)|(?=\D|$))(?![\d.]\d)",
    re.IGNORECASE,
)
_PM = re.compile(r"\s*(p\.?m\.?)", re.IGNORECASE)
_ZH_ARABIC = re.compile(r"(?<![\dA-Za-z.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d])")
_FULLWIDTH = re.compile(r"[０-９]+")
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}")
_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70})
_WORDS.update({"eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000})
_WORDS.update({"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "twice": 2})
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
# a whole word (a run of ASCII letters) that is a number word or a month, in any case
_ALTERNATIVES = "|".join(sorted({*_WORDS, *_MONTHS}, key=lambda w: (-len(w), w)))
_NUMBER_WORD = re.compile(f"(?<![A-Za-z])(?:{_ALTERNATIVES})(?![A-Za-z])", re.I | re.ASCII)
_DIGIT = re.compile(r"\d")


@dataclass
class Number:
    """A number found in a text, with the values it may stand for."""

    text: str
    values: frozenset[Decimal]
    required: bool  # an Arabic number needs a twin; a number word only serves as one


def _norm(x: Decimal) -> Decimal:
    return x.normalize()


def _times(text: str) -> tuple[str, list[Number]]:
    """Clock times (9:30, 2.30 pm) as their hour and minute; the text without them."""
    out: list[Number] = []
    if (":" not in text and "." not in text) or not _DIGIT.search(text):
        return text, out

    def take(m: re.Match[str]) -> str:
        hour, minute = int(m.group(1)), int(m.group(2))
        hours = {hour, hour + 12} if (m.group(3) or "").lower().startswith("p") else {hour}
        out.append(Number(m.group(0), frozenset(Decimal(h) for h in hours), True))
        out.append(Number(m.group(0), frozenset({Decimal(minute)}), minute != 0))
        return " "

    return _TIME.sub(take, text), out


def english_numbers(text: str) -> list[Number]:
    text, out = _times(text)
    for m in _EN_NUMBER.finditer(text) if _DIGIT.search(text) else ():
        base = _decimal(m.group(1), m.group(2))
        if base is None:
            continue
        values = {base}
        rest = text[m.end() :]
        scale = _EN_SCALE.match(rest)
        if scale:
            values.add(base * Decimal(10) ** _SCALES[scale.group(1).lower()])
        if _PM.match(rest) and base < 12:
            values.add(base + 12)
        out.append(Number(m.group(0), frozenset(_norm(v) for v in values), True))
    for m in _NUMBER_WORD.finditer(text):
        word = m.group(0).lower()
        if word in _WORDS:
            out.append(Number(m.group(0), frozenset({Decimal(_WORDS[word])}), False))
        elif word in _MONTHS:
            out.append(Number(m.group(0), frozenset({Decimal(_MONTHS.index(word) + 1)}), False))
    return out


def chinese_numbers(text: str) -> list[Number]:
    text = unicodedata.normalize("NFKC", text)
    out: list[Number] = []
    for m in _ZH_ARABIC.finditer(text):
        base = _decimal(m.group(1), m.group(2))
        if base is None:
            continue
        values = {base}
        unit = text[m.end() : m.end() + 1]
        if unit in BIG_UNITS:
            values.add(base * BIG_UNITS[unit])
        out.append(Number(m.group(0), frozenset(_norm(v) for v in values), True))
    for m in RUN.finditer(text):
        value = numeral_value(m.group(0))
        if value is not None:
            out.append(Number(m.group(0), frozenset({_norm(value)}), False))
    return out


def _decimal(whole: str, frac: str | None) -> Decimal | None:
    try:
        return Decimal(whole.replace(",", "") + (frac or ""))
    except InvalidOperation:  # pragma: no cover - the regex only matches digits
        return None


def _clean(text: str, lang: str) -> str:
    text = _PLACEHOLDER.sub(" ", strip_links(text))
    for en, zh in SAME_TERMS:
        text = text.replace(en if lang == "en" else zh, " ")
    return text


def _show(n: Number) -> str:
    value = format(min(n.values), "f")
    return n.text if value == n.text else f"{n.text} = {value}"


@register
def check_numbers(value: Value) -> list[Finding]:
    en_text, zh_text = _clean(value.en, "en"), _clean(value.zh, "zh")
    if not en_text.strip() or not zh_text.strip():
        return []
    en, zh = english_numbers(en_text), chinese_numbers(zh_text)
    en_all = frozenset().union(*(n.values for n in en)) if en else frozenset()
    zh_all = frozenset().union(*(n.values for n in zh)) if zh else frozenset()
    out: list[Finding] = []
    for m in _FULLWIDTH.finditer(value.zh):
        half = unicodedata.normalize("NFKC", m.group(0))
        msg = f"'{value.key_name}' has full-width digits '{m.group(0)}'; write {half}"
        out.append(Finding("number", msg, m.group(0), "zh"))
    missing_zh = [n for n in en if n.required and not n.values & zh_all]
    missing_en = [n for n in zh if n.required and not n.values & en_all]
    if missing_zh:
        n = missing_zh[0]
        unmatched = [z for z in zh if (z.required or len(z.text) > 1) and not z.values & en_all]
        other = ", ".join(dict.fromkeys(_show(z) for z in unmatched))
        has = f" (the Chinese has {other})" if other else ""
        msg = (
            f"'{value.key_name}': the English has {n.text} and the Chinese has no number of "
            f"that value{has}; check the number"
        )
        out.append(Finding("number", msg, unmatched[0].text if unmatched else "", "zh"))
    for n in missing_en[:1]:
        msg = (
            f"'{value.key_name}': the Chinese has {n.text} and the English has no number of "
            f"that value (English: {shorten(value.en)}); check the number"
        )
        out.append(Finding("number", msg, n.text, "zh"))
    return out
