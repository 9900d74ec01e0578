"""What ``reportgen fonts`` and ``reportgen --version`` say about fonts.

For each font a project uses: where it comes from (the project's own file or reportgen's
installed one), its family, version, licence (the name table's licence fields and the
licence file beside it) and embedding permission, and its coverage of the Chinese
character sets a Hong Kong or Mainland text is written in: Big5, the HKSCS additions to
Big5 and the two-byte part of GB 18030 (every GBK/GB 2312 character). The repertoires
come from Python's own codecs, so they need no data files.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .fonts import read_cmap
from .resources import font_path, fonts_dir, uses_installed

REPERTOIRES = ("Big5", "HKSCS", "GB 18030 two-byte")


def _two_byte(codec: str, leads: range, trails: list[int]) -> frozenset[int]:
    """Code points of the single characters every two-byte sequence of ``codec`` decodes to
    (private-use areas left out: no font is expected to draw them)."""
    out: set[int] = set()
    for lead in leads:
        for trail in trails:
            try:
                text = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1 and unicodedata.category(text) != "Co":
                out.add(ord(text))
    return frozenset(out)


_BIG5_TRAILS = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]


@cache
def repertoire(name: str) -> frozenset[int]:
    """The code points of a character set in :data:`REPERTOIRES`."""
    if name == "Big5":
        return _two_byte("big5", range(0x81, 0xFF), _BIG5_TRAILS)
    if name == "HKSCS":  # what Big5-HKSCS adds to Big5
        return _two_byte("big5hkscs", range(0x81, 0xFF), _BIG5_TRAILS) - repertoire("Big5")
    if name == "GB 18030 two-byte":
        return _two_byte("gb18030", range(0x81, 0xFF), [*range(0x40, 0x7F), *range(0x80, 0xFF)])
    raise KeyError(name)


@dataclass(frozen=True)
class FontInfo:
    """A font a project uses: its role, style, file and names."""

    role: str
    style: str
    name: str  # as written in reportgen.yaml
    path: Path
    source: str  # "project" or "installed"
    family: str
    version: str
    licence: str
    licence_file: str
    embedding: str
    coverage: dict[str, tuple[int, int]]  # repertoire -> (covered, size)

    def as_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["path"] = str(self.path)
        out["coverage"] = {k: {"covered": c, "of": n} for k, (c, n) in self.coverage.items()}
        return out


def project_fonts(root: Path, config: dict[str, Any]) -> Iterator[FontInfo]:
    """Every font ``reportgen.yaml`` names (``fonts:`` role → style → file), in order."""
    for role, styles in (config.get("fonts") or {}).items():
        for style, name in (styles or {}).items():
            if not isinstance(name, str) or not name:
                continue
            path = font_path(root, name)
            source = "installed" if uses_installed(root, name) else "project"
            yield describe(path, role=role, style=style, name=name, source=source)


def describe(
    path: Path, *, role: str = "", style: str = "", name: str = "", source: str = ""
) -> FontInfo:
    facts = _facts(path)
    cmap = read_cmap(path)
    coverage = {r: (len(cmap & repertoire(r)), len(repertoire(r))) for r in REPERTOIRES}
    return FontInfo(
        role=role,
        style=style,
        name=name or path.name,
        path=path,
        source=source,
        coverage=coverage,
        licence_file=_licence_file(path),
        **facts,
    )


def _facts(path: Path) -> dict[str, str]:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True, fontNumber=0) as font:
        names = font["name"]
        family = str(names.getBestFullName() or names.getBestFamilyName() or path.stem)
        version = str(names.getDebugName(5) or "")
        licence = str(names.getDebugName(13) or "")
        url = str(names.getDebugName(14) or "")
        fs_type = font["OS/2"].fsType if "OS/2" in font else 0
    return {
        "family": family,
        "version": _short_version(version) or "?",
        "licence": _short_licence(licence, url),
        "embedding": _embedding(fs_type),
    }


def _short_version(text: str) -> str:
    match = re.search(r"(\d+(?:\.\d+)+)", text)
    return match.group(1) if match else text.split(";")[0].strip()


def _short_licence(text: str, url: str) -> str:
    if "Open Font License" in text or "OFL" in url:
        match = re.search(r"Version (\d+(?:\.\d+)?)", text)
        return "SIL Open Font License " + (match.group(1) if match else "").strip()
    first = text.split(". ")[0].strip()
    return (first[:77] + "…" if len(first) > 78 else first) or url or "not stated in the font"


def _embedding(fs_type: int) -> str:
    """OS/2 fsType, as the embedding writers read it (docx_embed)."""
    if fs_type & 0x0200:
        return "bitmap only (not embedded)"
    kind = fs_type & 0x000E
    if kind == 0x0002:
        return "restricted (not embedded)"
    if kind & 0x0004:
        return "preview & print"
    if kind & 0x0008:
        return "editable"
    return "installable"


def _licence_file(path: Path) -> str:
    """The licence file beside the font that names it most closely (``OFL-NotoSerifCJK.txt``
    for ``NotoSerifCJKtc-Regular.ttf``), or the folder's only licence file."""
    try:
        candidates = [
            p
            for p in path.parent.iterdir()
            if p.is_file() and re.match(r"(OFL|LICEN[CS]E|COPYING)", p.name, re.I)
        ]
    except OSError:
        return ""
    best, best_len = "", -1
    for candidate in sorted(candidates):
        stem = re.sub(r"^(OFL|LICEN[CS]E|COPYING)[-_.]?", "", candidate.stem, flags=re.I)
        if path.stem.lower().startswith(stem.lower()) and len(stem) > best_len:
            best, best_len = candidate.name, len(stem)
    return best


def installed_fonts() -> list[tuple[Path, str, str]]:
    """(file, family, version) of each font installed with reportgen."""
    folder = fonts_dir()
    if folder is None:
        return []
    out = []
    for path in sorted(folder.glob("*.ttf")):
        facts = _facts(path)
        out.append((path, facts["family"], facts["version"]))
    return out
