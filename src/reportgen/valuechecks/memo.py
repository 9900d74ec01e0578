"""The value checks' findings kept between runs, in the project's own cache folder.

The value checks (:mod:`reportgen.valuechecks`) are pure functions of one key's English
and Chinese text: the same pair always gives the same findings. ``check`` and every build
run them over every translated value (about 0.07 s for a 50-page pack), so their findings
are kept, per pair, in ``PROJECT/.reportgen-cache/value-findings.json``:

* in the project, not the user's cache folder: the findings quote the project's text, and
  the user cache holds nothing of a project (:mod:`reportgen.verdicts`); ``reportgen
  init`` lists ``.reportgen-cache/`` in the project's ``.gitignore``;
* keyed by a SHA-256 of the key path and both texts, in a file stamped with reportgen's
  code (:func:`reportgen.incremental.code_stamp`): an edited value, an upgrade or an edited
  check gives a miss, and the check runs again;
* only findings are kept (code, message, the text to point at, the language): where they
  are in the file is found again from the file as it is now;
* a missing, damaged, foreign or oversized file is a miss, never an error; a folder that
  cannot be written is not used; ``REPORTGEN_NO_CACHE=1`` turns it off. The file keeps the
  entries of the last run first and at most :data:`MAX_ENTRIES`.
"""

from __future__ import annotations

import json
from pathlib import Path

from .base import Finding, Value, run_checks

FORMAT = "reportgen-value-findings-1"
NAME = "value-findings.json"
MAX_ENTRIES = 20_000
MAX_BYTES = 20_000_000


class FindingsMemo:
    """Findings of the value checks for one run, read from and written back to ``root``."""

    def __init__(self, root: Path | None) -> None:
        self.path = _path(root)
        self._stamp = _code_stamp() if self.path else ""
        self._old = self._read()
        self._used: dict[str, list[list[str]]] = {}

    def findings(self, value: Value) -> list[Finding]:
        """``run_checks(value)``, from the file when this pair was checked before."""
        if self.path is None:
            return run_checks(value)
        key = _key(value)
        rows = self._used.get(key)
        if rows is None:
            rows = self._old.get(key)
        if rows is None:
            rows = [[f.code, f.message, f.needle, f.lang] for f in run_checks(value)]
        self._used[key] = rows
        return [Finding(*row) for row in rows]

    def save(self) -> None:
        """Write the file if this run checked a pair it did not hold (else leave it)."""
        if self.path is None or not self._used or self._used.keys() <= self._old.keys():
            return
        entries = dict(self._used)
        for key, rows in self._old.items():
            if len(entries) >= MAX_ENTRIES:
                break
            entries.setdefault(key, rows)
        data = {"format": FORMAT, "code": self._stamp, "entries": entries}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        from ..atomic import cache_folder_ready, write_cache

        if cache_folder_ready(self.path.parent):
            write_cache(self.path, text.encode("utf-8"))

    def _read(self) -> dict[str, list[list[str]]]:
        if self.path is None:
            return {}
        from ..safe_read import read_limited

        try:
            data = json.loads(read_limited(self.path, MAX_BYTES))
        except (OSError, ValueError):  # missing, not a regular file, too large, not JSON
            return {}
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return {}
        entries = data.get("entries")
        if data.get("code") != self._stamp or not isinstance(entries, dict):
            return {}
        return {k: v for k, v in entries.items() if _valid(v)}


def _valid(rows: object) -> bool:
    return isinstance(rows, list) and all(
        isinstance(row, list) and len(row) == 4 and all(isinstance(x, str) for x in row)
        for row in rows
    )


def _path(root: Path | None) -> Path | None:
    from ..fontcache import project_cache

    return project_cache(root, NAME)


def _key(value: Value) -> str:
    from ..verdicts import key

    return key(repr(value.key), value.zh, value.en, value.target)


def _code_stamp() -> str:
    from ..incremental import code_stamp

    return code_stamp()
