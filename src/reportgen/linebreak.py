"""Line breaking and justification for Chinese, English and mixed text.

Pure layout: no reportlab here. The PDF writer gives styled fragments (text in one
font at one size) and a ``measure`` function; it gets back lines of placed text.

The rules follow W3C *Requirements for Chinese Text Layout* (CLREQ,
https://www.w3.org/TR/clreq/):

* Line-start and line-end prohibitions (kinsoku): no line starts with a closing
  bracket, closing quote, book-title mark or pause/stop mark; none ends with an
  opening one. A prohibited break is resolved, in order, by hanging one trailing
  closing/pause mark past the right edge (at most one em, one character), by
  pushing in (compressing the half-em blank of compressible punctuation on the line)
  or by pushing out (the previous character goes down with the prohibited one).
* Dashes ``——`` and ellipses ``……`` are never split and never start a line.
* English words are never broken: breaks at spaces and after the hyphen of a
  compound (``co-operation``). Only a word longer than the whole line is broken:
  after ``/ . ? & = - _ ,`` (URLs), then between digit groups, then anywhere, with a
  hyphen where it is cut between two letters.
* About a quarter em between Han and Latin letters/digits that touch in the text,
  as layout space only (the text itself is unchanged), never next to punctuation.
* Justification: lines with CJK spread the spare space over every inter-character
  gap (``char_space``); all-Latin lines spread it at spaces. The paragraph's last
  line and lines ending at a forced break (``\\n``) are not justified. The last line
  is never a single character when one more can be brought down to it.
* Spaces at the end of a line are not drawn and not measured; spaces at the start of
  a wrapped line are dropped.

Everything is linear in the paragraph length: each unit is measured once (and the
same text in the same font is measured only once), each line is laid out once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from itertools import repeat
from operator import add, mul, or_

from . import script

Measure = Callable[[str, str, float], float]  # (text, font key, size) -> width in points

EPS = 1e-6
AUTOSPACE = 0.25  # em between Han and Latin letters/digits (CLREQ 3.4)
HANG_LIMIT = 1.0  # em a hanging punctuation mark may stand past the right edge

# --- Character classes (CLREQ 3.1.7 and appendix) --------------------------------
CLOSING_BRACKETS = "」』》）】〉〕〗〙〛｝］〞﹚﹜﹞｠"  # incl. closing book-title marks
CLOSING_QUOTES = "’”"
PAUSE_STOP = "、，。．：；！？｡､﹐﹑﹒﹔﹕﹖﹗"  # pause and stop marks
OPENING_BRACKETS = "「『《（【〈〔〖〘〚｛［〝﹙﹛﹝｟"
OPENING_QUOTES = "‘“"
INSEPARABLE = "—…‥"  # dashes and ellipses: never split, never start a line
MIDDLE_DOTS = "·‧・"  # interpuncts between parts of a foreign name
ITERATION = "々〻ゝゞヽヾ"
LATIN_NO_START = ",.;:!?)]}%"
LATIN_NO_END = "([{"
CENTRED = "、，。．：；！？"  # centred in the em box in Traditional fonts

_NO_START_CJK = (
    CLOSING_BRACKETS + CLOSING_QUOTES + PAUSE_STOP + INSEPARABLE + MIDDLE_DOTS + ITERATION
)
_NO_END_CJK = OPENING_BRACKETS + OPENING_QUOTES
_HANG = PAUSE_STOP + CLOSING_BRACKETS + CLOSING_QUOTES


@dataclass(frozen=True)
class Rules:
    """One locale family's rule table.

    ``no_start``/``no_end`` are the line-start and line-end prohibitions;
    ``hang`` may hang past the right edge; ``compress`` have a half-em blank that
    may be squeezed out to push a line in.
    """

    no_start: frozenset[str]
    no_end: frozenset[str]
    hang: frozenset[str]
    compress: frozenset[str]
    # Adjacent punctuation (CLREQ 3.1.6): a mark of ``kern_after`` (ink at the left of its
    # em box) followed by a mark of ``kern_before`` loses its half-em trailing blank, so
    # ”， or ）。 do not leave a gap of most of an em.
    kern_after: frozenset[str] = frozenset()
    kern_before: frozenset[str] = frozenset()


RULES: dict[str, Rules] = {
    # Traditional Chinese (Hong Kong, Taiwan): the same prohibitions as GB, but the
    # pause and stop marks are centred in the em box and do not compress; only
    # brackets and quotes (blank on one side) may be squeezed.
    "zh-Hant": Rules(
        no_start=frozenset(_NO_START_CJK + LATIN_NO_START),
        no_end=frozenset(_NO_END_CJK + LATIN_NO_END),
        hang=frozenset(_HANG),
        compress=frozenset(CLOSING_BRACKETS + OPENING_BRACKETS + CLOSING_QUOTES + OPENING_QUOTES),
    ),
    # Simplified Chinese (GB): ：；！？ etc. are prohibited at line start just the
    # same; pause and stop marks sit in the left half of the em box and compress too.
    "zh-Hans": Rules(
        no_start=frozenset(_NO_START_CJK + LATIN_NO_START),
        no_end=frozenset(_NO_END_CJK + LATIN_NO_END),
        hang=frozenset(_HANG),
        compress=frozenset(
            CLOSING_BRACKETS + OPENING_BRACKETS + CLOSING_QUOTES + OPENING_QUOTES + CENTRED
        ),
        kern_after=frozenset(CLOSING_BRACKETS + CLOSING_QUOTES + "、，。．：；"),
        kern_before=frozenset(
            PAUSE_STOP + CLOSING_BRACKETS + CLOSING_QUOTES + OPENING_BRACKETS + OPENING_QUOTES
        ),
    ),
    # English (and anything else): Latin punctuation plus the CJK prohibitions, so
    # Chinese quoted inside English text still breaks correctly.
    "en": Rules(
        no_start=frozenset(_NO_START_CJK + LATIN_NO_START),
        no_end=frozenset(_NO_END_CJK + LATIN_NO_END),
        hang=frozenset(_HANG),
        compress=frozenset(),
    ),
}

NO_START = RULES["zh-Hant"].no_start
NO_END = RULES["zh-Hant"].no_end

_OPENERS = frozenset(OPENING_BRACKETS + OPENING_QUOTES)
_SPACES = frozenset(" \t")
_URL_BREAK_AFTER = frozenset("/.?&=-_,")
_HYPHENS = frozenset("-\u2010")


@lru_cache(maxsize=64)
def locale_family(lang: str) -> str:
    """``zh-Hant``, ``zh-Hans`` or ``en`` for a BCP-47 tag."""
    parts = [p.lower() for p in lang.replace("_", "-").split("-")]
    if not parts or parts[0] != "zh":
        return "en"
    if "hans" in parts or any(p in ("cn", "sg", "my") for p in parts[1:]) and "hant" not in parts:
        return "zh-Hans"
    return "zh-Hant"


def rules_for(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(characters that may not start a line, characters that may not end one)."""
    rules = RULES[locale_family(lang)]
    return rules.no_start, rules.no_end


@dataclass(frozen=True)
class Fragment:
    """A run of text in one font and size."""

    text: str
    font: str
    size: float


@dataclass(slots=True)
class Placed:
    """A piece of a line: its text, font, size, position and letter spacing."""

    text: str
    font: str
    size: float
    x: float
    char_space: float = 0.0


@dataclass
class Line:
    """One broken line: the placed pieces, its width, whether it ends the paragraph."""

    items: list[Placed] = field(default_factory=list)
    width: float = 0.0
    last: bool = False


# --- Atoms: the smallest pieces, each measured once ------------------------------


class _Atoms:
    """Parallel arrays, one entry per atom (a CJK character, a Latin word or piece,
    a run of spaces, or a forced break)."""

    __slots__ = ("text", "frag", "width", "gap", "brk", "kinsoku", "space", "forced")
    __slots__ += ("cap", "cjk", "kern")

    def __init__(self) -> None:
        self.text: list[str] = []
        self.frag: list[Fragment] = []
        self.width: list[float] = []
        self.gap: list[float] = []  # autospace before, dropped at a break
        self.brk: list[bool] = []  # a break is allowed before this atom
        self.kinsoku: list[bool] = []  # ...was allowed but for kinsoku
        self.space: list[bool] = []
        self.forced: list[bool] = []
        self.cap: list[float] = []  # compressible blank
        self.cjk: list[bool] = []
        self.kern: list[float] = []  # blank removed before the next mark

    def __len__(self) -> int:
        return len(self.text)


# Widths by (measure function, font, size), then text: a measure function must give the same
# width for the same text every time (the PDF writer's is reportlab's stringWidth).
_WIDTHS: dict[tuple[Measure, str, float], dict[str, float]] = {}
_WIDTHS_LIMIT = 200_000  # entries per font and size before a table starts again


class _Builder:
    def __init__(self, width: float, measure: Measure, rules: Rules) -> None:
        self.limit = width
        self.measure = measure
        self.rules = rules
        self.atoms = _Atoms()

    def widths(self, frag: Fragment) -> dict[str, float]:
        """The measured widths of text in ``frag``'s font and size (filled as measured;
        kept between paragraphs: the same words and characters come back)."""
        key = (self.measure, frag.font, frag.size)
        table = _WIDTHS.get(key)
        if table is None or len(table) > _WIDTHS_LIMIT:
            table = _WIDTHS[key] = {}
        return table

    def width_of(self, text: str, frag: Fragment) -> float:
        table = self.widths(frag)
        w = table.get(text)
        if w is None:
            w = table[text] = self.measure(text, frag.font, frag.size)
        return w

    def add_cjk_run(self, run: str, frag: Fragment) -> None:
        """A run of CJK characters, one atom each: the same atoms as :meth:`add` per
        character, built a list at a time (between two CJK characters there is no
        autospace, and a break is allowed unless kinsoku prohibits it)."""
        self.add(run[0], frag, cjk=True)
        rest = run[1:]
        if not rest:
            return
        if self.rules.kern_before and not self.rules.kern_before.isdisjoint(rest):
            for ch in rest:  # adjacent punctuation to compress: add() decides each
                self.add(ch, frag, cjk=True)
            return
        n = len(rest)
        table = self.widths(frag)
        measure, font, size = self.measure, frag.font, frag.size
        for ch in set(rest).difference(table):
            table[ch] = measure(ch, font, size)
        widths = [table[ch] for ch in rest]
        no_end, no_start = self.rules.no_end, self.rules.no_start
        prohibited = [p in no_end or q in no_start for p, q in zip(run, rest, strict=False)]
        compress = self.rules.compress
        least, blank = 0.9 * size, 0.5 * size
        caps = [
            w - blank if ch in compress and w >= least else 0.0
            for ch, w in zip(rest, widths, strict=True)
        ]
        a = self.atoms
        a.text.extend(rest)
        a.frag.extend([frag] * n)
        a.width.extend(widths)
        a.gap.extend([0.0] * n)
        a.brk.extend([not p for p in prohibited])
        a.kinsoku.extend(prohibited)
        a.space.extend([False] * n)
        a.forced.extend([False] * n)
        a.cap.extend(caps)
        a.cjk.extend([True] * n)
        a.kern.extend([0.0] * n)

    def add(
        self,
        text: str,
        frag: Fragment,
        *,
        space: bool = False,
        forced: bool = False,
        soft: bool = False,
        cjk: bool | None = None,
    ) -> None:
        """Append an atom; ``soft`` marks a Latin break point (hyphen, URL piece); ``cjk``
        whether it is a CJK character, when the caller knows (else looked up)."""
        a = self.atoms
        w = 0.0 if forced else self.width_of(text, frag)
        is_cjk = not forced and (script.is_cjk(text[0]) if cjk is None else cjk)
        plain = not (space or forced or soft)
        if plain and w > self.limit + EPS and len(text) > 1 and not is_cjk:
            self._add_pieces(text, frag)
            return
        cap = 0.0
        if is_cjk and text in self.rules.compress and w >= 0.9 * frag.size:
            cap = w - 0.5 * frag.size
        brk, kin, gap = self._boundary(text, frag, space, forced, soft, is_cjk)
        if text in self.rules.kern_before and a.text and self._kerns(a, frag):
            a.kern[-1] = 0.5 * a.frag[-1].size
            a.cap[-1] = 0.0  # its blank is used up
        a.text.append(text)
        a.frag.append(frag)
        a.width.append(w)
        a.gap.append(gap)
        a.brk.append(brk)
        a.kinsoku.append(kin)
        a.space.append(space)
        a.forced.append(forced)
        a.cap.append(cap)
        a.cjk.append(is_cjk)
        a.kern.append(0.0)

    def _kerns(self, a: _Atoms, frag: Fragment) -> bool:
        """Whether the previous atom is a full-width mark whose trailing blank goes (curly
        quotes count when full width: they are atoms of their own, not CJK by code point)."""
        i = len(a.text) - 1
        return (
            a.text[i] in self.rules.kern_after
            and a.frag[i].size == frag.size
            and a.width[i] >= 0.9 * a.frag[i].size
        )

    def _boundary(
        self, text: str, frag: Fragment, space: bool, forced: bool, soft: bool, cjk: bool
    ) -> tuple[bool, bool, float]:
        """(break allowed before, prohibited only by kinsoku, autospace) for a new atom."""
        a = self.atoms
        if not a.text or forced or a.forced[-1]:
            return False, False, 0.0
        if space:
            return False, False, 0.0
        prev, nxt = a.text[-1][-1], text[0]
        if a.space[-1]:
            return nxt not in self.rules.no_start, False, 0.0
        # a CJK atom is one character; other atoms hold no CJK: a.cjk[-1] is prev's script
        prev_cjk = a.cjk[-1]
        gap = 0.0
        if prev_cjk:
            if not cjk and nxt.isalnum() and script.is_han(prev):
                gap = AUTOSPACE * a.frag[-1].size
        elif cjk and prev.isalnum() and script.is_han(nxt):
            gap = AUTOSPACE * frag.size
        if soft:
            return True, False, gap
        if prev_cjk or cjk:
            prohibited = prev in self.rules.no_end or nxt in self.rules.no_start
            return not prohibited, prohibited, gap
        return _latin_break(prev, nxt), False, gap

    def _add_pieces(self, word: str, frag: Fragment) -> None:
        """A word wider than the line: URL break points, digit groups, then characters."""
        first = True
        for piece in _split_after(word, _URL_BREAK_AFTER):
            for sub in self._fit(piece, frag):
                self.add(sub, frag, soft=not first)
                first = False

    def _fit(self, piece: str, frag: Fragment) -> list[str]:
        if self.width_of(piece, frag) <= self.limit + EPS or len(piece) == 1:
            return [piece]
        if piece.isdigit():
            head = len(piece) % 3 or 3
            groups = [piece[:head]] + [piece[i : i + 3] for i in range(head, len(piece), 3)]
            if all(self.width_of(g, frag) <= self.limit + EPS for g in groups):
                return groups
        return self._hyphenate(piece, frag)

    def _hyphenate(self, piece: str, frag: Fragment) -> list[str]:
        """Pieces that each fill a line; a piece broken between two letters ends with a
        hyphen ("Entrepren-" / "eurship"), never a bare cut."""
        hyphen = self.width_of("-", frag)
        out: list[str] = []
        start = 0
        while start < len(piece):
            end = start + 1
            while (
                end < len(piece)
                and self.width_of(piece[start : end + 1], frag) + hyphen <= self.limit + EPS
            ):
                end += 1
            cut = end < len(piece) and piece[end - 1].isalpha() and piece[end].isalpha()
            out.append(piece[start:end] + ("-" if cut else ""))
            start = end
        return out


def _split_after(word: str, marks: frozenset[str]) -> list[str]:
    """Split after each run of break marks (``https://`` stays whole)."""
    out: list[str] = []
    start = 0
    for i in range(1, len(word)):
        if word[i - 1] in marks and word[i] not in marks:
            out.append(word[start:i])
            start = i
    out.append(word[start:])
    return out


def _latin_break(prev: str, nxt: str) -> bool:
    """Between two Latin atoms with no space: only after a compound's hyphen."""
    return prev in _HYPHENS and nxt.isalpha()


# Between CJK runs: a forced break, a run of spaces, a Latin run (kinds 1, 2 and 4).
_NON_CJK_TOKENS = re.compile(r"(\n)|([ \t]+)|[^ \t\n]+")


def _tokens(text: str) -> Iterator[tuple[int, str]]:
    """(kind, token): a forced break (1), a run of spaces (2), a run of CJK characters (3,
    one atom each), a Latin run (4). The CJK runs are :func:`script.cjk_runs`'s: one
    compiled CJK class for the process (each costs ~1.7 ms to compile)."""
    pos = 0
    for run in script.cjk_runs(text):
        start, end = run.span()
        if start > pos:
            for m in _NON_CJK_TOKENS.finditer(text, pos, start):
                yield m.lastindex or 4, m.group()
        yield 3, run.group()
        pos = end
    if pos < len(text):
        for m in _NON_CJK_TOKENS.finditer(text, pos):
            yield m.lastindex or 4, m.group()


def _atomise(frags: Sequence[Fragment], b: _Builder) -> None:
    add = b.add
    for frag in frags:
        table = b.widths(frag)
        text = frag.text
        if _plain_latin(text):
            _add_latin(text, frag, b, table)
            continue
        for kind, token in _tokens(text):
            if kind == 3:
                b.add_cjk_run(token, frag)
            elif kind == 1:
                add("\n", frag, forced=True)
            elif token in table:  # a word or a space already measured: the usual atom
                _atomise_token(token, frag, b, table)
            elif kind == 4:
                _add_word(token, frag, b)
            else:
                add(token, frag, space=True)


_LATIN_TOKENS = re.compile(r"[ \t]+|[^ \t]+")


def _plain_latin(text: str) -> bool:
    """Text of Latin words and spaces only: no forced break, no CJK."""
    return "\n" not in text and not script.has_cjk(text)


def _add_latin(text: str, frag: Fragment, b: _Builder, table: dict[str, float]) -> None:
    """Plain Latin text (see :func:`_plain_latin`): the atoms :func:`_atomise` makes token
    by token, the usual tokens (a space; a word after a space, without a hyphen, that fits
    a line) a list at a time, the others (the first, compounds, words wider than the line)
    one by one."""
    tokens = _LATIN_TOKENS.findall(text)
    if not tokens:
        return
    measure, font, size = b.measure, frag.font, frag.size
    for token in set(tokens).difference(table):
        table[token] = measure(token, font, size)  # what add() would measure
    limit, kern_before = b.limit + EPS, b.rules.kern_before
    special = {
        t
        for t in set(tokens)
        if t[0] not in " \t"
        and ("-" in t or "\u2010" in t or (table[t] > limit and len(t) > 1) or t in kern_before)
    }
    _atomise_token(tokens[0], frag, b, table)
    pos = 1
    if special:
        for k in [k for k, t in enumerate(tokens) if t in special and k]:
            _add_usual(tokens[pos:k], frag, b, table)
            _atomise_token(tokens[k], frag, b, table)
            pos = k + 1
    _add_usual(tokens[pos:], frag, b, table)


def _add_usual(tokens: list[str], frag: Fragment, b: _Builder, table: dict[str, float]) -> None:
    """Alternately spaces and words, each the usual atom (see :func:`_add_latin`), after
    at least one atom."""
    n = len(tokens)
    if not n:
        return
    no_start = b.rules.no_start
    first_word = 1 if tokens[0][0] in " \t" else 0
    spaces = [False] * n
    brk = [False] * n
    spaces[1 - first_word :: 2] = [True] * len(range(1 - first_word, n, 2))
    brk[first_word::2] = [t[0] not in no_start for t in tokens[first_word::2]]
    a = b.atoms
    a.text.extend(tokens)
    a.frag.extend([frag] * n)
    a.width.extend([table[t] for t in tokens])
    a.gap.extend([0.0] * n)
    a.brk.extend(brk)
    a.kinsoku.extend([False] * n)
    a.space.extend(spaces)
    a.forced.extend([False] * n)
    a.cap.extend([0.0] * n)
    a.cjk.extend([False] * n)
    a.kern.extend([0.0] * n)


def _atomise_token(token: str, frag: Fragment, b: _Builder, table: dict[str, float]) -> None:
    """One word or run of spaces (measured), as :func:`_atomise` adds it."""
    a = b.atoms
    if token[0] in " \t":
        if a.text and token not in b.rules.kern_before:
            _append_plain(a, token, frag, table[token], False, True)
        else:
            b.add(token, frag, space=True)
    elif (
        a.text
        and a.space[-1]
        and "-" not in token
        and "\u2010" not in token
        and (table[token] <= b.limit + EPS or len(token) == 1)
        and token not in b.rules.kern_before
    ):
        _append_plain(a, token, frag, table[token], token[0] not in b.rules.no_start, False)
    else:
        _add_word(token, frag, b)


def _append_plain(a: _Atoms, text: str, frag: Fragment, w: float, brk: bool, space: bool) -> None:
    """A word or a space with nothing special about it (no gap, kinsoku, blank or kern)."""
    a.text.append(text)
    a.frag.append(frag)
    a.width.append(w)
    a.gap.append(0.0)
    a.brk.append(brk)
    a.kinsoku.append(False)
    a.space.append(space)
    a.forced.append(False)
    a.cap.append(0.0)
    a.cjk.append(False)
    a.kern.append(0.0)


def _add_word(word: str, frag: Fragment, b: _Builder) -> None:
    """A Latin run, split after the hyphens of compounds ('co-' + 'operation')."""
    start = 0
    if "-" in word or "\u2010" in word:
        for k in range(1, len(word) - 1):
            if word[k] in _HYPHENS and word[k - 1].isalpha() and word[k + 1].isalpha():
                b.add(word[start : k + 1], frag, soft=start > 0, cjk=False)
                start = k + 1
    b.add(word[start:], frag, soft=start > 0, cjk=False)


# --- Chunks: runs of atoms between break opportunities ----------------------------


@dataclass(slots=True)
class _Chunk:
    """Atoms that stay on one line together, with their widths."""

    start: int  # first atom
    end: int  # one past the last atom
    content: float = 0.0  # width without trailing spaces
    full: float = 0.0  # width with trailing spaces
    cap: float = 0.0  # compressible blank
    open_cap: float = 0.0  # blank of an opening bracket that starts the chunk
    end_cap: float = 0.0  # blank of a closing mark that ends the chunk
    kinsoku: bool = False  # holds a break prohibited by kinsoku
    forced: bool = False  # ends with a forced break


def _chunks(a: _Atoms) -> list[_Chunk]:
    out: list[_Chunk] = []
    cur: _Chunk | None = None
    texts, widths, gaps, caps, kerns = a.text, a.width, a.gap, a.cap, a.kern
    brks, kinsoku, spaces, forced = a.brk, a.kinsoku, a.space, a.forced
    openers = _OPENERS
    for i in range(len(texts)):
        if cur is None or brks[i] or forced[i - 1]:
            cur = _Chunk(i, i)
            out.append(cur)
            if texts[i] in openers:
                cur.open_cap = caps[i]
        elif kinsoku[i]:
            cur.kinsoku = True
        # _extend(cur, a, i), inlined: this loop runs once per atom
        cur.end = i + 1
        if forced[i]:
            cur.forced = True
            continue
        cur.full += (gaps[i] - kerns[i - 1] if i > cur.start else 0.0) + widths[i]
        if not spaces[i]:
            cur.content = cur.full
            cur.end_cap = 0.0 if texts[i] in openers else caps[i]
        cur.cap += caps[i]
    return out


def _extend(c: _Chunk, a: _Atoms, i: int) -> None:
    c.end = i + 1
    if a.forced[i]:
        c.forced = True
        return
    gap = a.gap[i] - a.kern[i - 1] if i > c.start else 0.0  # kern: adjacent marks
    c.full += gap + a.width[i]
    if not a.space[i]:
        c.content = c.full
        c.end_cap = 0.0 if a.text[i] in _OPENERS else a.cap[i]
    c.cap += a.cap[i]


def _relax(chunks: list[_Chunk], a: _Atoms, width: float) -> list[_Chunk]:
    """Chunks wider than a whole line are split at every atom (last resort)."""
    limit = width + EPS
    if all(c.content <= limit for c in chunks):  # the usual case: nothing to split
        return chunks
    out: list[_Chunk] = []
    for c in chunks:
        if _fits_alone(c, a, width) or c.end - c.start == 1:
            out.append(c)
            continue
        for i in range(c.start, c.end):
            if i == c.start or not a.space[i]:
                piece = _Chunk(i, i)
                out.append(piece)
            _extend(out[-1], a, i)
    return out


def _fits_alone(c: _Chunk, a: _Atoms, width: float) -> bool:
    if c.content <= width + EPS:
        return True
    return c.kinsoku and (
        _hang_width(a, c.end, c.content, width) > 0 or c.content - c.cap + c.open_cap <= width + EPS
    )


# --- Breaking ---------------------------------------------------------------------


@dataclass(slots=True)
class _LineSpan:
    """The chunks of one line."""

    first: int  # first chunk
    end: int  # one past the last chunk
    forced: bool = False


def _break(chunks: list[_Chunk], a: _Atoms, width: float) -> list[_LineSpan]:
    spans: list[_LineSpan] = []
    span: _LineSpan | None = None
    used = cap = 0.0
    for k, c in enumerate(chunks):
        if span is None:
            span = _LineSpan(k, k + 1, c.forced)
            used, cap = c.full, c.cap - c.open_cap
        else:
            need = used + a.gap[c.start] + c.content
            ccap = cap + c.cap
            if need <= width + EPS or (c.kinsoku and _squeeze(c, a, need, ccap, width)):
                span.end = k + 1
                span.forced = c.forced
                used, cap = used + a.gap[c.start] + c.full, ccap
                if need > width + EPS:  # hung or pushed in: the line is full
                    spans.append(span)
                    span = None
                    continue
            else:
                spans.append(span)
                span = _LineSpan(k, k + 1, c.forced)
                used, cap = c.full, c.cap - c.open_cap
        if span is not None and span.forced:
            spans.append(span)
            span = None
    if span is not None:
        spans.append(span)
    if not spans or spans[-1].forced:
        spans.append(_LineSpan(len(chunks), len(chunks)))
    return spans


def _squeeze(c: _Chunk, a: _Atoms, need: float, cap: float, width: float) -> bool:
    """Can the line take this chunk by hanging its last mark or by pushing in?"""
    return _hang_width(a, c.end, need, width) > 0 or need - cap + c.end_cap <= width + EPS


def _last_visible(a: _Atoms, end: int) -> int:
    i = end - 1
    while i >= 0 and (a.space[i] or a.forced[i]):
        i -= 1
    return i


def _hang_width(a: _Atoms, end: int, need: float, width: float) -> float:
    """Width of a closing/pause mark that may hang past ``width`` (0 if none)."""
    i = _last_visible(a, end)
    if i < 0 or len(a.text[i]) != 1 or a.text[i] not in _HANG_ALL:
        return 0.0
    w = a.width[i]
    if need - w - a.gap[i] <= width + EPS and need - width <= HANG_LIMIT * a.frag[i].size + EPS:
        return w
    return 0.0


_HANG_ALL = frozenset(_HANG)


def _widow(spans: list[_LineSpan], chunks: list[_Chunk], a: _Atoms, width: float) -> None:
    """Bring one more chunk down when the paragraph's last line is a single character."""
    if len(spans) < 2:
        return
    prev, last = spans[-2], spans[-1]
    if prev.forced or prev.end - prev.first < 2 or last.end - last.first != 1:
        return
    c = chunks[last.first]
    if _visible_chars(a, c.start, c.end) > 1:
        return
    moved = chunks[prev.end - 1]
    if moved.full + a.gap[c.start] + c.content > width + EPS:
        return
    prev.end -= 1
    last.first -= 1


def _visible_chars(a: _Atoms, start: int, end: int) -> int:
    """Characters other than spaces and punctuation."""
    n = 0
    for i in range(start, end):
        if not (a.space[i] or a.forced[i]):
            n += sum(1 for ch in a.text[i] if ch.isalnum())
    return n


# --- Placing ----------------------------------------------------------------------


def _place(
    span: _LineSpan, chunks: list[_Chunk], a: _Atoms, width: float, align: str, last: bool
) -> Line:
    line = Line(last=last)
    if span.first >= span.end:
        return line
    start, end = chunks[span.first].start, chunks[span.end - 1].end
    while start < end and (a.space[start] or a.forced[start]):
        start += 1
    stop = _last_visible(a, end) + 1
    if stop <= start:
        return line
    kerns = a.kern[start : stop - 1]
    kerned = {i: k for i, k in enumerate(kerns, start) if k} if any(kerns) else {}
    natural = sum(a.width[start:stop]) + sum(a.gap[start + 1 : stop]) - sum(kerned.values())
    hang = _hang_width(a, stop, natural, width) if natural > width + EPS else 0.0
    body_stop = stop - 1 if hang else stop
    body = natural - (hang + a.gap[stop - 1] if hang else 0.0)
    squeeze = _squeezes(a, start, body_stop, body - width) if body > width + EPS else {}
    body -= sum(squeeze.values())
    squeeze.update(kerned)  # drawn like a squeeze: the next atom starts nearer
    spare = width - body
    justify = align == "justify" and not last and not span.forced and spare > EPS
    char_space, word_space, tight = (
        _spread(a, start, body_stop, spare) if justify else (0.0, 0.0, False)
    )
    if squeeze or body_stop != stop:
        body_right, line.width = _emit(
            line, a, start, stop, body_stop, squeeze, char_space, word_space, tight
        )
    else:
        right = None
        if not word_space and (not tight or _all_cjk_or_space(a, start, stop)):
            right = _emit_one(line, a, start, stop, char_space)
        if right is None:
            right = _emit_plain(line, a, start, stop, char_space, word_space, tight)
        body_right = line.width = right
    if align in ("centre", "center", "right"):
        shift = (width - body_right) / (1 if align == "right" else 2)
        for item in line.items:
            item.x += shift
    return line


def _squeezes(a: _Atoms, start: int, stop: int, overflow: float) -> dict[int, float]:
    """Per-atom compression that pushes ``overflow`` in (CLREQ oikomi)."""
    caps = {i: a.cap[i] for i in range(start, stop) if a.cap[i] > 0}
    if start in caps and a.text[start] in _OPENERS:
        del caps[start]  # an opening bracket at line start keeps its blank
    if stop - 1 in caps and a.text[stop - 1] not in _OPENERS:
        del caps[stop - 1]  # so does a closing mark at line end: it is the edge
    total = sum(caps.values())
    if total <= EPS:
        return {}
    ratio = min(1.0, overflow / total)
    return {i: c * ratio for i, c in caps.items()}


def _spread(a: _Atoms, start: int, stop: int, spare: float) -> tuple[float, float, bool]:
    """(char_space, extra per inter-word space, tight) that fill the line. A line with CJK
    is ``tight`` when it spreads the gaps between CJK characters and beside Latin words,
    never the letters of a word (IN05/2026, a URL), unless that would open gaps wider
    than half an em: then every letter is spread (（ and a long URL on one line)."""
    if any(a.cjk[start:stop]):
        gaps = _gaps(a, start, stop)
        if gaps and spare / gaps <= _MAX_SPREAD * a.frag[start].size:
            return spare / gaps, 0.0, True
        chars = sum(len(a.text[i]) for i in range(start, stop))
        return (spare / (chars - 1), 0.0, False) if chars > 1 else (0.0, 0.0, False)
    spaces = sum(1 for i in range(start, stop) if a.space[i])
    if spaces:
        return 0.0, spare / spaces, False
    chars = sum(len(a.text[i]) for i in range(start, stop))
    return (spare / (chars - 1), 0.0, False) if chars > 1 else (0.0, 0.0, False)


_MAX_SPREAD = 0.5  # ems between two characters, beyond which Latin words are spread too


def _gaps(a: _Atoms, start: int, stop: int) -> int:
    """The gaps a justified line with CJK widens when its Latin words stay unspread
    (:func:`_inner` and :func:`_after` of each atom, inlined: this runs for every line)."""
    texts, cjk, space = a.text, a.cjk, a.space
    n = 0
    prev = True  # whether the atom before may be spread after
    for i in range(start, stop):
        here = cjk[i] or space[i]
        if here:
            n += len(texts[i])  # its inner gaps, and the gap before it
        else:
            n += prev  # a Latin word: the gap before it, if the atom before allows
        prev = here
    return n - 1 if n else 0


def _spaced(a: _Atoms, i: int, tight: bool) -> bool:
    """Whether justification widens the gaps inside atom ``i``: between CJK characters,
    not between the letters of a Latin word (IN05/2026, a URL) on a line with CJK
    (``tight``)."""
    return not tight or a.cjk[i] or a.space[i]


def _inner(a: _Atoms, i: int, tight: bool) -> int:
    """How many gaps inside atom ``i`` justification widens."""
    return len(a.text[i]) - 1 if _spaced(a, i, tight) else 0


def _after(a: _Atoms, i: int) -> bool:
    """Whether justification widens the gap after atom ``i`` on a line with CJK: beside
    CJK or a space, not between the pieces of one Latin word (a URL cut into pieces)."""
    j = i + 1
    return a.cjk[i] or a.space[i] or j >= len(a.text) or a.cjk[j] or a.space[j]


def _emit(
    line: Line,
    a: _Atoms,
    start: int,
    stop: int,
    body_stop: int,
    squeeze: dict[int, float],
    char_space: float,
    word_space: float,
    tight: bool = False,
) -> tuple[float, float]:
    """Append the line's items; return the right edge without and with a hanging mark."""
    body_right = right = 0.0
    x = 0.0  # where the next atom is drawn
    end_x = None  # where the current item's next character would go
    for i in range(start, stop):
        if i > start:
            x += a.gap[i]
        shift = squeeze.get(i, 0.0)
        opener = a.text[i] in _OPENERS
        if shift and opener:
            x -= shift
        frag = a.frag[i]
        hanging = i >= body_stop
        if hanging:  # the hanging mark follows the last glyph, not its char_space
            x -= char_space
        cs = 0.0 if hanging or not _spaced(a, i, tight) else char_space
        items = line.items
        if (
            end_x is not None
            and not hanging
            and abs(x - end_x) < 1e-9
            and items[-1].font == frag.font
            and items[-1].size == frag.size
            and items[-1].char_space == cs
        ):
            items[-1].text += a.text[i]
        else:
            items.append(Placed(a.text[i], frag.font, frag.size, x, cs))
        if not a.space[i]:
            right = x + a.width[i] + cs * (len(a.text[i]) - 1)
            body_right = right if not hanging else body_right
        natural = x + a.width[i] + cs * len(a.text[i])  # where the item's next glyph goes
        x = natural if not tight or hanging else natural - cs + char_space * _after(a, i)
        if shift and not opener:
            x -= shift
            natural -= shift
        end_x = natural if abs(natural - x) < 1e-9 else None
        if a.space[i]:
            x += word_space
        if shift:
            end_x = None
    return body_right, right


def _emit_one(line: Line, a: _Atoms, start: int, stop: int, char_space: float) -> float | None:
    """:func:`_emit_plain` for a line of one fragment with no autospace and no extra word
    space (most lines), without a loop in Python: one item, the same text and positions,
    the right edge added up in the same order (``x = x + w + cs * len``, left to right).
    ``None`` when the line is not such a line."""
    frags = a.frag[start:stop]
    frag = frags[0]
    if frags.count(frag) != len(frags) or any(a.gap[start + 1 : stop]):
        return None
    texts, widths = a.text[start:stop], a.width[start:stop]
    steps: list[float] = widths[:-1]
    if char_space:  # after each atom's width, its characters' spacing
        steps = [0.0] * (2 * len(steps))
        steps[0::2] = widths[:-1]
        steps[1::2] = map(mul, repeat(char_space), map(len, texts[:-1]))
    x = reduce(add, steps, 0.0)  # where the last atom starts
    right = x + widths[-1] + char_space * (len(texts[-1]) - 1)
    line.items.append(Placed("".join(texts), frag.font, frag.size, 0.0, char_space))
    return right


def _all_cjk_or_space(a: _Atoms, start: int, stop: int) -> bool:
    """No Latin word on the line: a tight justification spreads every gap the same."""
    return all(map(or_, a.cjk[start:stop], a.space[start:stop]))


def _emit_plain(
    line: Line,
    a: _Atoms,
    start: int,
    stop: int,
    char_space: float,
    word_space: float,
    tight: bool = False,
) -> float:
    """:func:`_emit` for the usual line (nothing squeezed, nothing hanging): the same items
    and positions, computed the same way; return the right edge."""
    texts, widths, gaps, frags, spaces, cjks = a.text, a.width, a.gap, a.frag, a.space, a.cjk
    items = line.items
    right = x = 0.0
    end_x: float | None = None
    item: Placed | None = None
    parts: list[str] = []
    for i in range(start, stop):
        if i > start:
            x += gaps[i]
        text, frag = texts[i], frags[i]
        cs = char_space if not tight or cjks[i] or spaces[i] else 0.0
        if (
            item is not None
            and end_x is not None
            and abs(x - end_x) < 1e-9
            and item.font == frag.font
            and item.size == frag.size
            and item.char_space == cs
        ):
            parts.append(text)
        else:
            if item is not None:
                item.text = "".join(parts)
            item = Placed(text, frag.font, frag.size, x, cs)
            items.append(item)
            parts = [text]
        w = widths[i]
        if not spaces[i]:
            right = x + w + cs * (len(text) - 1)
        x = end_x = x + w + cs * len(text)  # where the item's next glyph goes
        if tight and not cs and _after(a, i):  # the spread gap after a Latin word
            x += char_space
            end_x = None
        if spaces[i]:
            x += word_space
    if item is not None:
        item.text = "".join(parts)
    return right


# Abbreviated units and clock suffixes that stay on the line of the number before them
# ("10:30 am", "5 km", "20 °C"): a line never starts with one after a number.
_UNITS = frozenset(
    "am pm a.m. p.m. km km² m m² cm mm kg g mg ml ha kW MW GW kWh MWh GB MB TB Mbps Gbps "
    "°C %".split()
)
_UNIT_FORMS = frozenset(
    unit + tail for unit in _UNITS for tail in ("", ".", ",", ";", ":", ")", ").", "),", "”")
)


def _glue_units(a: _Atoms) -> None:
    """No break in the space between a number and a unit or am/pm after it."""
    texts = a.text
    if _UNIT_FORMS.isdisjoint(texts):  # the usual paragraph: one set operation
        return
    brks, spaces = a.brk, a.space
    for i in range(2, len(texts)):
        if brks[i] and texts[i] in _UNIT_FORMS and spaces[i - 1] and not spaces[i - 2]:
            if texts[i - 2][-1:].isdigit():
                brks[i] = False


def break_paragraph(
    frags: Sequence[Fragment],
    width: float,
    measure: Measure,
    *,
    lang: str = "en",
    align: str = "left",
) -> list[Line]:
    rules = RULES[locale_family(lang)]
    builder = _Builder(width, measure, rules)
    _atomise(frags, builder)
    atoms = builder.atoms
    _glue_units(atoms)
    chunks = _relax(_chunks(atoms), atoms, width)
    spans = _break(chunks, atoms, width)
    _widow(spans, chunks, atoms, width)
    last = len(spans) - 1
    return [_place(s, chunks, atoms, width, align, n == last) for n, s in enumerate(spans)]
