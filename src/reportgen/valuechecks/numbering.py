"""``typed-numbering``: numbers the template prints itself, typed into a heading.

Article headings are printed as 第N條／Article N, section and area headings with
their own numbers: a heading typed as 第一條　目的 prints 第一條　第一條　目的.
"""

from __future__ import annotations

import re
from functools import cache

from .base import CJK, Finding, Value, register
from .chinese_numerals import DIGITS

_N = f"[0-9０-９{''.join(DIGITS)}十百]+"
_ZH = re.compile(rf"^\s*(第{_N}[條章節部段項]|[（(]{_N}[）)]|{_N}\s*[、.．]|[0-9]+(\.[0-9]+)+)")
# 附件N (an annex number not followed by a Han character) in a pattern of its own, compiled
# only for a heading that starts with 附件 (no other alternative can match one): the Han
# class costs ~1.3 ms to compile.
_ZH_ANNEX_START = re.compile(r"^\s*附件")


@cache
def _zh_annex() -> re.Pattern[str]:
    return re.compile(rf"^\s*(附件{_N}(?![{CJK}]))")


def _zh_pattern(text: str) -> re.Pattern[str]:
    return _zh_annex() if _ZH_ANNEX_START.match(text) else _ZH


_EN = re.compile(
    r"^\s*((Article|Section|Part|Chapter|Annex|Clause)\s+[0-9IVXLC]+\b"
    r"|\(?[0-9]+[.)]\s|[0-9]+(\.[0-9]+)+\s|\(?[ivxIVX]+\)\s|\([a-z]\)\s)"
)
HEADING_KEYS = ("heading", "title")


@register
def check_numbering(value: Value) -> list[Finding]:
    if value.last_key not in HEADING_KEYS:
        return []
    out: list[Finding] = []
    for lang, text, pattern in (("zh", value.zh, _zh_pattern(value.zh)), ("en", value.en, _EN)):
        m = pattern.match(text)
        if m:
            typed = m.group(0).strip()
            msg = (
                f"'{value.key_name}' starts with '{typed}': headings are numbered by the "
                f"template, so it would print twice; delete '{typed}'"
            )
            out.append(Finding("typed-numbering", msg, typed, lang))
    return out
