"""Translation checks: key parity, untranslated and stale strings, placeholders, glossary.

Each document's text exists twice, in its *source* language (the authoritative
one, English unless ``authoritative: zh``) and in its *target* language (the
translation). Key paths are the same in both files; every check compares the
twins at one key path. Documents with ``translation: none`` exist in one
language only and are skipped.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .content import DocContent
from .diagnostics import Diagnostic, Location, error, relative_path, warning
from .loader import KeyPath, Source, get_value, key_str, load_yaml
from .lockfile import Records, is_current, read_lock_checked, recorded_text
from .project import DocumentConfig, Project
from .valuechecks.base import CJK_RE
from .valuechecks.diagnose import value_diagnostics
from .valuechecks.memo import FindingsMemo

LANG_NAMES = {"en": "English", "zh": "Chinese"}
_CJK = CJK_RE  # one Han class for the value checks and this module (~1.2 ms to build)
_LATIN = re.compile(r"[A-Za-z]")
_GUESS_LIMIT = 64  # keys among which "did you mean" looks for a typo
_PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
EMPTY = "the file has no text yet"
_KEY_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass
class Pair:
    """One document's two text files: source (authoritative) and target (translation)."""

    name: str
    doc: DocumentConfig
    source: Source
    target: Source

    @property
    def source_lang(self) -> str:
        return self.source.lang

    @property
    def target_lang(self) -> str:
        return self.target.lang


# ---------------------------------------------------------------- loading


def document_pairs(
    project: Project, documents: dict[str, DocContent], scope: Iterable[str] | None = None
) -> list[Pair]:
    """Pairs for the loaded ``documents``, plus any in ``scope`` that failed validation
    (read again as raw YAML, so parity can still be reported for them)."""
    names = list(documents) if scope is None else list(scope)
    pairs: list[Pair] = []
    for name in names:
        doc = project.documents.get(name)
        if doc is None or doc.type == "annex-pack" or doc.translation == "none":
            continue
        sources = documents[name].sources if name in documents else _raw_sources(project, doc)
        if "en" in sources and "zh" in sources:
            src_lang = doc.authoritative
            tgt_lang = "zh" if src_lang == "en" else "en"
            pairs.append(Pair(name, doc, sources[src_lang], sources[tgt_lang]))
    return pairs


def _raw_sources(project: Project, doc: DocumentConfig) -> dict[str, Source]:
    out: dict[str, Source] = {}
    for lang in ("en", "zh"):
        src, _ = load_yaml(project.content_path(lang, doc.name), lang)
        if src is not None:
            out[lang] = src
    return out


# ---------------------------------------------------------------- walking


def leaves(data: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """Every text value (None read as '') with its key path, in file order."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from leaves(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from leaves(v, path + (i,))
    else:
        yield path, "" if data is None else str(data)


def parse_key(text: str) -> KeyPath:
    """``areas.items.youth.points[2]`` -> ('areas', 'items', 'youth', 'points', 2)."""
    out: list[str | int] = []
    for m in _KEY_PART.finditer(text):
        out.append(m.group(1) if m.group(1) is not None else int(m.group(2)))
    if key_str(tuple(out)) != text:
        raise ValueError(f"not a key path: {text!r}")
    return tuple(out)


def shown(loc: Location) -> str:
    """A location as the CLI prints it: relative to the working directory when inside it."""
    rel = relative_path(loc.path, str(Path.cwd()))
    if rel is None:
        return str(loc)
    return str(Location(rel, loc.line, loc.column))


def shown_path(path: Path) -> str:
    return shown(Location(str(path)))


# ---------------------------------------------------------------- parity


def parity(pair: Pair) -> list[Diagnostic]:
    if pair.source.data and not pair.target.data:
        return [_empty(pair)]
    out: list[Diagnostic] = []
    _compare(pair, pair.source.data, pair.target.data, (), out)
    return out


def _empty(pair: Pair) -> Diagnostic:
    """One line for an empty translation file, not one per missing key."""
    where = Location(str(pair.target.path), 1, 1, "", pair.target_lang)
    source = shown_path(pair.source.path)
    msg = f"{EMPTY}; copy {source} here and translate its values (keep the keys)"
    return error("missing-key", msg, where, Location(str(pair.source.path), 1, 1))


def _compare(pair: Pair, src: Any, tgt: Any, path: KeyPath, out: list[Diagnostic]) -> None:
    if isinstance(src, dict) and isinstance(tgt, dict):
        for key in src:
            if key not in tgt:
                out.append(_missing(pair, path, path + (key,)))
        extra = [key for key in tgt if key not in src]
        # "did you mean" is for a typo among a few keys: never len(src) x len(extra) work
        few = len(src) <= _GUESS_LIMIT and len(extra) <= _GUESS_LIMIT
        siblings = list(src) if few else []
        for key in extra:
            out.append(_extra(pair, path, key, siblings))
        for key in src:
            if key in tgt:
                _compare(pair, src[key], tgt[key], path + (key,), out)
    elif isinstance(src, list) and isinstance(tgt, list):
        for i in range(len(tgt), len(src)):
            out.append(_missing(pair, path, path + (i,)))
        for i in range(len(src), len(tgt)):
            out.append(_extra(pair, path, i, []))
        for i in range(min(len(src), len(tgt))):
            _compare(pair, src[i], tgt[i], path + (i,), out)


def _missing(pair: Pair, parent: KeyPath, path: KeyPath) -> Diagnostic:
    where = pair.target.loc(parent, of_key=bool(parent) and isinstance(parent[-1], str))
    where = Location(where.path, where.line, where.column, key_str(path), pair.target_lang)
    twin = pair.source.loc(path)
    msg = (
        f"'{key_str(path)}' is missing ({LANG_NAMES[pair.source_lang]} at {shown(twin)}); "
        "translate it"
    )
    return error("missing-key", msg, where, twin)


def _extra(pair: Pair, parent: KeyPath, key: str | int, siblings: list[str]) -> Diagnostic:
    path = parent + (key,)
    where = pair.target.loc(path, of_key=isinstance(key, str))
    twin = pair.source.loc(parent, of_key=bool(parent) and isinstance(parent[-1], str))
    src_name = LANG_NAMES[pair.source_lang]
    guess = difflib.get_close_matches(key, siblings, n=1) if isinstance(key, str) else []
    hint = f"did you mean '{key_str(parent + (guess[0],))}'?" if guess else "delete it"
    where_src = f"{src_name} '{key_str(parent)}' at {shown(twin)}" if parent else shown(twin)
    msg = f"'{key_str(path)}' is not in the {src_name} file ({where_src}); {hint}"
    return error("extra-key", msg, where, twin)


def superseded(diag: Diagnostic, parity_diags: list[Diagnostic]) -> bool:
    """True for a ``schema`` diagnostic that repeats a parity one (same file, line, column,
    about the same missing or unknown key): check.py drops those."""
    return superseded_filter(parity_diags)(diag)


def superseded_filter(parity_diags: list[Diagnostic]) -> Callable[[Diagnostic], bool]:
    """:func:`superseded` for many diagnostics: the parity ones indexed once (linear, not
    one scan of every parity diagnostic per schema diagnostic)."""
    empty = {p.location.path for p in parity_diags if p.message.startswith(EMPTY)}
    keyed = {
        (p.location.path, p.location.line, p.location.column, p.location.key.rsplit(".", 1)[-1])
        for p in parity_diags
        if p.code in ("missing-key", "extra-key")
    }

    def test(diag: Diagnostic) -> bool:
        if diag.code != "schema" or not diag.message.startswith(("missing key '", "unknown key '")):
            return False
        loc = diag.location
        name = diag.message.split("'")[1]
        return loc.path in empty or (loc.path, loc.line, loc.column, name) in keyed

    return test


def source_typo_filter(schema_diags: list[Diagnostic]) -> Callable[[Diagnostic], bool]:
    """True for a parity diagnostic that only repeats an unknown key in the source file: a
    typo in the English ('subtitel') would otherwise also report the translation's correct
    key as extra ("did you mean 'cover.subtitel'?") and the typo as missing. The schema
    error on the source says it once, at the typo."""
    unknown = {
        (d.location.path, d.location.key)
        for d in schema_diags
        if d.code == "schema" and d.message.startswith("unknown key '") and d.location.key
    }
    parents = {(path, key.rpartition(".")[0]) for path, key in unknown}

    def test(diag: Diagnostic) -> bool:
        if diag.code not in ("missing-key", "extra-key") or not diag.related:
            return False
        source = diag.related[0].path
        if diag.code == "missing-key":
            return (source, diag.location.key) in unknown
        return (source, diag.location.key.rpartition(".")[0]) in parents

    return test


# ---------------------------------------------------------------- per value


def untranslated(pair: Pair, path: KeyPath, src: str, tgt: str) -> Diagnostic | None:
    if pair.target_lang == "zh":
        has_text, lacks = bool(_LATIN.search(src)), not _CJK.search(tgt)
    else:
        has_text, lacks = bool(_CJK.search(src)), not _LATIN.search(tgt)
    if not has_text or not tgt.strip():
        return None
    lang = LANG_NAMES[pair.target_lang]
    if tgt.strip() == src.strip():
        msg = f"'{key_str(path)}' is the same as the {LANG_NAMES[pair.source_lang]}; translate it"
    elif lacks:
        msg = f"'{key_str(path)}' has no {lang} text; translate it"
    else:
        return None
    return warning("untranslated", msg, _at(pair, path), pair.source.loc(path))


def placeholders(text: str) -> set[str]:
    return {m.group(1) for m in _PLACEHOLDER.finditer(text)}


def placeholder_mismatch(pair: Pair, path: KeyPath, src: str, tgt: str) -> Diagnostic | None:
    ps, pt = placeholders(src), placeholders(tgt)
    if ps == pt:
        return None
    parts = []
    src_name, tgt_name = LANG_NAMES[pair.source_lang], LANG_NAMES[pair.target_lang]
    if ps - pt:
        names = ", ".join("{{ " + p + " }}" for p in sorted(ps - pt))
        parts.append(f"{names} in the {src_name} but not the {tgt_name}")
    if pt - ps:
        names = ", ".join("{{ " + p + " }}" for p in sorted(pt - ps))
        parts.append(f"{names} in the {tgt_name} but not the {src_name}")
    msg = f"'{key_str(path)}' placeholders differ: {'; '.join(parts)}; copy them exactly"
    return error("placeholder-mismatch", msg, _at(pair, path), pair.source.loc(path))


def stale(
    pair: Pair, path: KeyPath, src: str, records: Records, root: Path | None = None
) -> Diagnostic | None:
    recorded = records.get(pair.name, {}).get(key_str(path))
    if recorded is None or is_current(recorded, src):
        return None
    src_name = LANG_NAMES[pair.source_lang]
    old = recorded_text(recorded)
    what = f": {change(old, src)}" if old is not None else ""
    msg = (
        f"'{key_str(path)}': {src_name} changed since the translation was confirmed{what} "
        f"({src_name} at {shown(pair.source.loc(path))}); review it, then "
        f"'{accept_command(pair, path, root)}'"
    )
    return warning("stale", msg, _at(pair, path), pair.source.loc(path))


def accept_command(pair: Pair, path: KeyPath, root: Path | None) -> str:
    """The sync command that confirms ``path``, runnable from the working directory."""
    target = pair.target.path
    project = ""
    if root is not None:
        shown_root = shown_path(root)
        project = "" if Path(shown_root).resolve() == Path.cwd().resolve() else f" {shown_root}"
        try:
            target = target.resolve().relative_to(root.resolve())
        except ValueError:
            target = pair.target.path
    arg = f"{Path(target).as_posix()}:{key_str(path)}" if path else Path(target).as_posix()
    return f"reportgen sync{project} --accept {arg}"


def change(old: str, new: str, width: int = 60) -> str:
    """What changed from ``old`` to ``new``, short: 'A' → 'B', or …context[A → B]context…"""
    if len(old) <= width and len(new) <= width:
        return f"'{old}' → '{new}'"
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    before = old[max(0, start - 20) : start]
    after = old[len(old) - end : len(old) - end + 20]
    lead = "…" if start > 20 else ""
    tail = "…" if end > 20 else ""
    a, b = old[start : len(old) - end], new[start : len(new) - end]
    a = a if len(a) <= width else a[: width - 1] + "…"
    b = b if len(b) <= width else b[: width - 1] + "…"
    return f"'{lead}{before}[{a} → {b}]{after}{tail}'"


def _at(pair: Pair, path: KeyPath) -> Location:
    return pair.target.loc(path)


# ---------------------------------------------------------------- glossary

Glossary = dict[str, list[str]]


def glossary_path(project: Project) -> Path | None:
    name = project.config.get("glossary")
    path = project.root / (name or "glossary.yaml")
    return path if (name or path.is_file()) else None


def load_glossary(project: Project) -> tuple[Glossary, list[Diagnostic]]:
    """English term -> agreed Chinese renderings, from ``glossary.yaml``."""
    path = glossary_path(project)
    if path is None:
        return {}, []
    src, diags = load_yaml(path)
    if src is None:
        return {}, [_as_config(d) for d in diags]
    out: Glossary = {}
    data = src.data or {}
    if not isinstance(data, dict):
        msg = "the glossary maps English terms to Chinese, e.g. 'Chief Executive: 行政長官'"
        return {}, [error("config", msg, src.loc(()))]
    for term, value in data.items():
        renderings = value if isinstance(value, list) else [value]
        if not renderings or not all(isinstance(r, str) and r.strip() for r in renderings):
            msg = f"'{term}' needs a Chinese rendering (text, or a list of texts)"
            diags.append(error("config", msg, src.loc((term,))))
            continue
        out[term] = [r.strip() for r in renderings]
    return out, diags


def _as_config(d: Diagnostic) -> Diagnostic:
    return Diagnostic(d.severity, "config", d.message, d.location, d.related)


@functools.lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)


def glossary_hits(pair: Pair, path: KeyPath, glossary: Glossary) -> list[Diagnostic]:
    texts = {pair.source_lang: _leaf(pair.source, path), pair.target_lang: _leaf(pair.target, path)}
    en, zh = texts["en"], texts["zh"]
    if not en or not zh:
        return []
    out = []
    for term, renderings in _specific_first(glossary, en):
        if any(r in zh for r in renderings):
            continue
        use = " or ".join(renderings)
        msg = f"'{key_str(path)}': the English has '{term}'; the Chinese should use {use}"
        zh_src = pair.target if pair.target_lang == "zh" else pair.source
        en_src = pair.source if pair.target_lang == "zh" else pair.target
        out.append(warning("glossary", msg, zh_src.loc(path), en_src.loc(path)))
    return out


# Words that make a longer official title of the term they precede: a Principal Assistant
# Secretary for X is not the Secretary for X (首席助理秘書長, not 局長). "Acting" is not
# among them: the Acting Secretary for X is 署理 + the Secretary's title. "Under" only with
# its capital (the title), not the preposition.
_TITLE_PREFIX = re.compile(
    r"(?:(?<!\w)(?i:assistant|deputy|permanent|associate|assistant\s+to\s+the"
    r"|(?:press|private)\s+secretary\s+to\s+the)"
    r"|(?<!\w)Under)(?:\s+|-)\Z"
)
_PREFIX_REACH = 64  # characters before a match where a title-forming word is looked for


def _titled(en: str, start: int, taken: list[tuple[int, int]]) -> bool:
    """True when the match at ``start`` is only part of a longer title: a title-forming word
    stands right before it and is not itself inside a (longer) glossary term's match."""
    before = max(0, start - _PREFIX_REACH)
    m = _TITLE_PREFIX.search(en, before, start)
    if m is None:
        return False
    return not any(a < start and m.start() < b for a, b in taken)


def _specific_first(glossary: Glossary, en: str) -> list[tuple[str, list[str]]]:
    """The glossary terms the English uses, longest (most specific) first; a term inside
    a longer one's match does not count ('Permanent Secretary for X' is not 'Secretary
    for X'), nor does one that a title-forming word turns into a longer title that the
    glossary lacks ('Principal Assistant Secretary for X', 'Deputy Secretary for X')."""
    taken: list[tuple[int, int]] = []
    used: list[tuple[str, list[str]]] = []
    for term in sorted(glossary, key=lambda t: (-len(t), t)):
        free = False
        for m in _term_pattern(term).finditer(en):
            if any(a <= m.start() and m.end() <= b for a, b in taken):
                continue
            if _titled(en, m.start(), taken):
                continue  # not taken: a shorter term inside it (the bureau's name) still counts
            free = True
            taken.append(m.span())
        if free:
            used.append((term, glossary[term]))
    return used


def _leaf(src: Source, path: KeyPath) -> str:
    found, value = get_value(src.data, path)
    return value if found and isinstance(value, str) else ""


# ---------------------------------------------------------------- entry point


def pair_diagnostics(
    pair: Pair,
    records: Records,
    glossary: Glossary,
    root: Path | None = None,
    memo: FindingsMemo | None = None,
) -> list[Diagnostic]:
    out = parity(pair)
    for path, src in leaves(pair.source.data):
        found, tgt = get_value(pair.target.data, path)
        if not found or isinstance(tgt, (dict, list)):
            continue
        tgt = tgt or ""
        for check in (placeholder_mismatch, untranslated):
            found_diag = check(pair, path, src, tgt)
            if found_diag:
                out.append(found_diag)
        if tgt.strip():
            found_diag = stale(pair, path, src, records, root)
            if found_diag:
                out.append(found_diag)
            out += glossary_hits(pair, path, glossary)
            out += value_diagnostics(_by_lang(pair), path, pair.target_lang, memo)
    return out


def _by_lang(pair: Pair) -> dict[str, Source]:
    return {pair.source_lang: pair.source, pair.target_lang: pair.target}


def translation_diagnostics(
    project: Project, documents: dict[str, DocContent], scope: Iterable[str] | None = None
) -> list[Diagnostic]:
    """Every translation diagnostic for ``documents`` (and failed documents in ``scope``)."""
    lock = read_lock_checked(project.root)
    if any(d.is_error for d in lock.problems):
        return lock.problems
    glossary, diags = load_glossary(project)
    diags += lock.problems
    memo = FindingsMemo(project.root)
    for pair in document_pairs(project, documents, scope):
        diags += pair_diagnostics(pair, lock.records, glossary, project.root, memo)
    memo.save()
    return diags
