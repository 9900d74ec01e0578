"""``translations.lock``: the source text each translation was confirmed against.

One entry per line, ``"DOCUMENT:KEY": "source text"`` (JSON strings, so the file is
also YAML), sorted, with a blank line between entries: when two translators
confirm different keys, git merges their locks without a conflict, even for keys
that sort next to each other. A translation is *stale* when its source text is no
longer the recorded one, and the recorded text shows what changed. A key with no
entry is *unconfirmed*.

A lock with git conflict markers still reads: entries both sides agree on count,
a key confirmed differently on the two sides counts as unconfirmed, and
:func:`read_lock_checked` reports the conflict in words (not as a YAML error).
Locks written by older versions (``DOCUMENT:`` sections of 12-digit SHA-256
hashes) are read too; they cannot show what changed until confirmed again.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Location, error, warning
from .errors import ContentError
from .loader import load_yaml

LOCK_NAME = "translations.lock"
HEADER = (
    "# translations.lock: the source text each translation was confirmed against.\n"
    "# Written by 'reportgen sync --accept' and 'reportgen xliff import'; one entry per line,\n"
    "# a blank line between entries so that git merges confirmations of different keys.\n"
    "# Review changes in git; do not edit by hand.\n"
)
HASHED = "\x00sha256:"  # prefix of a recorded value that is an old-style hash, not text

Records = dict[str, dict[str, str]]  # document -> key path -> confirmed source text
_MARKERS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")
_LEGACY_SECTION = re.compile(r'^"?([^":]+)"?:\s*$')
_HEX = re.compile(r"^[0-9a-f]{12}$")


def digest(value: str | None) -> str:
    return hashlib.sha256((value or "").encode("utf-8")).hexdigest()[:12]


def is_current(recorded: str, source: str) -> bool:
    """Whether ``recorded`` (a lock value) confirms the source text ``source``."""
    if recorded.startswith(HASHED):
        return recorded[len(HASHED) :] == digest(source)
    return recorded == source


def recorded_text(recorded: str) -> str | None:
    """The confirmed source text, or None for an old-style hash."""
    return None if recorded.startswith(HASHED) else recorded


def lock_path(root: Path) -> Path:
    return root / LOCK_NAME


@dataclass
class LockRead:
    """The confirmed texts of the lock file, and the problems reading it."""

    records: Records = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)


def read_lock(root: Path) -> Records:
    """The confirmed texts ({} when there is no lock yet); raise on a damaged file.
    A merge conflict does not raise (see :func:`read_lock_checked`)."""
    read = read_lock_checked(root)
    errors = [d for d in read.problems if d.is_error]
    if errors:
        raise ContentError(diagnostics=errors)
    return read.records


def read_lock_checked(root: Path) -> LockRead:
    path = lock_path(root)
    if not path.is_file():
        return LockRead()
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError) as exc:
        return LockRead(problems=[_damaged(path, 1, f"cannot read: {exc}")])
    lines = text.split("\n")
    if any(_LEGACY_SECTION.match(line) for line in lines if not line.startswith("#")):
        return _read_legacy(path)
    return _read_lines(path, lines)


def _read_lines(path: Path, lines: list[str]) -> LockRead:
    out = LockRead()
    seen: dict[tuple[str, str], str] = {}
    conflicted: set[tuple[str, str]] = set()
    first_marker = 0
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith(_MARKERS):
            first_marker = first_marker or n
            continue
        entry = _entry(line)
        if entry is None:
            msg = (
                f'line {n} is not an entry like "DOCUMENT:KEY": "text"; '
                "restore the file from git, or delete it and run 'reportgen sync --accept'"
            )
            out.problems.append(_damaged(path, n, msg))
            continue
        (doc, key), value = entry
        if (doc, key) in seen and seen[(doc, key)] != value:
            conflicted.add((doc, key))
        seen[(doc, key)] = value
    for (doc, key), value in seen.items():
        if (doc, key) not in conflicted:
            out.records.setdefault(doc, {})[key] = value
    if first_marker:
        keys = ", ".join(f"{d}:{k}" for d, k in sorted(conflicted)[:3]) or "none"
        msg = (
            "git merge conflict markers (<<<<<<< ======= >>>>>>>): each line is one "
            "confirmation, so keep both sides' lines and delete the marker lines, or run "
            "'reportgen sync --accept' again; until then keys confirmed differently on the "
            f"two sides count as unconfirmed ({len(conflicted)}: {keys})"
        )
        out.problems.append(warning("config", msg, Location(str(path), first_marker, 1)))
    return out


def _entry(line: str) -> tuple[tuple[str, str], str] | None:
    decoder = json.JSONDecoder()
    try:
        name, end = decoder.raw_decode(line)
        rest = line[end:].lstrip()
        if not rest.startswith(":"):
            return None
        value, end2 = decoder.raw_decode(rest[1:].lstrip())
    except json.JSONDecodeError:
        return None
    if not isinstance(name, str) or not isinstance(value, str) or ":" not in name:
        return None
    doc, _, key = name.partition(":")
    return (doc, key), value


def _read_legacy(path: Path) -> LockRead:
    src, diags = load_yaml(path)
    if src is None:
        return LockRead(problems=[_damaged(path, d.location.line, d.message) for d in diags])
    data = src.data or {}
    ok = isinstance(data, dict) and all(
        keys is None or (isinstance(keys, dict) and all(isinstance(v, str) for v in keys.values()))
        for keys in data.values()
    )
    if not ok:
        msg = "expected documents, each mapping key paths to hashes; run 'reportgen sync --accept'"
        return LockRead(problems=[_damaged(path, 1, msg)])
    records: Records = {}
    for doc, keys in data.items():
        for key, value in (keys or {}).items():
            records.setdefault(doc, {})[key] = HASHED + value if _HEX.match(value) else value
    return LockRead(records)


def _damaged(path: Path, line: int, msg: str) -> Diagnostic:
    return error("config", msg, Location(str(path), line or 1, 1))


def render_lock(records: Records) -> str:
    lines = [HEADER]
    for doc in sorted(records):
        for key in sorted(records[doc]):
            value = records[doc][key]
            if value.startswith(HASHED):
                continue  # an old-style hash: see upgrade()
            name = json.dumps(f"{doc}:{key}", ensure_ascii=False)
            lines.append(f"{name}: {json.dumps(value, ensure_ascii=False)}\n")
    return "\n".join(lines)


def upgrade(records: Records, sources: dict[str, dict[str, str]]) -> None:
    """Replace old-style hashes by the source text they confirm (``sources``: document ->
    key -> current source text); a hash of an older text cannot be kept (that key
    becomes unconfirmed and needs confirming again)."""
    for doc, keys in records.items():
        for key, value in list(keys.items()):
            if value.startswith(HASHED):
                current = sources.get(doc, {}).get(key)
                if current is not None and is_current(value, current):
                    keys[key] = current
                else:
                    del keys[key]


def write_lock(root: Path, records: Records) -> bool:
    """Write the lock if its content changed; return whether it did."""
    from .atomic import write_bytes

    path = lock_path(root)
    text = render_lock(records)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    write_bytes(path, text.encode("utf-8"))
    return True
