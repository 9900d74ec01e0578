"""``whitespace``: spaces and invisible characters a reader cannot see but a print shows.

Leading or trailing spaces, doubled spaces, a space between two Chinese
characters, zero-width and bidirectional controls, soft hyphens, line and
paragraph separators (U+2028/U+2029), no-break spaces in Chinese.
"""

from __future__ import annotations

import re
import unicodedata

from .base import CJK_RE, Finding, Value, register

INVISIBLE = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space (BOM)",
    "\u00ad": "soft hyphen",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
    "\u180e": "Mongolian vowel separator",
}
INVISIBLE.update({chr(c): "bidirectional control" for c in range(0x202A, 0x202F)})
INVISIBLE.update({chr(c): "bidirectional control" for c in range(0x2066, 0x206A)})
_DOUBLE = re.compile(r"(?<=\S) {2,}(?=\S)")
_SPACE_RUN = re.compile("[ \u00a0]+")


def _name(ch: str) -> str:
    return f"U+{ord(ch):04X} ({INVISIBLE.get(ch) or unicodedata.name(ch, 'unnamed').lower()})"


@register
def check_whitespace(value: Value) -> list[Finding]:
    out: list[Finding] = []
    for lang, text in (("zh", value.zh), ("en", value.en)):
        out += _check(value.key_name, lang, text)
    return out


def _check(key: str, lang: str, text: str) -> list[Finding]:
    out: list[Finding] = []
    bad = [ch for ch in dict.fromkeys(text) if ch in INVISIBLE]
    if bad:
        names = ", ".join(_name(ch) for ch in bad)
        msg = f"'{key}' has invisible characters: {names}; delete them"
        out.append(Finding("whitespace", msg, bad[0], lang))
    if text != text.strip(" \u3000\u00a0"):
        end = "starts" if text[:1] in " \u3000\u00a0" else "ends"
        msg = f"'{key}' {end} with a space; delete it"
        out.append(Finding("whitespace", msg, "", lang))
    for line in text.split("\n")[1:]:
        if line[:1] in (" ", "\u3000") and line.strip():
            msg = f"'{key}' has a line that starts with spaces ({line.strip()[:12]}…); delete them"
            out.append(Finding("whitespace", msg, line.strip()[:12], lang))
            break
    double = _DOUBLE.search(text) if "  " in text else None
    if double:
        around = text[max(0, double.start() - 8) : double.end() + 8].strip()
        msg = f"'{key}' has {len(double.group())} spaces in a row ('{around}'); write one"
        out.append(Finding("whitespace", msg, around, lang))
    if lang == "zh":
        gap = _cjk_gap(text)
        if gap:
            msg = f"'{key}' has a space between Chinese characters ('{gap}'); delete it"
            out.append(Finding("whitespace", msg, gap, lang))
    return out


def _cjk_gap(text: str) -> str:
    """The first run of spaces between two Chinese characters, with them ('' if none)."""
    if " " not in text and "\u00a0" not in text:
        return ""
    for m in _SPACE_RUN.finditer(text):
        start, end = m.span()
        if start and end < len(text) and CJK_RE.match(text, start - 1) and CJK_RE.match(text, end):
            return text[start - 1 : end + 1]
    return ""
