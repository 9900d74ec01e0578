"""The bilingual edition as one aligned model: the English and Chinese renderings of a
template, aligned by content key.

Every element a template writes carries ``key="..."``, the content key path of what it
shows (``articles.3.p2``: the second paragraph of the fourth article). Composition cuts each
rendering into *units* (a heading, a paragraph, one list item, a table, a spacer...),
aligns the two unit lists by key, never by position, and builds:

* :class:`~reportgen.model.Pair` rows (English half, Chinese half) grouped into
  :class:`~reportgen.model.Parallel` sections: writers start both halves at the same height;
* one bilingual :class:`~reportgen.model.Table` per table, aligned row by row, each cell
  holding the English above the Chinese (a text the same in both, like a time, once);
* blocks that span both columns: cover lines (English, then Chinese), spacers, page
  breaks, the contents, and a notice that exists in one language only (the
  unofficial-translation notice).

A unit in one language only becomes a pair with an empty half. Keys in a different order
in the two renderings cannot be aligned: :class:`AlignError` names the key.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import groupby

from . import model as m

LANGS = ("en", "zh-Hant-HK")
SPANNING_STYLES = ("cover", "classification")  # cover lines: English then Chinese, full width
ONE_SIDED_SPAN = ("notice",)  # a notice in one language only spans both columns


class AlignError(ValueError):
    """Two renderings whose keys cannot be aligned."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass
class Unit:
    """One aligned block of a language's document, with the content key it shows."""

    key: str
    block: m.Block
    keep: str = ""  # the key of the <keep> group it belongs to


@dataclass
class _Keys:
    """Keys for elements without one: the element's type and its number in the rendering
    (both renderings come from the same template, so they number alike)."""

    counts: Counter[str] = field(default_factory=Counter)

    def auto(self, block: m.Block) -> str:
        name = type(block).__name__.lower()
        self.counts[name] += 1
        return f"#{name}{self.counts[name]}"


def units(blocks: list[m.Block], keys: _Keys | None = None, keep: str = "") -> list[Unit]:
    """A rendering's blocks as alignment units (a list's items one by one)."""
    keys = keys or _Keys()
    out: list[Unit] = []
    for block in blocks:
        key = getattr(block, "key", "") or keys.auto(block)
        if isinstance(block, m.KeepTogether):
            out += units(block.blocks, keys, keep or key)
        elif isinstance(block, m.ListBlock):
            for i, item in enumerate(block.items):
                item_key = (block.item_keys[i:] or [""])[0] or f"{key}.{i}"
                one = replace(block, items=[item], item_keys=[item_key], start=block.start + i)
                out.append(Unit(item_key, one, keep))
        else:
            out.append(Unit(key, block, keep))
    return out


def align(left: list[Unit], right: list[Unit]) -> list[tuple[Unit | None, Unit | None]]:
    """The two unit lists merged by key, in reading order; a key on one side only pairs
    with nothing."""
    for side in (left, right):
        seen = Counter(u.key for u in side)
        dup = next((k for k, n in seen.items() if n > 1), None)
        if dup is not None:
            raise AlignError(dup, f"key '{dup}' is used by {seen[dup]} elements of one rendering")
    lkeys, rkeys = {u.key for u in left}, {u.key for u in right}
    out: list[tuple[Unit | None, Unit | None]] = []
    i = j = 0
    while i < len(left) or j < len(right):
        a = left[i] if i < len(left) else None
        b = right[j] if j < len(right) else None
        if a is not None and b is not None and a.key == b.key:
            out.append((a, b))
            i, j = i + 1, j + 1
        elif a is not None and a.key not in rkeys:
            out.append((a, None))
            i += 1
        elif b is not None and b.key not in lkeys:
            out.append((None, b))
            j += 1
        else:
            key = (a or b).key  # type: ignore[union-attr]
            other = (b or a).key  # type: ignore[union-attr]
            raise AlignError(
                key,
                f"'{key}' and '{other}' come in a different order in the English and the "
                "Chinese text; put them in the same order in both files",
            )
    return out


def bilingual(left: list[m.Block], right: list[m.Block]) -> list[m.Block]:
    """The aligned model of two renderings (English ``left``, Chinese ``right``)."""
    pairs = align(units(left), units(right))
    out: list[m.Block] = []
    for group, members in groupby(pairs, key=lambda p: (p[0] or p[1]).keep):  # type: ignore[union-attr]
        blocks = _blocks(list(members))
        if group:
            out.append(m.KeepTogether(blocks, group))
        else:
            out += blocks
    return out


def _blocks(pairs: list[tuple[Unit | None, Unit | None]]) -> list[m.Block]:
    out: list[m.Block] = []
    for a_unit, b_unit in pairs:
        a = a_unit.block if a_unit else None
        b = b_unit.block if b_unit else None
        key = (a_unit or b_unit).key  # type: ignore[union-attr]
        spans = _spanning(a, b)
        if spans is not None:
            out += spans
            continue
        if isinstance(a, m.Heading) and isinstance(b, m.Heading):
            a.bookmark = f"{a.bookmark or a.text}  {b.bookmark or b.text}"
            b.toc = False
        row = m.Pair([a] if a is not None else [], [b] if b is not None else [], key)
        if out and isinstance(out[-1], m.Parallel):
            out[-1].rows.append(row)
        else:
            out.append(m.Parallel([row], LANGS))
    return out


def _spanning(a: m.Block | None, b: m.Block | None) -> list[m.Block] | None:
    """Blocks set across both columns, or None for a pair."""
    one = a if a is not None else b
    if isinstance(one, (m.Spacer, m.PageBreak)):
        return [one]
    if isinstance(one, m.Toc):
        title = f"{a.title} {b.title}" if isinstance(a, m.Toc) and isinstance(b, m.Toc) else ""
        return [m.Toc(title or one.title, one.lang, one.depth)]
    if isinstance(one, m.Table):
        return [merge_tables(a, b)]  # type: ignore[arg-type]
    if isinstance(one, m.Paragraph) and one.style.startswith(SPANNING_STYLES):
        return [x for x in (a, b) if x is not None]
    if (a is None or b is None) and isinstance(one, m.Paragraph) and one.style in ONE_SIDED_SPAN:
        return [one]
    return None


def merge_tables(a: m.Table | None, b: m.Table | None) -> m.Table:
    """One bilingual table: rows aligned by key, each cell English above Chinese."""
    if a is None or b is None:
        one = a or b
        return replace(one, keep_rows=True)  # type: ignore[type-var]
    rows_a = [Unit(k or f"#row{i}", m.Spacer(0)) for i, k in enumerate(_row_keys(a))]
    rows_b = [Unit(k or f"#row{i}", m.Spacer(0)) for i, k in enumerate(_row_keys(b))]
    index_a = {u.key: i for i, u in enumerate(rows_a)}
    index_b = {u.key: i for i, u in enumerate(rows_b)}
    rows: list[list[m.Cell]] = []
    keys: list[str] = []
    header = 0
    for ua, ub in align(rows_a, rows_b):
        key = (ua or ub).key  # type: ignore[union-attr]
        ra = a.rows[index_a[key]] if ua else None
        rb = b.rows[index_b[key]] if ub else None
        if (ua and index_a[key] < a.header_rows) or (ub and index_b[key] < b.header_rows):
            header += 1
        rows.append(_merge_row(ra, rb, key))
        keys.append(key)
    return m.Table(rows, a.widths, header, a.style, a.key, keys, keep_rows=True)


def _row_keys(t: m.Table) -> list[str]:
    return [(t.row_keys[i:] or [""])[0] for i in range(len(t.rows))]


def _merge_row(ra: list[m.Cell] | None, rb: list[m.Cell] | None, key: str) -> list[m.Cell]:
    if ra is None or rb is None:
        return list(ra or rb or [])
    if [c.colspan for c in ra] != [c.colspan for c in rb]:
        raise AlignError(key, f"table row '{key}' has different cells in English and Chinese")
    return [m.Cell(stack(ca.blocks, cb.blocks), ca.colspan) for ca, cb in zip(ra, rb, strict=True)]


def stack(left: list[m.Block], right: list[m.Block]) -> list[m.Block]:
    """A cell's English blocks interleaved with the Chinese, block by block; a block the
    same in both languages (a time, a signature line, a spacer) once."""
    out: list[m.Block] = []
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else None
        b = right[i] if i < len(right) else None
        if a is not None:
            out.append(a)
        if b is not None and not _same(a, b):
            out.append(b)
    return out


def _same(a: m.Block | None, b: m.Block) -> bool:
    if isinstance(a, m.Spacer) and isinstance(b, m.Spacer):
        return a.height_mm == b.height_mm
    if isinstance(a, m.Paragraph) and isinstance(b, m.Paragraph):
        return a.text.strip() == b.text.strip()
    return False


def key_path(key: str) -> tuple[str | int, ...]:
    """A template key (``articles.3.p2``) as a content key path (``("articles", 3, "p2")``)."""
    return tuple(int(p) if p.isdigit() else p for p in key.split(".") if p)
