"""Hong Kong Traditional Chinese -> Simplified Chinese for the ``zh-Hans`` edition.

Conversion is phrase-aware (OpenCC's ``hk2s`` configuration: Hong Kong variants
first, then phrases, then characters), so 頭髮 becomes 头发 and 發展 becomes
发展, not a character-by-character guess. A project's ``overrides.yaml``
(Traditional phrase -> Simplified rendering) is applied first, longest phrase
first, for names and official terms that must not be converted mechanically.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import ContentError
from .loader import load_yaml

_MARK = "\ue000"  # private-use delimiters protect override output from OpenCC


@functools.lru_cache(maxsize=1)
def converter() -> Any:
    """The cached OpenCC converter: hk2s if this OpenCC has it, else t2s."""
    import opencc

    config_dir = Path(opencc.__file__).parent / "config"
    name = "hk2s" if (config_dir / "hk2s.json").is_file() else "t2s"
    return opencc.OpenCC(name)


@functools.lru_cache(maxsize=8)
def _load_overrides(path: Path, mtime: float) -> tuple[tuple[str, str], ...]:
    src, diags = load_yaml(path)
    if src is None:
        raise ContentError(diagnostics=diags)
    data = src.data or {}
    pairs = [(str(k), str(v)) for k, v in data.items() if isinstance(v, str) and k]
    return tuple(sorted(pairs, key=lambda kv: -len(kv[0])))


def load_overrides(path: Path | None) -> tuple[tuple[str, str], ...]:
    """Overrides, longest first; none when ``path`` is None or absent."""
    if path is None or not Path(path).is_file():
        return ()
    path = Path(path)
    return _load_overrides(path.resolve(), path.stat().st_mtime)


def convert_text(text: str, overrides: tuple[tuple[str, str], ...] = ()) -> str:
    """Convert one string: overrides first (kept verbatim), OpenCC for the rest."""
    kept: list[str] = []
    for trad, simp in overrides:
        if trad in text:
            text = text.replace(trad, f"{_MARK}{len(kept)}{_MARK}")
            kept.append(simp)
    pieces = text.split(_MARK)
    cc = converter()
    out = [kept[int(p)] if i % 2 else cc.convert(p) for i, p in enumerate(pieces)]
    return "".join(out)


def to_simplified(data: Any, overrides: Path | Mapping[str, str] | None = None) -> Any:
    """A deep copy of ``data`` with every string converted to Simplified Chinese;
    ``overrides`` is the overrides file or its mapping (Traditional -> Simplified)."""
    if isinstance(overrides, Mapping):
        pairs = tuple(sorted(((str(k), str(v)) for k, v in overrides.items() if k), key=_longest))
    else:
        pairs = load_overrides(overrides)
    return _convert(data, pairs)


def _longest(pair: tuple[str, str]) -> int:
    return -len(pair[0])


def _convert(data: Any, overrides: tuple[tuple[str, str], ...]) -> Any:
    if isinstance(data, str):
        return convert_text(data, overrides)
    if isinstance(data, dict):
        return {k: _convert(v, overrides) for k, v in data.items()}
    if isinstance(data, list):
        return [_convert(v, overrides) for v in data]
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


_DATA = Path(__file__).parent / "data"


@functools.lru_cache(maxsize=1)
def simplified_repertoire() -> frozenset[str]:
    """The Simplified Chinese repertoire: GB 2312 and the Table of General Standard Chinese
    Characters (2013), as written by ``scripts/make_fonts.py`` with the SC font subset."""
    text = (_DATA / "simplified-repertoire.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return frozenset("".join(lines))
