"""What every value check shares: the value pair, a finding, the registry."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..loader import KeyPath

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# One Han character. "{1}" keeps re from building the 28 000-code-point class a second time
# for a search prefix, as it does for a pattern that is the class alone (~1.2 ms at import);
# value checks search Chinese text, whose first Han character comes early.
CJK_RE = re.compile(f"[{CJK}]{{1}}")
# Full-width punctuation of Chinese prose (CLREQ), opening and closing.
FULL_PUNCT = "，。、；：？！「」『』（）《》〈〉【】〔〕…—·"


@dataclass(frozen=True)
class Value:
    """One key's text in both languages; ``target`` is the translation's language."""

    key: KeyPath
    zh: str
    en: str
    target: str = "zh"

    @property
    def name(self) -> str:
        return self.key_name

    @functools.cached_property
    def key_name(self) -> str:  # every check names the key: made once
        from ..loader import key_str

        return key_str(self.key)

    @property
    def last_key(self) -> str:
        for part in reversed(self.key):
            if isinstance(part, str):
                return part
        return ""


@dataclass(frozen=True)
class Finding:
    """One value check's finding about a text."""

    code: str
    message: str
    needle: str = ""  # text to locate in the file ('' = the value's start)
    lang: str = "zh"  # the text the finding is about


Check = Callable[[Value], list[Finding]]
CHECKS: list[Check] = []


def register(check: Check) -> Check:
    CHECKS.append(check)
    return check


def run_checks(value: Value) -> list[Finding]:
    _load()
    out: list[Finding] = []
    for check in CHECKS:
        out += check(value)
    return out


def has_cjk(text: str) -> bool:
    return bool(CJK_RE.search(text))


def shorten(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _load() -> None:
    from . import latin, links, numbering, numbers, punctuation, sentence, whitespace  # noqa: F401
