"""``typed-numbering``: numbers the template prints itself, typed into a heading.

Article headings are printed as 第N條／Article N, section and area headings with
their own numbers: a heading typed as 第一條　目的 prints 第一條　第一條　目的.
"""

from __future__ import annotations

import re

from .base import CJK_RE, Finding, Value, register
from .chinese_numerals import DIGITS

_N = f"[0-9０-９{''.join(DIGITS)}十百]+"
_ZH = re.compile(rf"^\s*(第{_N}[條章節部段項]|[（(]{_N}[）)]|{_N}\s*[、.．]|[0-9]+(\.[0-9]+)+)")
# 附件N not followed by a Han character: no alternative of _ZH can match a heading that
# starts with 附件. The "not followed by" is tested with base.CJK_RE (compiled anyway)
# rather than a lookahead with a class of its own, which costs ~1.3 ms to compile.
_ZH_ANNEX = re.compile(rf"^\s*附件({_N})")


def _typed_zh(text: str) -> str | None:
    """What ``^\\s*(附件N(?![CJK])|<_ZH's alternatives>)`` matches at the start of ``text``."""
    annex = _ZH_ANNEX.match(text)
    if annex is None:
        m = _ZH.match(text)
        return m.group(0) if m else None
    # the longest run of numerals not followed by a Han character, as the lookahead would
    # backtrack: 附件12目 gives 附件1
    for end in range(annex.end(), annex.start(1), -1):
        if not CJK_RE.match(text, end):
            return text[:end]
    return None


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
    en = _EN.match(value.en)
    for lang, found in (("zh", _typed_zh(value.zh)), ("en", en and en.group(0))):
        if found:
            typed = found.strip()
            msg = (
                f"'{value.key_name}' starts with '{typed}': headings are numbered by the "
                f"template, so it would print twice; delete '{typed}'"
            )
            out.append(Finding("typed-numbering", msg, typed, lang))
    return out
