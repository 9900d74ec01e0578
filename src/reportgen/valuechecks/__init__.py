"""Checks inside one translated value: punctuation, whitespace, numbers, links, sentence
ends, Latin text left in Chinese, typed numbering.

Each check is a function ``(value) -> list[Finding]`` in its own module; a finding
names the text it is about (``needle``, searched for in the file to give the line
and column) and the language it is in. :func:`value_diagnostics` turns findings
into ``Diagnostic`` warnings at the value's place in its content file.
"""

from __future__ import annotations

from .base import CHECKS, Finding, Value, run_checks

__all__ = ["CHECKS", "Finding", "Value", "run_checks"]
