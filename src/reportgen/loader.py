"""Strict YAML loading that keeps the file, line and column of every value.

Content is untrusted text. Every scalar is read as a *string* (the schema later
decides what it means), so ``no`` stays "no", ``1.10`` stays "1.10" and ``12:30``
stays "12:30". Anchors, aliases, duplicate keys, tabs, control characters and
invalid UTF-8 are errors with their location.

Two engines, one result. A file is first read from libyaml's event stream
(:func:`_fast_load`: PyYAML's C parser, ~10 times faster than its pure-Python composer)
with every strict check made on the events; anything that check refuses, or anything
unusual at all, goes to the pure-Python composer (:class:`_StrictLoader` and
:class:`_Builder`), which words every error exactly as before. A valid file gives the
same data, lines and key lines either way (``tests/test_loader.py`` compares them).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Location, error
from .encoding_guess import guess_encoding, not_utf8_message
from .lazy_re import imported_lazily
from .safe_read import SpecialFile, TooLarge, read_limited

imported_lazily("yaml")  # its printable-character class: only the pure-Python reader uses it
import yaml  # noqa: E402

KeyPath = tuple[str | int, ...]

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 24
MAX_SCALAR_CHARS = 100_000
NULLS = {"", "~", "null", "Null", "NULL"}
DEPTH_MESSAGE = f"nesting deeper than {MAX_DEPTH} levels; flatten it"


def get_value(data: Any, path: KeyPath) -> tuple[bool, Any]:
    """(found, value) at ``path``."""
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return False, None
    return True, data


def key_str(path: KeyPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass
class Source:
    """One loaded YAML file: plain data plus where each value came from."""

    path: Path
    data: Any
    lang: str = ""
    lines: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_lines: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def loc(self, key: KeyPath, *, of_key: bool = False) -> Location:
        table = self.key_lines if of_key else self.lines
        line, col = table.get(key) or self.lines.get(key) or _nearest(self.lines, key)
        return Location(str(self.path), line, col, key_str(key), self.lang)


def _nearest(lines: dict[KeyPath, tuple[int, int]], key: KeyPath) -> tuple[int, int]:
    while key:
        key = key[:-1]
        if key in lines:
            return lines[key]
    return (1, 1)


class _StrictLoader(yaml.SafeLoader):
    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: D401
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(event.start_mark, "aliases (*name) are not allowed; write the value out")
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise _Refused(event.start_mark, "anchors (&name) are not allowed; write the value out")
        tag = getattr(event, "tag", None)
        if tag:
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(event.start_mark, f"tags ({tag}) are not allowed; delete the tag")
        # PyYAML composes recursively: refuse deep nesting here, before Python's stack runs out
        # (a mapping's keys sit one level below it, like its values, but are not counted).
        is_key = parent is not None and index is None
        if self._depth > MAX_DEPTH + is_key:
            raise _Refused(event.start_mark, DEPTH_MESSAGE, "limit")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Refused(Exception):
    def __init__(self, mark: Any, message: str, code: str = "yaml-syntax") -> None:
        self.mark = mark
        self.message = message
        self.code = code


def load_yaml(path: Path, lang: str = "") -> tuple[Source | None, list[Diagnostic]]:
    """Load ``path``; return (source or None, diagnostics)."""
    raw, diags = _read(path, lang)
    if raw is None:
        return None, diags
    diags += _scan_text(path, raw, lang)
    if diags:
        return None, diags
    fast = _fast_load(raw)
    if fast is not None:
        data, lines, key_lines = fast
        return Source(path, data, lang, lines, key_lines), []
    return _slow_load(path, raw, lang)


def _slow_load(path: Path, raw: str, lang: str) -> tuple[Source | None, list[Diagnostic]]:
    """The pure-Python composer: every refusal worded with its place."""
    loader = _StrictLoader(raw)
    try:
        node = loader.get_single_node()
    except (ValueError, OverflowError):  # PyYAML's chr() of an escape beyond U+10FFFF
        mark = loader.get_mark()
        line = raw.split("\n")[mark.line]
        col = line.rfind("\\U", 0, mark.column + 1)
        col = col + 1 if col >= 0 else mark.column + 1
        msg = "an escape names a character beyond U+10FFFF, the last in Unicode; fix the escape"
        return None, [error("yaml-syntax", msg, Location(str(path), mark.line + 1, col, lang=lang))]
    except _Refused as exc:
        return None, [_at(path, exc.mark, exc.code, exc.message, lang)]
    except yaml.MarkedYAMLError as exc:
        mark, msg = _yaml_place(exc, raw)
        return None, [_at(path, mark, "yaml-syntax", msg, lang)]
    except yaml.YAMLError as exc:  # pragma: no cover - defensive
        return None, [error("yaml-syntax", str(exc), Location(str(path), 1, 1, lang=lang))]
    finally:
        loader.dispose()
    src = Source(path, None, lang)
    builder = _Builder(src)
    src.data = builder.build(node, ()) if node is not None else {}
    return (None if builder.diags else src), builder.diags


_CParser: Any = getattr(yaml, "CSafeLoader", None)
Lines = dict[KeyPath, tuple[int, int]]


def _fast_load(raw: str) -> tuple[Any, Lines, Lines] | None:
    """(data, lines, key lines) from libyaml's events when the file passes every strict
    check; None (the pure-Python path decides and words the error) otherwise."""
    if _CParser is None:
        return None
    try:
        return _from_events(_CParser(raw), raw)
    except (yaml.YAMLError, ValueError, OverflowError):  # the pure-Python path words it
        return None


_BLOCK_HEADER_END = frozenset(" \r\n")
# Characters PyYAML's scanner will not take inside a plain scalar in a flow collection where
# libyaml does (found by tests/test_loader_engines.py): such files take the pure-Python path.
_FLOW_PLAIN_DIFFERS = re.compile(r"[?:#]|^-")


def _block_header_ok(text_lines: list[str], mark: Any) -> bool:
    """PyYAML's rule for a block scalar's header (libyaml's is looser: ``|#`` passes):
    the indicator, at most a chomping and an indentation indicator, then a space or the
    end of the line."""
    line = text_lines[mark.line] if mark.line < len(text_lines) else ""
    i = mark.column + 1
    for _ in range(2):
        if i < len(line) and line[i] in "+-0123456789":
            i += 1
    return i >= len(line) or line[i] in _BLOCK_HEADER_END


def _from_events(parser: Any, raw: str = "") -> tuple[Any, Lines, Lines] | None:
    get = parser.get_event
    lines: Lines = {}
    key_lines: Lines = {}
    root: Any = {}
    documents = 0
    text_lines: list[str] | None = None
    # one frame per open collection: [container, its path, key awaiting its value or None]
    stack: list[list[Any]] = []
    scalar, map_start, seq_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    flows: list[bool] = []  # per open collection: written in flow style ([...] or {...})
    while True:
        event = get()
        kind = type(event)
        if kind is scalar or kind is map_start or kind is seq_start:
            if event.anchor is not None or event.tag is not None:
                return None
            if stack:
                frame = stack[-1]
                parent = frame[0]
                if type(parent) is dict:
                    key = frame[2]
                    if key is None:  # a key
                        if kind is not scalar:
                            return None
                        value = event.value
                        if value in parent or (not value.isprintable() and _bad_escape(value)):
                            return None
                        mark = event.start_mark
                        key_lines[frame[1] + (value,)] = (mark.line + 1, mark.column + 1)
                        frame[2] = value
                        continue
                    where = frame[1] + (key,)
                    frame[2] = None
                else:
                    key = len(parent)
                    where = frame[1] + (key,)
            else:
                documents += 1
                if documents > 1:
                    return None
                parent, key, where = None, None, ()
            if len(where) >= MAX_DEPTH:
                return None
            mark = event.start_mark
            lines[where] = (mark.line + 1, mark.column + 1)
            if kind is scalar:
                value = event.value
                if not event.style and any(flows) and _FLOW_PLAIN_DIFFERS.search(value):
                    return None  # libyaml takes '-?' or 'a:b' in [...]; PyYAML refuses them
                if event.style in ("|", ">"):
                    if text_lines is None:
                        text_lines = raw.split("\n")
                    if not _block_header_ok(text_lines, event.start_mark):
                        return None
                if not event.style and value in NULLS:
                    if not value:  # an empty value: libyaml marks it elsewhere than PyYAML
                        return None
                    value = None
                elif len(value) > MAX_SCALAR_CHARS or (
                    not value.isprintable() and _bad_escape(value)
                ):
                    return None
                child: Any = value
            else:
                child = {} if kind is map_start else []
                stack.append([child, where, None])
                flows.append(bool(event.flow_style))
            if parent is None:
                root = child
            elif type(parent) is dict:
                parent[key] = child
            else:
                parent.append(child)
        elif kind in ends:
            stack.pop()
            flows.pop()
        elif kind is yaml.StreamEndEvent:
            return root, lines, key_lines
        elif kind is yaml.AliasEvent:
            return None
        # stream start, document start and end: nothing to do


def _read(path: Path, lang: str) -> tuple[str | None, list[Diagnostic]]:
    where = Location(str(path), 0, 0, lang=lang)
    try:
        data = read_limited(path, MAX_FILE_BYTES)
    except TooLarge as exc:
        msg = f"file is {exc.size:,} bytes; the limit is {MAX_FILE_BYTES:,}: split the document"
        return None, [error("limit", msg, where)]
    except SpecialFile as exc:
        msg = f"this is {exc.kind}, not a file; save the content as a regular file"
        return None, [error("unsafe-path", msg, where)]
    except FileNotFoundError:
        return None, [error("missing-file", "file not found", where)]
    except OSError as exc:
        return None, [error("missing-file", f"cannot read file: {exc.strerror}", where)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_not_utf8(path, data, exc.start, lang)]
    if "\x00" in text and guess_encoding(data):  # UTF-16 can be valid UTF-8, with NULs
        return None, [_not_utf8(path, data, data.index(b"\x00"), lang)]
    return text.removeprefix("\ufeff"), []


def _not_utf8(path: Path, data: bytes, start: int, lang: str) -> Diagnostic:
    """The ``encoding`` error: which encoding the file looks like, at the first bad byte."""
    msg, at = not_utf8_message(data, start)
    line = data[:at].count(b"\n") + 1
    col = at - (data.rfind(b"\n", 0, at) + 1) + 1
    return error("encoding", msg, Location(str(path), line, col, lang=lang))


def _scan_text(path: Path, text: str, lang: str) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    for lineno, line in enumerate(text.split("\n"), 1):
        if line.isprintable():  # fast path: no tab, control, separator or unassigned character
            continue
        for col, ch in enumerate(line, 1):
            if ch == "\t":
                msg = "tab character; YAML needs spaces for indentation (use spaces)"
            elif ch == "\r":
                continue
            else:
                msg = _bad_char(ch)
                if not msg:
                    continue
            diags.append(error("yaml-syntax", msg, Location(str(path), lineno, col, lang=lang)))
            break
    return diags


def _bad_char(ch: str) -> str:
    """Why ``ch`` may not appear in content ('' when it may)."""
    category = unicodedata.category(ch)
    if category == "Cc":
        return f"control character U+{ord(ch):04X} is not allowed; delete it"
    if category == "Cs":
        return f"unpaired surrogate U+{ord(ch):04X} is not allowed; delete it"
    if ch in "\u2028\u2029\ufffe\uffff":
        return f"character U+{ord(ch):04X} is not allowed; delete it"
    return ""


def _bad_escape(value: str) -> str:
    """Why an (escaped) scalar value may not be used; tabs and line breaks are fine there."""
    if value.isprintable():
        return ""
    for ch in value:
        if ch not in "\t\n\r":
            msg = _bad_char(ch)
            if msg:
                return msg.replace("; delete it", " (written as an escape); delete it")
    return ""


def _at(path: Path, mark: Any, code: str, msg: str, lang: str) -> Diagnostic:
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return error(code, msg, Location(str(path), line, col, lang=lang))


_FULLWIDTH_KEY = re.compile(r"^(\s*(?:- )?)([A-Za-z0-9_-]+)\s*\uff1a")


class _Mark:
    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column


def _yaml_place(exc: yaml.MarkedYAMLError, raw: str) -> tuple[Any, str]:
    """Where the mistake is, and what to say. PyYAML finds an unclosed quote only at the end
    of the file and a key without its ':' on a later line: the mistake is where the scan
    started (the opening quote, the key), so that is the place reported."""
    context = exc.context or ""
    start = exc.context_mark
    if start is not None and context == "while scanning a quoted scalar":
        quote = raw[start.index] if start.index < len(raw) else '"'
        return start, (
            f"the value starting with {quote} here is never closed; add the closing {quote}"
            " at its end, or remove this one"
        )
    problem = exc.problem_mark or start
    lines = raw.splitlines()
    if problem is not None:  # a key typed with a full-width colon: 'note：' is not a key
        for n in range(min(problem.line, len(lines) - 1), max(problem.line - 3, -1), -1):
            typo = _FULLWIDTH_KEY.match(lines[n])
            if typo:
                return _Mark(n, typo.start(2)), (
                    f"'{typo.group(2)}' is followed by a full-width colon '\uff1a';"
                    " a key needs the ASCII colon ':' and a space"
                )
    if start is not None and context == "while scanning a simple key":
        return start, _yaml_message(exc)
    return exc.problem_mark or start, _yaml_message(exc)


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    msg = f"{context}: {problem}" if context and problem else (problem or context or "syntax error")
    return f"{msg} (check indentation, and quote values that contain ': ' or start with a symbol)"


class _Builder:
    def __init__(self, src: Source) -> None:
        self.src = src
        self.diags: list[Diagnostic] = []

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.src.lines[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if len(path) > MAX_DEPTH:
            self._err(node, "limit", DEPTH_MESSAGE)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                self._err(knode, "yaml-syntax", "keys must be plain words")
                continue
            key = knode.value
            bad = _bad_escape(key)
            if bad:
                self._err(knode, "yaml-syntax", bad)
                continue
            if key in out:
                first = self.src.key_lines[path + (key,)][0]
                self._err(knode, "yaml-syntax", f"duplicate key '{key}' (first at line {first})")
                continue
            self.src.key_lines[path + (key,)] = (
                knode.start_mark.line + 1,
                knode.start_mark.column + 1,
            )
            out[key] = self.build(vnode, path + (key,))
        return out

    def _scalar(self, node: yaml.ScalarNode) -> str | None:
        if node.style is None and node.value in NULLS:
            return None
        bad = _bad_escape(node.value)
        if bad:
            self._err(node, "yaml-syntax", bad)
            return None
        if len(node.value) > MAX_SCALAR_CHARS:
            msg = f"value is {len(node.value):,} characters; the limit is {MAX_SCALAR_CHARS:,}"
            self._err(node, "limit", msg + ": split it into paragraphs")
        return node.value

    def _err(self, node: yaml.Node, code: str, msg: str) -> None:
        self.diags.append(_at(self.src.path, node.start_mark, code, msg, self.src.lang))
