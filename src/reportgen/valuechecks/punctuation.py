"""``punctuation``: Chinese prose uses full-width marks.

Half-width ``, . : ; ? ! ( )`` next to a Chinese character; quotation marks of
the wrong style (Hong Kong writes 「」 and 『』, zh-Hans “” and ‘’); spaces
around full-width marks (they carry their own spacing); unbalanced 「」, 『』
and （）. Marks inside Latin text, numbers (1.5, 9:30) and links are left alone.
"""

from __future__ import annotations

from .base import CJK_RE, FULL_PUNCT, Finding, Value, has_cjk, register
from .links import LINK_MARK, strip_links

FULL_FORMS = {
    ",": "，",
    ".": "。",
    ":": "：",
    ";": "；",
    "?": "？",
    "!": "！",
    "(": "（",
    ")": "）",
}
QUOTES = {
    "zh-Hant-HK": {"right": "「」『』", "wrong": "\"'“”‘’", "use": "「」 (and 『』 inside them)"},
    "zh-Hans": {"right": "“”‘’", "wrong": "\"'「」『』", "use": "“” (and ‘’ inside them)"},
}
LOCALE = "zh-Hant-HK"  # content/zh is Traditional Chinese (Hong Kong); zh-Hans is derived
PAIRS = ("「」", "『』", "（）")


def _neighbours(text: str, i: int) -> tuple[str, str]:
    before = text[:i].rstrip(" ")[-1:]
    after = text[i + 1 :].lstrip(" ")[:1]
    return before, after


def _chinese(ch: str) -> bool:
    """Whether the character ``ch`` ('' or one) is Chinese or full-width punctuation."""
    return bool(ch) and (ch in FULL_PUNCT or bool(CJK_RE.match(ch)))


@register
def check_punctuation(value: Value) -> list[Finding]:
    return punctuation_findings(value.key_name, value.zh, LOCALE)


def punctuation_findings(key: str, text: str, locale: str = LOCALE) -> list[Finding]:
    if not has_cjk(text):
        return []
    plain = strip_links(text)
    out: list[Finding] = []
    half = _half_width(plain)
    if half:
        i, ch = half
        typed, full = ch, FULL_FORMS[ch]
        if plain.startswith("...", i):
            typed, full = "...", "……"
        msg = (
            f"'{key}' has a half-width '{typed}' in Chinese text "
            f"({_context(plain, i)}); write '{full}'"
        )
        out.append(Finding("punctuation", msg, _needle(plain, i), "zh"))
    quote = _quote(plain, locale)
    if quote is not None:
        msg = (
            f"'{key}' has the quotation mark {plain[quote]} ({_context(plain, quote)}); "
            f"{locale} text uses {QUOTES[locale]['use']}"
        )
        out.append(Finding("punctuation", msg, _needle(plain, quote), "zh"))
    space = _space_at_mark(plain)
    if space is not None:
        msg = (
            f"'{key}' has a space next to '{plain[space]}' ({_context(plain, space)}); "
            "full-width marks carry their own spacing: delete the space"
        )
        out.append(Finding("punctuation", msg, _needle(plain, space), "zh"))
    for pair in PAIRS:
        if pair[0] in QUOTES[locale]["wrong"]:
            continue
        opened, closed = plain.count(pair[0]), plain.count(pair[1])
        if opened != closed:
            msg = (
                f"'{key}' has {opened} '{pair[0]}' and {closed} '{pair[1]}'; "
                "close every mark you open"
            )
            out.append(Finding("punctuation", msg, "", "zh"))
    return out


def _half_width(text: str) -> tuple[int, str] | None:
    for i, ch in enumerate(text):
        if ch not in FULL_FORMS:
            continue
        before, after = _neighbours(text, i)
        if ch in ".:," and before.isdigit() and after.isdigit():
            continue  # 1.5, 9:30, 1,000
        if _chinese(before) or (_chinese(after) and ch != "."):
            return i, ch
    return None


def _quote(text: str, locale: str) -> int | None:
    wrong = QUOTES[locale]["wrong"]
    for i, ch in enumerate(text):
        if ch not in wrong:
            continue
        before, after = _neighbours(text, i)
        if ch in "'’" and before.isalpha() and after.isalpha() and before.isascii():
            continue  # People's, Xi'an
        if _chinese(before) or _chinese(after) or ch in "「」『』":
            return i
    return None


def _space_at_mark(text: str) -> int | None:
    for i, ch in enumerate(text):
        if ch not in FULL_PUNCT or ch in "…—·":
            continue
        before, after = text[max(0, i - 2) : i], text[i + 1 : i + 3]
        if before[-1:] in (" ", "\u00a0") and before[:1] != LINK_MARK:
            return i
        if after[:1] in (" ", "\u00a0") and after[1:] != LINK_MARK:
            return i
    return None


def _context(text: str, i: int) -> str:
    return "'" + text[max(0, i - 4) : i + 5].replace("\n", " ").strip() + "'"


def _needle(text: str, i: int) -> str:
    start = i - 1 if i and text[i - 1] not in "\n " else i
    return text[start : i + 1]
