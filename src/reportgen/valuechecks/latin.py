"""``latin-text``: English left in the Chinese.

A run of Latin-script words in the Chinese text is reported when it is not in
the English (a leftover note, a sentence from elsewhere), or when it reads as
an English sentence (six words or more, with English function words) even if
the English has it. Names and terms the English also uses (HKEX, Hong Kong
Exchanges and Clearing Limited) and English glosses in brackets （…） pass. A lone
word is reported only when it is a placeholder (TODO, TBC, XXX…) the English does not
have: a lone name or acronym (HKEX, Singpass) is the translator's to keep.
"""

from __future__ import annotations

import re

from .base import Finding, Value, has_cjk, register, shorten
from .links import strip_links

_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’&.\-]*(?:[ ,]+[A-Za-z0-9][A-Za-z0-9'’&.\-]*)*")
# a gloss in brackets; ASCII brackets glued to a word are part of it: CB(1)1234/2026
_GLOSS = re.compile(r"（[^（）]*）|(?<![A-Za-z0-9])\([^()]*\)")
# words that stand in for text still to come
_PLACEHOLDERS = frozenset(
    "todo tbc tba tbd tbr tbcf fixme xxx xx tk wip pending placeholder lorem ipsum "
    "translate untranslated".split()
)
_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]+(?![A-Za-z0-9])")
_FUNCTION = frozenset(
    "the a an is are was were be to of in on for with that this will would and by as "
    "it its from has have not".split()
)


def _words(run: str) -> list[str]:
    return [w for w in re.split(r"[ ,]+", run) if w]


def _normal(text: str) -> str:
    words = re.sub(r"[^\w'’&.\-]+", " ", text).lower().split()
    return " ".join(w.strip(".") for w in words)


@register
def check_latin(value: Value) -> list[Finding]:
    if value.target != "zh" or not has_cjk(value.zh):
        return []
    text = re.sub(r"\{\{.*?\}\}", " ", strip_links(value.zh))
    english = _normal(value.en)
    placeholders = _placeholders(text, english)
    text = _GLOSS.sub(lambda m: " " * len(m.group()), text)
    out: list[Finding] = []
    for m in _RUN.finditer(text):
        run = m.group().strip(" ,.")
        why = _why(run, english)
        if why:
            out.append(_finding(value, run, why))
            placeholders = [w for w in placeholders if w not in _words(run)]
    why = "is a placeholder, not in the English"
    return [_finding(value, word, why) for word in placeholders] + out


def _finding(value: Value, run: str, why: str) -> Finding:
    msg = f"'{value.key_name}' has English text '{shorten(run)}' that {why}; translate it"
    return Finding("latin-text", msg, run[:20], "zh")


def _why(run: str, english: str) -> str:
    """Why a run of two or more Latin words is reported ('' when it is not)."""
    words = _words(run)
    if len(words) < 2:
        return ""
    lower = [w.lower() for w in words]
    if len(words) >= 6 and sum(w in _FUNCTION for w in lower) >= 2:
        return "reads as an English sentence"
    return "" if f" {_normal(run)} " in f" {english} " else "is not in the English"


def _placeholders(text: str, english: str) -> list[str]:
    """Placeholder words (TODO, TBC, XXX…) in the Chinese that the English does not have,
    glosses in brackets included: （TBC） is as unfinished as TBC."""
    known = set(english.split())
    return [w for w in _WORD.findall(text) if _is_placeholder(w) and w.lower() not in known]


def _is_placeholder(word: str) -> bool:
    word = word.lower()
    return word in _PLACEHOLDERS or re.fullmatch(r"x{2,}", word) is not None
