"""``translations.lock``: which source text each translation was confirmed against.

For every document and key path, the first 12 hex digits of the SHA-256 of the
source (authoritative-language) value the translation was made from. A
translation is *stale* when the source value's hash no longer matches. The file
is YAML, sorted by document and key, so that reviews in git show small diffs::

    briefing-pack:
      "cover.title": "3f2a9c0b1d4e"
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .diagnostics import Diagnostic, Location, error
from .errors import ContentError
from .loader import load_yaml

LOCK_NAME = "translations.lock"
HEADER = (
    "# translations.lock: the source text each translation was confirmed against\n"
    "# (SHA-256, 12 hex digits). Written by 'reportgen sync --accept' and 'reportgen xliff\n"
    "# import'; review changes in git, do not edit by hand.\n"
)

Records = dict[str, dict[str, str]]  # document -> key path -> hash


def digest(value: str | None) -> str:
    return hashlib.sha256((value or "").encode("utf-8")).hexdigest()[:12]


def lock_path(root: Path) -> Path:
    return root / LOCK_NAME


def read_lock(root: Path) -> Records:
    """The recorded hashes ({} when there is no lock yet); raise on a damaged file."""
    path = lock_path(root)
    if not path.is_file():
        return {}
    src, diags = load_yaml(path)
    if src is None:
        raise ContentError(diagnostics=diags)
    data = src.data or {}
    if not isinstance(data, dict) or not all(_is_section(v) for v in data.values()):
        msg = "expected documents, each mapping key paths to hashes; run 'reportgen sync --accept'"
        raise ContentError(diagnostics=[_damaged(path, msg)])
    return {doc: dict(keys or {}) for doc, keys in data.items()}


def _is_section(value: object) -> bool:
    if value is None:
        return True
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _damaged(path: Path, msg: str) -> Diagnostic:
    return error("config", msg, Location(str(path), 1, 1))


def render_lock(records: Records) -> str:
    lines = [HEADER.rstrip("\n")]
    for doc in sorted(records):
        keys = records[doc]
        if not keys:
            continue
        lines.append(f"{json.dumps(doc)}:")
        for key in sorted(keys):
            lines.append(f"  {json.dumps(key, ensure_ascii=False)}: {json.dumps(keys[key])}")
    return "\n".join(lines) + "\n"


def write_lock(root: Path, records: Records) -> bool:
    """Write the lock if its content changed; return whether it did."""
    from .atomic import write_bytes

    path = lock_path(root)
    text = render_lock(records)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    write_bytes(path, text.encode("utf-8"))
    return True
