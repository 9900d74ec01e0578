"""XLIFF 1.2 export and import, for CAT tools (Trados, memoQ, OmegaT).

Export: one ``<file>`` per translated document (``original`` = the translation's
content file), one ``<trans-unit id="KEYPATH">`` per text value, with the source
text and the current translation. By default only units that need work
(missing, untranslated or stale); ``--all`` for every unit.

Import writes targets back into the content files. The files are parsed with
ruamel.yaml (round-trip composer, which keeps every node's exact position and
style) and only the changed values are replaced in the original text, in their
original style (plain, quoted, ``|-`` or ``>-``): comments, key order, the
``# yaml-language-server`` header and every untouched byte stay as they were. A
unit with no change leaves its file untouched (byte-identical). Confirmed units
are recorded in ``translations.lock``.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostic, Location, error
from .errors import ContentError
from .loader import NULLS, KeyPath, key_str, load_yaml
from .lockfile import digest, read_lock, write_lock
from .project import Project
from .status import all_pairs
from .translation import Pair, get_value, leaves, parse_key, stale, untranslated

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_LANG = {"en": "en", "zh": "zh-HK"}
NEEDS = ("needs-translation", "needs-review-translation")
CONFIRMED = {None, "translated", "final", "signed-off", "needs-review-l10n"}
MAX_XLIFF_BYTES = 20_000_000


# ---------------------------------------------------------------- export


def unit_state(pair: Pair, path: KeyPath, src: str, records: dict) -> tuple[str, str | None]:
    """(state, current translation or None when missing)."""
    found, tgt = get_value(pair.target.data, path)
    if not found or isinstance(tgt, (dict, list)) or not (tgt or "").strip():
        return "needs-translation", None
    if untranslated(pair, path, src, tgt):
        return "needs-translation", tgt
    if stale(pair, path, src, records):
        return "needs-review-translation", tgt
    return "translated", tgt


def export_xliff(project: Project, everything: bool = False) -> tuple[bytes, int]:
    """The XLIFF document and the number of units in it."""
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}xliff", {"version": "1.2"})
    records = read_lock(project.root)
    count = 0
    for pair in all_pairs(project):
        file_el = _file_element(project, pair)
        body = ET.SubElement(file_el, f"{{{NS}}}body")
        for path, src in leaves(pair.source.data):
            state, tgt = unit_state(pair, path, src, records)
            if state == "translated" and not everything:
                continue
            _unit(body, path, src, state, tgt, pair)
            count += 1
        if len(body):
            root.append(file_el)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode(), count


def _file_element(project: Project, pair: Pair) -> ET.Element:
    original = pair.target.path.resolve().relative_to(project.root).as_posix()
    return ET.Element(
        f"{{{NS}}}file",
        {
            "original": original,
            "source-language": XML_LANG[pair.source_lang],
            "target-language": XML_LANG[pair.target_lang],
            "datatype": "plaintext",
        },
    )


def _unit(
    body: ET.Element, path: KeyPath, src: str, state: str, tgt: str | None, pair: Pair
) -> None:
    key = key_str(path)
    unit = ET.SubElement(
        body,
        f"{{{NS}}}trans-unit",
        {"id": key, "resname": key, "{http://www.w3.org/XML/1998/namespace}space": "preserve"},
    )
    ET.SubElement(unit, f"{{{NS}}}source").text = src
    ET.SubElement(unit, f"{{{NS}}}target", {"state": state}).text = tgt or ""
    loc = pair.source.loc(path)
    rel = Path(loc.path).name
    ET.SubElement(unit, f"{{{NS}}}note").text = f"{pair.source_lang}: {rel}:{loc.line}"


# ---------------------------------------------------------------- import: reading


@dataclass
class Unit:
    key: str
    text: str
    state: str | None
    line: int


@dataclass
class FileUnits:
    original: str
    line: int
    units: list[Unit] = field(default_factory=list)


def read_xliff(path: Path) -> list[FileUnits]:
    """Parse ``path``; refuse DTDs and entities; raise ContentError with every problem."""
    where = Location(str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError(
            diagnostics=[error("missing-file", f"cannot read: {exc.strerror}", where)]
        ) from exc
    if len(data) > MAX_XLIFF_BYTES:
        raise ContentError(diagnostics=[error("limit", "XLIFF file too large", where)])
    found = re.search(rb"<!(DOCTYPE|ENTITY)", data, re.IGNORECASE)
    if found:
        line = data[: found.start()].count(b"\n") + 1
        msg = (
            "DTDs and entity declarations are not allowed in XLIFF files (<!DOCTYPE/<!ENTITY); "
            "export the file again from your CAT tool"
        )
        raise ContentError(diagnostics=[error("unsafe-path", msg, Location(str(path), line, 1))])
    parser = ET.XMLParser()
    try:
        root = ET.fromstring(data, parser=parser)
    except ET.ParseError as exc:
        line, col = exc.position
        msg = f"not well-formed XML: {exc.msg if hasattr(exc, 'msg') else exc}"
        raise ContentError(
            diagnostics=[error("yaml-syntax", msg, Location(str(path), line, col + 1))]
        ) from exc
    return [_file_units(f) for f in root.iter() if _local(f.tag) == "file"]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _file_units(file_el: ET.Element) -> FileUnits:
    out = FileUnits(file_el.get("original", ""), 0)
    for unit in file_el.iter():
        if _local(unit.tag) != "trans-unit":
            continue
        target = next((c for c in unit if _local(c.tag) == "target"), None)
        if target is None:
            continue
        text = "".join(target.itertext())
        out.units.append(Unit(unit.get("id", ""), text, target.get("state"), 0))
    return out


# ---------------------------------------------------------------- import: applying


def import_xliff(project: Project, path: Path) -> tuple[list[Path], int]:
    """Write targets into the content files; return (files changed, units confirmed)."""
    files = read_xliff(path)
    pairs = {
        p.target.path.resolve().relative_to(project.root).as_posix(): p for p in all_pairs(project)
    }
    plans, diags = _plan(files, pairs, path)
    if diags:
        raise ContentError(diagnostics=diags)
    edited = [(pair, _edited(pair.target.path, updates)) for pair, updates, _ in plans]
    changed: list[Path] = []
    for pair, new in edited:
        if new is not None:
            _write(pair.target.path, new)
            changed.append(pair.target.path)
    records = read_lock(project.root)
    confirmed = 0
    for pair, _, confirm in plans:
        section = records.setdefault(pair.name, {})
        for key in confirm:
            found, src = get_value(pair.source.data, parse_key(key))
            section[key] = digest(src if found else "")
            confirmed += 1
    write_lock(project.root, records)
    return changed, confirmed


Plan = tuple[Pair, dict[KeyPath, str], list[str]]


def _plan(
    files: list[FileUnits], pairs: dict[str, Pair], xliff: Path
) -> tuple[list[Plan], list[Diagnostic]]:
    plans: list[Plan] = []
    diags: list[Diagnostic] = []
    where = Location(str(xliff))
    for f in files:
        pair = pairs.get(f.original)
        if pair is None:
            msg = f'<file original="{f.original}"> is not a translated content file here'
            diags.append(error("missing-file", msg, where))
            continue
        updates: dict[KeyPath, str] = {}
        confirm: list[str] = []
        for unit in f.units:
            problem = _unit_problem(pair, unit)
            if problem:
                diags.append(error("extra-key", problem, where))
                continue
            path = parse_key(unit.key)
            if not unit.text.strip():
                continue
            found, current = get_value(pair.target.data, path)
            if not found or current != unit.text:
                updates[path] = unit.text
            if unit.state in CONFIRMED:
                confirm.append(unit.key)
        plans.append((pair, updates, confirm))
    return plans, diags


def _unit_problem(pair: Pair, unit: Unit) -> str:
    try:
        path = parse_key(unit.key)
    except ValueError:
        return f"trans-unit id '{unit.key}' is not a key path"
    found, value = get_value(pair.source.data, path)
    if not found or isinstance(value, (dict, list)):
        return (
            f"trans-unit '{unit.key}' does not exist in {pair.source.path.name} "
            f"({pair.name}); export again"
        )
    return ""


def _edited(path: Path, updates: dict[KeyPath, str]) -> str | None:
    """The new text of the YAML file ``path`` with ``updates``; None when nothing changes."""
    if not updates:
        return None
    raw = path.read_bytes().decode("utf-8")
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    text = raw[len(bom) :]
    new = edit_yaml(text, updates)
    _verify(path, new, updates)
    return None if new == text else bom + new


def _write(path: Path, text: str) -> None:
    from .atomic import write_bytes

    write_bytes(path, text.encode("utf-8"))


def _verify(path: Path, text: str, updates: dict[KeyPath, str]) -> None:
    loaded = yaml.load(text, Loader=yaml.BaseLoader)
    for key, value in updates.items():
        found, got = get_value(loaded, key)
        if not found or (got or "") != value:  # pragma: no cover - defensive
            msg = f"could not write '{key_str(key)}' safely; edit it by hand"
            raise ContentError(diagnostics=[error("build", msg, Location(str(path)))])


# ---------------------------------------------------------------- YAML text editing


def edit_yaml(text: str, updates: dict[KeyPath, str]) -> str:
    """Replace or insert values in YAML ``text``, touching nothing else."""
    replace = {k: v for k, v in updates.items() if k in _index(text)}
    text = _replace_all(text, replace)
    for key in sorted(set(updates) - set(replace), key=_order):
        text = _insert(text, key, updates[key])
    return text


def _order(key: KeyPath) -> tuple:
    return tuple((1, p) if isinstance(p, int) else (0, 0) for p in key)


def _compose(text: str) -> Node | None:
    return YAML(typ="rt").compose(text)


@dataclass
class _At:
    node: Node
    flow: bool
    key_node: Node | None = None


def _index(text: str) -> dict[KeyPath, _At]:
    out: dict[KeyPath, _At] = {}
    root = _compose(text)
    if root is not None:
        _walk(root, (), False, out, None)
    return out


def _walk(node: Node, path: KeyPath, flow: bool, out: dict[KeyPath, _At], key: Node | None) -> None:
    out[path] = _At(node, flow, key)
    inner = flow or bool(getattr(node, "flow_style", False))
    if isinstance(node, MappingNode):
        for k, v in node.value:
            _walk(v, path + (k.value,), inner, out, k)
    elif isinstance(node, SequenceNode):
        for i, v in enumerate(node.value):
            _walk(v, path + (i,), inner, out, None)


def _replace_all(text: str, updates: dict[KeyPath, str]) -> str:
    index = _index(text)
    spans = []
    for key, value in updates.items():
        at = index[key]
        if not isinstance(at.node, ScalarNode):
            continue
        start, end = at.node.start_mark.index, at.node.end_mark.index
        spans.append((start, end, _render(text, at, value)))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _render(text: str, at: _At, value: str) -> str:
    node = at.node
    style = node.style
    if style in ("|", ">"):
        block = _block(text, node, value)
        if block is not None:
            return block
    if style in (None, "|", ">") and _plain_ok(value, at.flow):
        return value
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)


def _plain_ok(value: str, flow: bool) -> bool:
    if not value or value != value.strip() or "\n" in value:
        return False
    if flow and any(c in value for c in ",[]{}"):
        return False
    if value in NULLS or ": " in value or " #" in value:
        return False
    doc = f"{{k: {value}}}" if flow else f"k: {value}"
    try:
        return yaml.load(doc, Loader=yaml.BaseLoader) == {"k": value}
    except yaml.YAMLError:
        return False


def _block(text: str, node: ScalarNode, value: str) -> str | None:
    """The value as a block scalar in the node's style, or None when that is unsafe."""
    if not value.strip() or value.endswith("\n\n") or value.startswith("\n"):
        return None
    lines = value.rstrip("\n").split("\n")
    if any(line[:1] in (" ", "\t") or line != line.rstrip() for line in lines):
        return None
    span = text[node.start_mark.index : node.end_mark.index]
    header_end = span.find("\n")
    if header_end < 0:
        return None
    body = span[header_end + 1 :]
    tail = span[len(span.rstrip()) :]
    indent = _indent_of(body) or _line_indent(text, node.start_mark.index) + 2
    chomp = "-" if not value.endswith("\n") else ""
    if node.style == ">":
        content = re.sub(r"\n+", lambda m: "\n" * (len(m.group()) + 1), value.rstrip("\n"))
    else:
        content = value.rstrip("\n")
    pad = " " * indent
    out = "\n".join(pad + line if line else "" for line in content.split("\n"))
    return f"{node.style}{chomp}\n{out}{tail}"


def _indent_of(body: str) -> int:
    for line in body.split("\n"):
        if line.strip():
            return len(line) - len(line.lstrip(" "))
    return 0


def _line_indent(text: str, index: int) -> int:
    start = text.rfind("\n", 0, index) + 1
    line = text[start:index]
    return len(line) - len(line.lstrip(" "))


def _insert(text: str, key: KeyPath, value: str) -> str:
    """Insert a value whose key is missing, after its last sibling (the parent must exist)."""
    index = _index(text)
    parent = index.get(key[:-1])
    if parent is None or isinstance(parent.node, ScalarNode):
        raise _Missing(key)
    node = parent.node
    if not node.value:
        raise _Missing(key)
    flow = parent.flow or bool(node.flow_style)
    rendered = value if _plain_ok(value, flow) else json.dumps(value, ensure_ascii=False)
    last = node.value[-1]
    last_node = last[1] if isinstance(node, MappingNode) else last
    if flow:
        pos = node.end_mark.index - 1
        item = f"{key[-1]}: {rendered}" if isinstance(node, MappingNode) else rendered
        return text[:pos].rstrip(" ") + f", {item}" + text[pos:]
    first = node.value[0][0] if isinstance(node, MappingNode) else node
    col = first.start_mark.column
    pos = last_node.end_mark.index
    if pos == 0 or text[pos - 1] != "\n":
        nl = text.find("\n", pos)
        pos = len(text) if nl < 0 else nl + 1
        if nl < 0:
            text += "\n"
            pos = len(text)
    if isinstance(node, MappingNode):
        line = " " * col + f"{key[-1]}: {rendered}\n"
    else:
        line = " " * col + f"- {rendered}\n"
    return text[:pos] + line + text[pos:]


class _Missing(ContentError):
    def __init__(self, key: KeyPath) -> None:
        parent = key_str(key[:-1]) or "(top level)"
        msg = f"cannot add '{key_str(key)}': add '{parent}' to the file first, then import again"
        super().__init__(diagnostics=[error("missing-key", msg, Location(""))])


def load_check(path: Path) -> Any:
    """The strict loader's view of ``path`` (for tests)."""
    src, _ = load_yaml(path)
    return src.data if src else None
