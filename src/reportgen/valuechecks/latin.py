"""``latin-text``: English left in the Chinese.

A run of Latin-script words in the Chinese text is reported when it is not in
the English (a leftover note, a sentence from elsewhere), or when it reads as
an English sentence (six words or more, with English function words) even if
the English has it. Names and terms the English also uses (HKEX, Hong Kong
Exchanges and Clearing Limited) and English glosses in brackets （…） pass.
"""

from __future__ import annotations

import re

from .base import Finding, Value, has_cjk, register, shorten
from .links import strip_links

_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’&.\-]*(?:[ ,]+[A-Za-z0-9][A-Za-z0-9'’&.\-]*)*")
_GLOSS = re.compile(r"（[^（）]*）|\([^()]*\)")
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
    text = _GLOSS.sub(lambda m: " " * len(m.group()), strip_links(value.zh))
    text = re.sub(r"\{\{.*?\}\}", " ", text)
    english = _normal(value.en)
    out: list[Finding] = []
    for m in _RUN.finditer(text):
        run = m.group().strip(" ,.")
        words = _words(run)
        if len(words) < 2:
            continue
        lower = [w.lower() for w in words]
        sentence = len(words) >= 6 and sum(w in _FUNCTION for w in lower) >= 2
        if sentence:
            why = "reads as an English sentence"
        elif f" {_normal(run)} " not in f" {english} ":
            why = "is not in the English"
        else:
            continue
        msg = f"'{value.key_name}' has English text '{shorten(run)}' that {why}; translate it"
        out.append(Finding("latin-text", msg, run[:20], "zh"))
    return out
