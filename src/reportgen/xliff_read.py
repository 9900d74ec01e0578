"""Reading XLIFF 1.2 files from CAT tools, safely: no DTDs or entities in any encoding,
XLIFF 2.0 refused with a clear message, targets normalised for what tools add."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Location, error
from .errors import ContentError

NS = "urn:oasis:names:tc:xliff:document:1.2"
NS_20 = "urn:oasis:names:tc:xliff:document:2.0"
MAX_XLIFF_BYTES = 20_000_000
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\uffef]")


@dataclass
class Unit:
    """One translation unit read from an XLIFF file."""

    key: str
    text: str  # the target, normalised
    source: str  # the source the translator saw, normalised
    state: str | None
    approved: str | None
    line: int = 0


@dataclass
class FileUnits:
    """The units of one <file> of an XLIFF document, with its languages."""

    original: str
    source_language: str
    target_language: str
    units: list[Unit] = field(default_factory=list)


def _fail(code: str, msg: str, where: Location) -> ContentError:
    return ContentError(diagnostics=[error(code, msg, where)])


def read_xliff(path: Path) -> list[FileUnits]:
    """Parse ``path``; refuse DTDs and entities; raise ContentError with the problem."""
    where = Location(str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail("missing-file", f"cannot read: {exc.strerror}", where) from exc
    if len(data) > MAX_XLIFF_BYTES:
        raise _fail("limit", f"XLIFF file too large (limit {MAX_XLIFF_BYTES:,} bytes)", where)
    _refuse_dtd(path, data)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, col = exc.position
        what = re.sub(r":? line \d+, column \d+$", "", str(exc))  # the place is the location
        msg = (
            f"not well-formed XML ({what}); the file is damaged or cut short: "
            "export it again from the CAT tool"
        )
        raise _fail("yaml-syntax", msg, Location(str(path), line, col + 1)) from exc
    except ValueError as exc:  # an encoding expat does not read
        msg = f"cannot read this XML ({exc}); save it as UTF-8"
        raise _fail("encoding", msg, where) from exc
    version = root.get("version", "")
    if root.tag == f"{{{NS_20}}}xliff" or version.startswith("2"):
        msg = (
            f"this is XLIFF {version or '2'}; reportgen reads XLIFF 1.2: export the file from "
            "your CAT tool as XLIFF 1.2 (or start from 'reportgen xliff export')"
        )
        raise _fail("schema", msg, where)
    if _local(root.tag) != "xliff":
        raise _fail("schema", f"<{_local(root.tag)}> is not an XLIFF document", where)
    return [_file_units(f) for f in root.iter() if _local(f.tag) == "file"]


_SCANNED = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_DTD = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _refuse_dtd(path: Path, data: bytes) -> None:
    """Refuse <!DOCTYPE> and <!ENTITY> whatever the encoding: the bytes are searched as
    UTF-8, UTF-16 and UTF-32 (either byte order), before any XML parser sees them."""
    for encoding in _SCANNED:
        text = data.decode(encoding, errors="ignore")
        found = _DTD.search(text)
        if found:
            line = text[: found.start()].count("\n") + 1
            msg = (
                "DTDs and entity declarations are not allowed in XLIFF files "
                "(<!DOCTYPE/<!ENTITY); export the file again from your CAT tool"
            )
            raise _fail("unsafe-path", msg, Location(str(path), line, 1))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(el: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in el if _local(c.tag) == name), None)


def _file_units(file_el: ET.Element) -> FileUnits:
    out = FileUnits(
        file_el.get("original", ""),
        file_el.get("source-language", ""),
        file_el.get("target-language", ""),
    )
    for unit in file_el.iter():
        if _local(unit.tag) != "trans-unit":
            continue
        target, source = _child(unit, "target"), _child(unit, "source")
        if target is None:
            continue
        src = normalise("".join(source.itertext()) if source is not None else "")
        text = normalise("".join(target.itertext()), src)
        approved = unit.get("approved")
        out.units.append(Unit(unit.get("id", ""), text, src, target.get("state"), approved))
    return out


def normalise(text: str, source: str | None = None) -> str:
    """Undo what CAT tools add when they pretty-print: the line breaks and indentation
    around and inside a target (an indented line continues the one before when the source
    is one line; joined with a space only between Latin text), spaces at the ends of
    lines, tabs, Windows line ends, more than one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    raw = text.strip("\n ").split("\n")
    one_line = source is not None and "\n" not in source
    out = raw[0].strip(" \u00a0") if raw else ""
    for line in raw[1:]:
        part = line.strip(" \u00a0")
        if one_line and line[:1] in (" ", "\u00a0") and part and out:
            cjk_join = _CJK.match(out[-1:]) or _CJK.match(part[:1])
            out += part if cjk_join else " " + part
        else:
            out += "\n" + part
    return re.sub(r"\n{3,}", "\n\n", out.strip("\n"))


def diagnostics_of(exc: ContentError) -> list[Diagnostic]:
    return exc.diagnostics
