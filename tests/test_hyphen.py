"""A word longer than the line is cut with a hyphen between letters; times and numbers
are never cut when they fit (the bilingual edition's narrow columns)."""

from __future__ import annotations

from reportgen.linebreak import Fragment, break_paragraph


def _measure(text: str, font: str, size: float) -> float:
    return 6.0 * len(text)  # every character 6 pt wide


def _lines(text: str, width: float) -> list[str]:
    lines = break_paragraph([Fragment(text, "f", 10)], width, _measure, lang="en")
    return ["".join(item.text for item in line.items) for line in lines]


def test_a_word_longer_than_the_line_is_hyphenated() -> None:
    lines = _lines("Entrepreneurship", 60.0)  # ten characters a line
    assert lines == ["Entrepren-", "eurship"]
    assert all(len(line) * 6.0 <= 60.0 for line in lines)


def test_a_time_range_that_fits_is_never_cut() -> None:
    assert _lines("at 07:15–07:45 today", 72.0) == ["at", "07:15–07:45", "today"]


def test_short_words_wrap_whole() -> None:
    lines = _lines("Co-operation Conference venue", 80.0)
    assert all(not line.endswith("-") or line == "Co-" for line in lines)
    assert "".join(lines).replace("-", "") == "CooperationConferencevenue"
