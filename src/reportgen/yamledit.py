"""Edit values in YAML text, touching nothing else (for ``xliff import``).

The file is parsed with ruamel.yaml (round-trip composer, which keeps every
node's exact position and style) and only the changed values are replaced in the
original text, in their original style (plain, quoted, ``|-`` or ``>-``):
comments, key order, the ``# yaml-language-server`` header and every untouched
byte stay as they were.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Location, error
from .errors import ContentError
from .loader import NULLS, KeyPath, key_str, load_yaml


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
    """Where a key's value is in the YAML node tree."""

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
