"""Hong Kong Traditional Chinese -> Simplified Chinese for the ``zh-Hans`` edition.

Three steps, each visible to a reviewer (``reportgen hans``):

1. **Overrides** first: a project's ``overrides.yaml`` (Traditional phrase -> Simplified
   rendering, used verbatim), then reportgen's few built-in ones (𨋢 -> 电梯: OpenCC would
   write 䢂, a form no reader knows). An override may be limited to whole words
   (``whole-word: true``), to some phrases (``context: [...]``) or kept out of others
   (``not-inside: [...]``): ``人工: {to: 工资, not-inside: [人工智能]}``.
2. **Characters**: OpenCC's ``hk2s`` (Hong Kong variants first, then phrases, then
   characters), so 頭髮 becomes 头发 and 發展 becomes 发展.
3. **Terms**: the Hong Kong -> Mainland phrase table shipped with reportgen
   (``data/hk-mainland-terms.yaml``: 资讯科技 -> 信息技术, 是次 -> 本次 ...), on the
   converted text, longest match first, never inside an override's output, a glossary
   name or one of the entry's ``not-inside`` words.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError
from .loader import load_yaml

_DATA = Path(__file__).parent / "data"
TERMS_FILE = _DATA / "hk-mainland-terms.yaml"
OVERRIDE = "override"
BUILT_IN = "built-in"
TERM = "term"
# Converted before OpenCC (which would write the rare analogical form).
_DOT = "interpunct in a foreign name: the Mainland writes · (GB/T 15834 间隔号, GB 2312 A1A4)"
_BUILT_IN = (
    ("𨋢", "电梯", "lift (Cantonese 𨋢): OpenCC writes 䢂, which no reader knows"),
    ("‧", "·", _DOT),  # U+2027, Hong Kong's usual dot in 維文‧巴拉克里斯南
    ("・", "·", _DOT),  # U+30FB, the Japanese katakana dot
)


@functools.lru_cache(maxsize=1)
def converter() -> Any:
    """The cached OpenCC converter: hk2s if this OpenCC has it, else t2s."""
    import opencc

    config_dir = Path(opencc.__file__).parent / "config"
    name = "hk2s" if (config_dir / "hk2s.json").is_file() else "t2s"
    return opencc.OpenCC(name)


@dataclass(frozen=True)
class Rule:
    """Replace ``source`` by ``target`` where the limits allow."""

    source: str
    target: str
    kind: str = TERM  # override, built-in or term
    why: str = ""
    origin: str = ""  # overrides.yaml:LINE for an override
    not_inside: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    whole_word: bool = False

    def applies(self, text: str, i: int) -> bool:
        """Whether the match of ``source`` at ``i`` of ``text`` may be replaced."""
        if any(_inside(text, i, self.source, word) for word in self.not_inside):
            return False
        if self.context and not any(_inside(text, i, self.source, w) for w in self.context):
            return False
        if self.whole_word:
            end = i + len(self.source)
            if (i > 0 and text[i - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
                return False
        return True


def _inside(text: str, i: int, source: str, word: str) -> bool:
    """Whether the ``source`` at ``i`` is part of an occurrence of ``word`` in ``text``."""
    k = word.find(source)
    while k >= 0:
        if i - k >= 0 and text.startswith(word, i - k):
            return True
        k = word.find(source, k + 1)
    return False


@dataclass(frozen=True)
class Change:
    """One change beyond characters: an override, built-in or term replacement."""

    source: str  # as matched (Traditional for overrides, converted text for terms)
    target: str
    kind: str
    why: str = ""
    origin: str = ""


class _Rules:
    """Rules by first character, longest first: the longest match at each position."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.by_first: dict[str, list[Rule]] = {}
        for rule in rules:
            if rule.source:
                self.by_first.setdefault(rule.source[0], []).append(rule)
        for found in self.by_first.values():
            found.sort(key=lambda r: -len(r.source))  # stable: earlier rules win ties

    def match(self, text: str, i: int, blocked: Sequence[bool] = ()) -> Rule | None:
        for rule in self.by_first.get(text[i], ()):
            end = i + len(rule.source)
            if not text.startswith(rule.source, i) or (blocked and any(blocked[i:end])):
                continue
            if rule.applies(text, i):
                return rule
        return None


_MEMO_SIZE = 20_000  # converted strings kept per conversion


@dataclass(frozen=True)
class Conversion:
    """A project's conversion: its overrides, the term table and the glossary's names."""

    overrides: tuple[Rule, ...] = ()
    terms: tuple[Rule, ...] = ()
    names: tuple[str, ...] = ()  # Simplified forms of the glossary's names: never localised

    @functools.cached_property
    def _before(self) -> _Rules:
        built_in = [Rule(s, t, BUILT_IN, why) for s, t, why in _BUILT_IN]
        return _Rules(list(self.overrides) + built_in)

    @functools.cached_property
    def _after(self) -> _Rules:
        return _Rules(self.terms)

    @functools.cached_property
    def _converted(self) -> dict[str, str]:
        return {}

    def convert(self, text: str) -> str:
        # each value is converted once per process: check converts it for the glyph and
        # repertoire checks, a build again for the zh-Hans edition
        memo = self._converted
        out = memo.get(text)
        if out is None:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            out = memo[text] = self.trace(text)[0]
        return out

    def convert_data(self, data: Any) -> Any:
        """A deep copy of ``data`` with every string converted."""
        return _convert(data, self)

    def trace(self, text: str) -> tuple[str, list[Change]]:
        """The converted text and every change beyond characters, in order."""
        changes: list[Change] = []
        out: list[str] = []
        plain: list[str] = []
        cc = converter()
        i = 0
        while i < len(text):
            rule = self._before.match(text, i)
            if rule is None:
                plain.append(text[i])
                i += 1
                continue
            if plain:
                out.append(self._localise(cc.convert("".join(plain)), changes))
                plain = []
            out.append(rule.target)
            changes.append(Change(rule.source, rule.target, rule.kind, rule.why, rule.origin))
            i += len(rule.source)
        if plain:
            out.append(self._localise(cc.convert("".join(plain)), changes))
        return "".join(out), changes

    def _localise(self, text: str, changes: list[Change]) -> str:
        """The term table on converted text (glossary names left alone)."""
        if not self.terms:
            return text
        blocked = [False] * len(text)
        for name in self.names:
            at = text.find(name)
            while at >= 0:
                blocked[at : at + len(name)] = [True] * len(name)
                at = text.find(name, at + 1)
        out: list[str] = []
        i = 0
        while i < len(text):
            rule = self._after.match(text, i, blocked)
            if rule is None:
                out.append(text[i])
                i += 1
                continue
            out.append(rule.target)
            if rule.target != rule.source:
                changes.append(Change(rule.source, rule.target, rule.kind, rule.why))
            i += len(rule.source)
        return "".join(out)


@functools.lru_cache(maxsize=1)
def term_rules() -> tuple[Rule, ...]:
    """The shipped Hong Kong -> Mainland term table."""
    # libyaml when PyYAML has it (the same data, ~6x less CPU than the pure-Python loader)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    entries = yaml.load(TERMS_FILE.read_text(encoding="utf-8"), Loader=loader) or []
    return tuple(
        Rule(
            str(e["from"]),
            str(e["to"]),
            TERM,
            str(e.get("why", "")),
            not_inside=tuple(e.get("not-inside") or ()),
        )
        for e in entries
    )


def term_entries() -> list[dict[str, Any]]:
    """The table's entries as written (with their examples), for tests and docs."""
    return list(yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8")) or [])


@functools.lru_cache(maxsize=8)
def _load_overrides(path: Path, mtime: float) -> tuple[Rule, ...]:
    src, diags = load_yaml(path)
    if src is None:
        raise ContentError(diagnostics=diags)
    data = src.data if isinstance(src.data, dict) else {}
    return overrides_from_data(data, lambda key: f"{path.name}:{src.loc((key,)).line}")


def load_overrides_data(path: Path | None) -> dict[str, Any]:
    """The overrides file as data (what templates may be given: never a path)."""
    if path is None or not Path(path).is_file():
        return {}
    src, diags = load_yaml(Path(path))
    if src is None:
        raise ContentError(diagnostics=diags)
    return dict(src.data) if isinstance(src.data, dict) else {}


def overrides_from_data(
    data: Mapping[str, Any], origin: Callable[[str], str] | None = None
) -> tuple[Rule, ...]:
    """Rules from overrides data: ``phrase: rendering`` or ``phrase: {to: rendering,
    not-inside: [...], context: [...], whole-word: true, why: ...}``; ``origin(key)`` says
    where each came from."""
    rules: list[Rule] = []
    for key, value in data.items():
        where = origin(key) if origin else ""
        if isinstance(value, str) and key:
            rules.append(Rule(str(key), value, OVERRIDE, origin=where))
        elif isinstance(value, Mapping) and key and isinstance(value.get("to"), str):
            rules.append(
                Rule(
                    str(key),
                    value["to"],
                    OVERRIDE,
                    str(value.get("why") or ""),
                    where,
                    _phrases(value.get("not-inside")),
                    _phrases(value.get("context")),
                    str(value.get("whole-word", "")).lower() in ("true", "yes", "1"),
                )
            )
    return tuple(rules)


def _phrases(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value or () if v)


def load_overrides(path: Path | None) -> tuple[Rule, ...]:
    """A project's overrides (none when ``path`` is None or absent)."""
    if path is None or not Path(path).is_file():
        return ()
    path = Path(path)
    return _load_overrides(path.resolve(), path.stat().st_mtime)


@functools.lru_cache(maxsize=8)
def _glossary_names(path: Path, mtime: float) -> tuple[str, ...]:
    """The Chinese renderings of the glossary's names (English terms written with a
    capital on every word, or in capitals: 'Office of the Government Chief Information
    Officer', 'HKSAR'), converted to Simplified characters."""
    src, _ = load_yaml(path)
    data = src.data if src is not None and isinstance(src.data, dict) else {}
    names: set[str] = set()
    for english, chinese in data.items():
        words = [w for w in str(english).split() if w[:1].isalpha()]  # Co-operation: one
        if not words or not all(w[0].isupper() or w in _SMALL_WORDS for w in words):
            continue
        for rendering in [chinese] if isinstance(chinese, str) else chinese or []:
            if isinstance(rendering, str) and rendering:
                names.add(converter().convert(rendering))
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


_SMALL_WORDS = frozenset("of the and for in on to at by cum".split())


def glossary_names(path: Path | None) -> tuple[str, ...]:
    if path is None or not Path(path).is_file():
        return ()
    path = Path(path)
    return _glossary_names(path.resolve(), path.stat().st_mtime)


Overrides = Path | Mapping[str, Any] | None
Names = Path | Sequence[str] | None


def conversion(overrides: Overrides = None, glossary: Names = None) -> Conversion:
    """The conversion for a project's overrides (the file, or its data) and glossary
    names (the glossary file, or the names themselves); either may be None."""
    if isinstance(overrides, Mapping):
        rules = overrides_from_data(overrides)
    else:
        rules = load_overrides(overrides)
    if glossary is None or isinstance(glossary, Path):
        names = glossary_names(glossary)
    else:
        names = tuple(sorted(set(map(str, glossary)), key=lambda n: (-len(n), n)))
    return _conversion(rules, names)


@functools.lru_cache(maxsize=8)
def _conversion(overrides: tuple[Rule, ...], names: tuple[str, ...]) -> Conversion:
    return Conversion(overrides, term_rules(), names)


def convert_text(text: str, overrides: Sequence[Rule] | Sequence[tuple[str, str]] = ()) -> str:
    """Convert one string: overrides (kept verbatim), OpenCC, then the term table."""
    rules = tuple(r if isinstance(r, Rule) else Rule(r[0], r[1], OVERRIDE) for r in overrides)
    return _conversion(rules, ()).convert(text)


def to_simplified(data: Any, overrides: Overrides = None, glossary: Names = None) -> Any:
    """A deep copy of ``data`` with every string converted to Simplified Chinese.

    ``overrides`` is the overrides file or its data (Traditional -> Simplified, or ->
    ``{to, not-inside, context, whole-word}``); ``glossary`` the glossary file or the
    Simplified forms of its names (never localised)."""
    return _convert(data, conversion(overrides, glossary))


def _convert(data: Any, conv: Conversion) -> Any:
    if isinstance(data, str):
        return conv.convert(data)
    if isinstance(data, dict):
        return {k: _convert(v, conv) for k, v in data.items()}
    if isinstance(data, list):
        return [_convert(v, conv) for v in data]
    return data


# Characters OpenCC maps to another Traditional form but Hong Kong text writes as they are.
_ALSO_TRADITIONAL = frozenset("床")


# (dictionary, whether its values are Traditional too): TSCharacters' values are Simplified.
_TRADITIONAL_SOURCES = (
    ("TSCharacters.txt", False),
    ("TSPhrases.txt", False),
    ("HKVariants.txt", True),
    ("HKVariantsRev.txt", True),
)


@functools.lru_cache(maxsize=1)
def _simplified_only() -> dict[str, str]:
    """Simplified-only characters -> their Traditional form(s), from OpenCC's dictionaries.

    A character counts as Simplified-only when it converts to something else and no
    Traditional dictionary (characters, Hong Kong variants, phrases) uses it.
    """
    import opencc

    folder = Path(opencc.__file__).parent / "dictionary"
    st = _dictionary(folder / "STCharacters.txt")
    traditional = set(_ALSO_TRADITIONAL)
    for name, with_values in _TRADITIONAL_SOURCES:
        for key, values in _dictionary(folder / name).items():
            traditional.update(key, *(values if with_values else ()))
    for values in st.values():
        traditional.update(values)
    return {s: "/".join(v) for s, v in st.items() if s not in v and s not in traditional}


def _dictionary(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return out
    for line in lines:
        key, _, values = line.partition("\t")
        if values:
            out[key] = values.split()
    return out


def simplified_chars(text: str) -> list[tuple[str, str]]:
    """The Simplified-only characters in ``text`` (first occurrence each), with their
    Traditional forms: [('简', '簡'), ...]."""
    table = _simplified_only()
    found: dict[str, str] = {}
    for ch in text:
        if ch in table and ch not in found:
            found[ch] = table[ch]
    return list(found.items())


@functools.lru_cache(maxsize=1)
def simplified_repertoire() -> frozenset[str]:
    """The Simplified Chinese repertoire: GB 2312 and the Table of General Standard Chinese
    Characters (2013), as written by ``scripts/make_fonts.py`` with the SC font subset."""
    text = (_DATA / "simplified-repertoire.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return frozenset("".join(lines))
