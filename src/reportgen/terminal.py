"""Text for the terminal: control characters from files shown, never obeyed.

Messages quote file-derived strings (values, keys, paths, font names read from an
attached PDF). An escape sequence in one of them could recolour, move the cursor,
retitle or clear the user's terminal, or hide the message it sits in; a bidi control
could reorder what is shown. Every such character is printed as an escape instead:
``\\x1b``, ``\\u202e``.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, line/paragraph separators, bidi embeddings/overrides/isolates
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, lines: bool = False) -> str:
    """``text`` with every control character escaped (one line stays one line); with
    ``lines``, the line breaks of a message of several lines are kept."""
    if lines:
        return "\n".join(_UNSAFE.sub(_escape, line) for line in text.split("\n"))
    return _UNSAFE.sub(_escape, text)


def printable_json(text: str) -> str:
    """JSON text (``json.dumps`` escaped C0 controls inside its strings already) with the
    other characters :func:`printable` escapes written as ``\\uXXXX``."""
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
