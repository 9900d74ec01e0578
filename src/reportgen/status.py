"""``reportgen status`` (translation progress) and ``reportgen sync --accept`` (confirm)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Location, error
from .errors import ContentError, UsageError
from .loader import key_str, load_yaml
from .lockfile import Records, is_current, read_lock, upgrade, write_lock
from .project import Project
from .translation import Pair, document_pairs, get_value, leaves, parse_key, untranslated

COLUMNS = (
    "document",
    "lang",
    "strings",
    "confirmed",
    "unconfirmed",
    "stale",
    "untranslated",
    "missing",
    "done",
)


@dataclass
class Row:
    """One translation (a document in its target language); the five counts add up to
    ``total``."""

    doc: str
    lang: str
    total: int
    confirmed: int = 0  # translated, and confirmed against the current source text
    unconfirmed: int = 0  # translated, never confirmed (not in translations.lock)
    stale: int = 0  # confirmed against a source text that has changed since
    untranslated: int = 0  # the same as the source, or not in the language
    missing: int = 0  # no value

    @property
    def percent(self) -> int:
        """Done: confirmed and current, rounded down (100 only when all are done)."""
        if not self.total:
            return 100
        return self.confirmed * 100 // self.total


def all_pairs(project: Project) -> list[Pair]:
    """Every translated document, read as raw YAML (works while content has schema errors);
    a document whose file cannot be read is left out (see :func:`load_pairs`)."""
    return document_pairs(project, {}, list(project.documents))


def load_pairs(project: Project) -> list[Pair]:
    """Every translated document; raise ContentError when a text file cannot be read
    (a YAML error, a missing file), instead of leaving the document out."""
    problems: list[Diagnostic] = []
    for doc in project.documents.values():
        if doc.type == "annex-pack" or doc.translation == "none":
            continue
        for lang in ("en", "zh"):
            src, diags = load_yaml(project.content_path(lang, doc.name), lang)
            if src is None:
                problems += [d for d in diags if d.is_error]
    if problems:
        raise ContentError(diagnostics=problems)
    return all_pairs(project)


def pair_rows(pair: Pair, records: Records) -> list[Row]:
    row = Row(pair.name, pair.target_lang, 0)
    recorded = records.get(pair.name, {})
    for path, src in leaves(pair.source.data):
        row.total += 1
        found, tgt = get_value(pair.target.data, path)
        if not found or isinstance(tgt, (dict, list)) or not (tgt or "").strip():
            row.missing += 1
        elif untranslated(pair, path, src, tgt) is not None:
            row.untranslated += 1
        elif key_str(path) not in recorded:
            row.unconfirmed += 1
        elif is_current(recorded[key_str(path)], src):
            row.confirmed += 1
        else:
            row.stale += 1
    return [row]


def status_rows(project: Project) -> list[Row]:
    records = read_lock(project.root)
    rows = [row for pair in load_pairs(project) for row in pair_rows(pair, records)]
    return sorted(rows, key=lambda r: (r.doc, r.lang))


def total_row(rows: list[Row]) -> Row:
    total = Row("total", "", sum(r.total for r in rows))
    for name in ("confirmed", "unconfirmed", "stale", "untranslated", "missing"):
        setattr(total, name, sum(getattr(r, name) for r in rows))
    return total


def format_table(rows: list[Row]) -> str:
    shown = [*rows, total_row(rows)] if rows else rows
    body = [
        (
            r.doc,
            r.lang,
            str(r.total),
            str(r.confirmed),
            str(r.unconfirmed),
            str(r.stale),
            str(r.untranslated),
            str(r.missing),
            f"{r.percent}%",
        )
        for r in shown
    ]
    widths = [max(len(line[i]) for line in [COLUMNS, *body]) for i in range(len(COLUMNS))]

    def fmt(cells: tuple[str, ...]) -> str:
        pairs = enumerate(zip(cells, widths, strict=True))
        out = [c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in pairs]
        return "  ".join(out).rstrip()

    return "\n".join([fmt(COLUMNS), *(fmt(b) for b in body)])


# ---------------------------------------------------------------- sync --accept


def split_target(arg: str) -> tuple[str, str]:
    """``content/zh/X.yaml:KEY`` -> (path, key); the key part is optional."""
    path, sep, key = arg.partition(".yaml:")
    return (path + ".yaml", key) if sep else (arg, "")


def find_pair(project: Project, path_arg: str) -> Pair:
    """The document whose English or Chinese file is ``path_arg``: relative to the project
    (as 'check' prints it), else to the working directory."""
    path = Path(path_arg)
    candidates = [path] if path.is_absolute() else [project.root / path, Path.cwd() / path]
    fulls = [c.resolve() for c in candidates]
    for pair in load_pairs(project):
        if {pair.source.path.resolve(), pair.target.path.resolve()} & set(fulls):
            return pair
    raise UsageError(f"{path_arg} is not the English or Chinese text of a translated document")


def current_sources(pair: Pair, key: str = "") -> dict[str, str]:
    """Source texts of the values whose translation exists, under ``key`` ('' = all)."""
    out: dict[str, str] = {}
    for path, src in leaves(pair.source.data):
        name = key_str(path)
        if key and not (name == key or name.startswith((key + ".", key + "["))):
            continue
        found, tgt = get_value(pair.target.data, path)
        if found and not isinstance(tgt, (dict, list)):
            out[name] = src
    return out


def upgrade_lock(project: Project, records: Records) -> None:
    """Old-style hashes in ``records`` become the texts they confirm."""
    sources = {
        p.name: {key_str(k): v for k, v in leaves(p.source.data)} for p in all_pairs(project)
    }
    upgrade(records, sources)


def accept(project: Project, arg: str) -> tuple[int, bool]:
    """Record the current source values of ``arg`` (PATH[:KEY]) as translated.

    Return (number of keys recorded, whether the lock file changed)."""
    path_arg, key = split_target(arg)
    pair = find_pair(project, path_arg)
    if key:
        _check_key(pair, key, arg)
    texts = current_sources(pair, key)
    records = read_lock(project.root)
    upgrade_lock(project, records)
    if key:
        records.setdefault(pair.name, {}).update(texts)
    else:
        records[pair.name] = texts
    return len(texts), write_lock(project.root, records)


def _check_key(pair: Pair, key: str, arg: str) -> None:
    try:
        path = parse_key(key)
    except ValueError as exc:
        raise UsageError(f"'{key}' is not a key path like areas.items.youth.points[2]") from exc
    if not get_value(pair.source.data, path)[0]:
        import difflib

        known = [key_str(p) for p, _ in leaves(pair.source.data)]
        close = difflib.get_close_matches(key, known, n=1)
        hint = "write a key path as 'reportgen check' prints it" + (
            f", e.g. '{known[0]}'" if known else ""
        )
        if close:
            hint = f"did you mean '{close[0]}'?"
        msg = f"'{key}' is not a key of {pair.name}; nothing was recorded; {hint}"
        where = Location(str(pair.target.path))
        raise ContentError(diagnostics=[error("missing-key", msg, where)])
    if not get_value(pair.target.data, path)[0]:
        msg = f"'{key}' has no translation yet ({arg}); translate it first"
        where = pair.target.loc(path)
        raise ContentError(diagnostics=[error("missing-key", msg, where)])
