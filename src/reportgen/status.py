"""``reportgen status`` (translation progress) and ``reportgen sync --accept`` (confirm)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Location, error
from .errors import ContentError, UsageError
from .loader import key_str
from .lockfile import Records, digest, read_lock, write_lock
from .project import Project
from .translation import Pair, document_pairs, get_value, leaves, parse_key, untranslated


@dataclass
class Row:
    doc: str
    lang: str
    total: int
    translated: int
    stale: int
    missing: int

    @property
    def percent(self) -> int:
        """Done: translated and not stale, rounded down (100 only when all are done)."""
        if not self.total:
            return 100
        return (self.translated - self.stale) * 100 // self.total


def all_pairs(project: Project) -> list[Pair]:
    """Every translated document, read as raw YAML (works while content has schema errors)."""
    return document_pairs(project, {}, list(project.documents))


def pair_rows(pair: Pair, records: Records) -> list[Row]:
    total = translated = stale = missing = 0
    recorded = records.get(pair.name, {})
    for path, src in leaves(pair.source.data):
        total += 1
        found, tgt = get_value(pair.target.data, path)
        if not found or isinstance(tgt, (dict, list)) or not (tgt or "").strip():
            missing += 1
            continue
        if untranslated(pair, path, src, tgt) is not None:
            continue
        translated += 1
        old = recorded.get(key_str(path))
        stale += old is not None and old != digest(src)
    return [
        Row(pair.name, pair.source_lang, total, total, 0, 0),
        Row(pair.name, pair.target_lang, total, translated, stale, missing),
    ]


def status_rows(project: Project) -> list[Row]:
    records = read_lock(project.root)
    rows = [row for pair in all_pairs(project) for row in pair_rows(pair, records)]
    return sorted(rows, key=lambda r: (r.doc, r.lang))


def format_table(rows: list[Row]) -> str:
    head = ("document", "lang", "strings", "translated", "stale", "missing", "done")
    body = [
        (
            r.doc,
            r.lang,
            str(r.total),
            str(r.translated),
            str(r.stale),
            str(r.missing),
            f"{r.percent}%",
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [head, *body]) for i in range(len(head))]

    def fmt(cells: tuple[str, ...]) -> str:
        pairs = enumerate(zip(cells, widths, strict=True))
        out = [c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in pairs]
        return "  ".join(out).rstrip()

    return "\n".join([fmt(head), *(fmt(b) for b in body)])


# ---------------------------------------------------------------- sync --accept


def split_target(arg: str) -> tuple[str, str]:
    """``content/zh/X.yaml:KEY`` -> (path, key); the key part is optional."""
    path, sep, key = arg.partition(".yaml:")
    return (path + ".yaml", key) if sep else (arg, "")


def find_pair(project: Project, path_arg: str) -> Pair:
    path = Path(path_arg)
    full = (path if path.is_absolute() else Path.cwd() / path).resolve()
    for pair in all_pairs(project):
        if full in (pair.source.path.resolve(), pair.target.path.resolve()):
            return pair
    raise UsageError(f"{path_arg} is not the English or Chinese text of a translated document")


def current_hashes(pair: Pair, key: str = "") -> dict[str, str]:
    """Hashes of the source values whose translation exists, under ``key`` ('' = all)."""
    out: dict[str, str] = {}
    for path, src in leaves(pair.source.data):
        name = key_str(path)
        if key and not (name == key or name.startswith((key + ".", key + "["))):
            continue
        found, tgt = get_value(pair.target.data, path)
        if found and not isinstance(tgt, (dict, list)):
            out[name] = digest(src)
    return out


def accept(project: Project, arg: str) -> tuple[int, bool]:
    """Record the current source values of ``arg`` (PATH[:KEY]) as translated.

    Return (number of keys recorded, whether the lock file changed)."""
    path_arg, key = split_target(arg)
    pair = find_pair(project, path_arg)
    if key:
        _check_key(pair, key, arg)
    hashes = current_hashes(pair, key)
    records = read_lock(project.root)
    if key:
        records.setdefault(pair.name, {}).update(hashes)
    else:
        records[pair.name] = hashes
    return len(hashes), write_lock(project.root, records)


def _check_key(pair: Pair, key: str, arg: str) -> None:
    try:
        path = parse_key(key)
    except ValueError as exc:
        raise UsageError(f"'{key}' is not a key path like areas.items.youth.points[2]") from exc
    if not get_value(pair.source.data, path)[0]:
        msg = f"'{key}' is not a key of {pair.name}; nothing was recorded"
        where = Location(str(pair.target.path))
        raise ContentError(diagnostics=[error("missing-key", msg, where)])
    if not get_value(pair.target.data, path)[0]:
        msg = f"'{key}' has no translation yet ({arg}); translate it first"
        where = pair.target.loc(path)
        raise ContentError(diagnostics=[error("missing-key", msg, where)])
