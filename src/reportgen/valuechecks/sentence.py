"""``sentence-end``: a value whose source ends a sentence ends one in the translation too.

The English ends with '.', '!' or '?' and the Chinese prose has no closing
。！？ (or the Chinese ends with 。 and the English translation has no final
mark). Headings, names and labels (no sentence mark in the source) are not
checked; a closing quotation mark or bracket after the mark is fine.
"""

from __future__ import annotations

from .base import Finding, Value, has_cjk, register

_ZH_END = "。！？…；：」』）》"
_EN_END = ".!?:;…\"'”’)]"


def _ends_sentence_en(text: str) -> bool:
    t = text.rstrip().rstrip("\"'”’)]")
    return t.endswith((".", "!", "?")) and not t.endswith(("etc.", "e.g.", "i.e.", "Ltd."))


@register
def check_sentence_end(value: Value) -> list[Finding]:
    en, zh = value.en.rstrip(), value.zh.rstrip()
    if not en or not zh or not has_cjk(zh):
        return []
    if value.target == "zh":
        if _ends_sentence_en(en) and not zh.endswith(tuple(_ZH_END)):
            msg = (
                f"'{value.key_name}': the English ends a sentence and the Chinese does not "
                f"(…{zh[-6:]}); end it with 。"
            )
            return [Finding("sentence-end", msg, zh[-6:], "zh")]
        return []
    if zh.endswith(("。", "！", "？")) and not en.endswith(tuple(_EN_END)):
        msg = (
            f"'{value.key_name}': the Chinese ends a sentence and the English does not "
            f"(…{en[-12:]}); end it with a full stop"
        )
        return [Finding("sentence-end", msg, en[-12:], "en")]
    return []
