"""Script segmentation with one compiled CJK class (script._CJK_RUN, shared by the line
breaker): the same characters are CJK as for is_cjk, and segment() and the line
breaker's tokens are those of the patterns they replaced, on every kind of character."""

from __future__ import annotations

import random
import re

import pytest

from reportgen import linebreak, script

# The patterns segment() and the line breaker used before (compiled here only).
_CJK = script.CJK_CLASS
_AMB = script._AMBIGUOUS_CLASS
OLD_RUNS = re.compile(rf"([{_AMB}]+)|([{_CJK}]+)|([^{_AMB}{_CJK}]+)")
OLD_TOKENS = re.compile(rf"(\n)|([ \t]+)|([{_CJK}]+)|([^ \t\n{_CJK}]+)")

EDGES = [0x10FF, 0x1100, 0x11FF, 0x1200, 0x2E7F, 0x2E80, 0x3400, 0x4DBF, 0x4E00, 0x9FFF]
EDGES += [0xA000, 0xAC00, 0xD7A3, 0xD7FF, 0xF900, 0xFAFF, 0xFE10, 0xFF01, 0xFF60, 0xFF61]
EDGES += [0xFFE0, 0xFFE6, 0xFFE7, 0xFFFD, 0x1F600, 0x1FFFF, 0x20000, 0x282E2, 0x3134A]
EDGES += [0x3FFFF, 0x40000, 0x10FFFF]
ALPHABET = (
    [chr(cp) for cp in EDGES]
    + list("aZ9-,.()é\u00ad")
    + sorted(script.AMBIGUOUS)
    + list("\n\t  中文香港𨋢𠵱한국어ㄅかなカナ，。「」")
)


def _old_segment(text: str) -> list[tuple[str, str]]:
    if not re.search(f"[{_CJK}]", text):
        return [(text, script.LATIN)] if text else []
    runs = [
        (m.group(), None if m.lastindex == 1 else (script.CJK if m.lastindex == 2 else "latin"))
        for m in OLD_RUNS.finditer(text)
    ]
    out: list[tuple[str, str]] = []
    pending = ""
    for part, kind in runs:
        if kind is None:
            pending = part
            continue
        if pending:
            if out:
                out[-1] = (out[-1][0] + pending, out[-1][1])
            else:
                part = pending + part
            pending = ""
        if out and out[-1][1] == kind:
            out[-1] = (out[-1][0] + part, kind)
        else:
            out.append((part, kind))
    if pending and out:
        out[-1] = (out[-1][0] + pending, out[-1][1])
    elif pending:
        out.append((pending, script.LATIN))
    return out


def _texts() -> list[str]:
    rng = random.Random(17)
    texts = ["", " ", "\n", "—", "abc", "中", "𨋢", "한글", "a—中", "中—a", "— 中 —", "“中”"]
    for _ in range(3000):
        n = rng.randint(1, 24)
        texts.append("".join(rng.choice(ALPHABET) for _ in range(n)))
    return texts


def test_cjk_runs_are_exactly_the_is_cjk_characters_of_every_code_point() -> None:
    every = "".join(chr(cp) for cp in range(0x110000))
    runs = [m.span() for m in script.cjk_runs(every)]
    expected: list[tuple[int, int]] = []
    for lo, hi in script._CJK_RANGES:
        if expected and expected[-1][1] == lo:  # adjacent ranges make one run
            expected[-1] = (expected[-1][0], hi + 1)
        else:
            expected.append((lo, hi + 1))
    assert runs == expected
    for cp in EDGES:
        assert script.has_cjk(chr(cp)) is script.is_cjk(chr(cp))


HK_AND_HANGUL = ["𨋢", "𠵱", "\U00020000", "\U0003134a", "한", "ᄀ", "ㄱ", "中", "，"]


@pytest.mark.parametrize("ch", HK_AND_HANGUL)
def test_hong_kong_supplementary_characters_and_hangul_are_cjk(ch: str) -> None:
    assert script.is_cjk(ch)
    assert script.segment(f"a{ch}b") == [("a", "latin"), (ch, "cjk"), ("b", "latin")]


def test_segment_and_has_cjk_same_as_before() -> None:
    old_has_cjk = re.compile(f"[{_CJK}]")
    for text in _texts() + ["plain ASCII text", "caf\u00e9 \u2014 na\u00efve"]:
        assert script.segment(text) == _old_segment(text), repr(text)
        assert script.has_cjk(text) is (old_has_cjk.search(text) is not None), repr(text)


def test_line_breaker_tokens_same_as_before() -> None:
    for text in _texts():
        old = [(m.lastindex, m.group()) for m in OLD_TOKENS.finditer(text)]
        assert list(linebreak._tokens(text)) == old, repr(text)
