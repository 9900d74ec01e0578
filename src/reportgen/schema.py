"""Validate loaded content against the project's JSON Schemas.

The same schema files serve the editor (``# yaml-language-server: $schema=...``)
and this validator, which implements the subset they use: ``type`` (object,
array, string, integer, boolean), ``properties``, ``required``,
``additionalProperties``, ``minProperties``, ``items``, ``minItems``, ``maxItems``, ``minLength``,
``enum``, ``pattern``, ``format`` (date, time) and local ``$ref``.
Values arrive as strings (see :mod:`loader`); validation converts them to the
type the schema names and reports every problem with its location.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Location, error, warning
from .errors import ContentError
from .loader import KeyPath, Source, key_str

# what to write instead, by (expected kind, found a scalar?)
_WRONG_HINTS = {
    ("array", True): "; write it as a list: [{value}]",
    ("string", False): (
        "; text that starts with [ or {{ must be in quotes, or YAML reads a list or mapping"
    ),
}
_TYPE_NAMES = {
    "object": "a mapping of keys",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "boolean": "true or false",
}


def load_schema(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        where = Location(str(path))
        raise ContentError(
            diagnostics=[error("missing-file", "schema file not found", where)]
        ) from exc
    except json.JSONDecodeError as exc:
        where = Location(str(path), exc.lineno, exc.colno)
        diag = error("config", f"schema is not valid JSON: {exc.msg}", where)
        raise ContentError(diagnostics=[diag]) from exc


def validate(src: Source, schema: dict[str, Any]) -> tuple[Any, list[Diagnostic]]:
    """Return (typed data, diagnostics) for ``src`` checked against ``schema``."""
    v = _Validator(src, schema)
    data = v.check(src.data, schema, ())
    return data, v.diags


class _Validator:
    def __init__(self, src: Source, root: dict[str, Any]) -> None:
        self.src = src
        self.root = root
        self.diags: list[Diagnostic] = []

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            ref = schema["$ref"]
            node: Any = self.root
            for part in ref.removeprefix("#/").split("/"):
                node = node[part]
            schema = node
        return schema

    def fail(self, path: KeyPath, msg: str, *, of_key: bool = False) -> None:
        self.diags.append(error("schema", msg, self.src.loc(path, of_key=of_key)))

    def check(self, value: Any, schema: dict[str, Any], path: KeyPath) -> Any:
        schema = self.resolve(schema)
        kind = schema.get("type", "string")
        if value is None:
            what = schema.get("description", _TYPE_NAMES.get(kind, kind))
            self.fail(path, f"'{_name(path)}' is empty; write {what}")
            return None
        handler = getattr(self, f"_{kind}")
        return handler(value, schema, path)

    def _object(self, value: Any, schema: dict[str, Any], path: KeyPath) -> Any:
        if not isinstance(value, dict):
            return self._wrong(value, "object", path)
        props: dict[str, Any] = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        out: dict[str, Any] = {}
        # "did you mean" is for a typo or two, not for thousands of unknown keys
        guess = extra is not False or sum(k not in props for k in value) <= _GUESS_LIMIT
        for key, item in value.items():
            if key in props:
                out[key] = self.check(item, props[key], path + (key,))
            elif isinstance(extra, dict):
                out[key] = self._keyed(key, item, extra, schema, path)
            elif extra is False:
                msg = _unknown(key, props, path, guess)
                if item is None:  # {name: Mr A, SBS, JP}: each comma started a key
                    msg += _COMMA_HINT.format(key=key)
                self.fail(path + (key,), msg, of_key=True)
            else:
                out[key] = item
        for key in schema.get("required", []):
            if key not in value:
                where = f" under '{_name(path)}'" if path else ""
                self.fail(path, f"missing key '{key}'{where}; add it", of_key=bool(path))
        lo = schema.get("minProperties")
        if lo is not None and len(value) < lo and path:
            msg = f"'{_name(path)}' needs at least {lo} item(s), has {len(value)}; add one"
            self.fail(path, msg, of_key=True)
        start, end = out.get("start"), out.get("end")
        if isinstance(start, dt.time) and isinstance(end, dt.time) and end < start:
            msg = (  # a warning: an overnight flight does end "before" it starts
                f"'{_name(path)}' ends at {end:%H:%M}, before it starts at {start:%H:%M};"
                " check the times"
            )
            self.diags.append(warning("schema", msg, self.src.loc(path + ("end",))))
        return out

    def _keyed(self, key: str, item: Any, extra: dict, schema: dict, path: KeyPath) -> Any:
        pattern = schema.get("propertyNames", {}).get("pattern")
        if pattern and not re.fullmatch(pattern, key):
            msg = f"id '{key}' should be lower-case words joined by hyphens, like 'carrie-lam'"
            self.fail(path + (key,), msg, of_key=True)
        return self.check(item, extra, path + (key,))

    def _array(self, value: Any, schema: dict[str, Any], path: KeyPath) -> Any:
        if not isinstance(value, list):
            return self._wrong(value, "array", path)
        lo, hi = schema.get("minItems"), schema.get("maxItems")
        if lo is not None and len(value) < lo:
            self.fail(path, f"'{_name(path)}' needs at least {lo} item(s), has {len(value)}")
        if hi is not None and len(value) > hi:
            self.fail(path, f"'{_name(path)}' allows at most {hi} item(s), has {len(value)}")
        items = schema.get("items", {})
        return [self.check(v, items, path + (i,)) for i, v in enumerate(value)]

    def _string(self, value: Any, schema: dict[str, Any], path: KeyPath) -> Any:
        if not isinstance(value, str):
            return self._wrong(value, "string", path)
        if len(value.strip()) < schema.get("minLength", 1):
            self.fail(path, f"'{_name(path)}' is empty; write the text")
        if "enum" in schema and value not in schema["enum"]:
            choices = ", ".join(schema["enum"])
            self.fail(path, f"'{value}' is not one of: {choices}")
        fmt = schema.get("format")
        if fmt in _FORMATS:
            return _FORMATS[fmt](self, value, path)
        if "pattern" in schema and not re.fullmatch(schema["pattern"], value):
            hint = schema.get("description", f"text matching {schema['pattern']}")
            self.fail(path, f"'{value}' is not valid here; write {hint}")
        return value

    def _integer(self, value: Any, schema: dict[str, Any], path: KeyPath) -> Any:
        if not isinstance(value, str) or not re.fullmatch(r"-?\d{1,9}", value.strip()):
            return self._wrong(value, "integer", path)
        number = int(value)
        if number < schema.get("minimum", -(10**9)):
            self.fail(path, f"{number} is too small; the least allowed is {schema['minimum']}")
        return number

    def _boolean(self, value: Any, schema: dict[str, Any], path: KeyPath) -> Any:
        if value not in ("true", "false"):
            return self._wrong(value, "boolean", path)
        return value == "true"

    def _wrong(self, value: Any, kind: str, path: KeyPath) -> None:
        found = (
            "a mapping"
            if isinstance(value, dict)
            else "a list"
            if isinstance(value, list)
            else f"'{value}'"
        )
        msg = f"'{_name(path)}' should be {_TYPE_NAMES[kind]}, found {found}"
        self.fail(path, msg + _WRONG_HINTS.get((kind, found[0] == "'"), "").format(value=value))
        return None


def _date(v: _Validator, value: str, path: KeyPath) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        v.fail(path, f'\'{value}\' is not a date; write it as "YYYY-MM-DD", e.g. "2021-09-23"')
        return None


def _time(v: _Validator, value: str, path: KeyPath) -> dt.time | None:
    if re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        return dt.time.fromisoformat(value)
    v.fail(path, f'\'{value}\' is not a time; write it as "HH:MM" (24-hour), e.g. "09:30"')
    return None


_COMMA_HINT = (
    "; if it is part of the text before it, a comma inside {{…}} ended that text: "
    'put the whole text in quotes ("…, {key}")'
)
_GUESS_LIMIT = 64  # unknown keys in one mapping beyond which no guesses are made
_FORMATS = {"date": _date, "time": _time}


def _name(path: KeyPath) -> str:
    return key_str(path) or "(top level)"


def _unknown(key: str, props: dict[str, Any], path: KeyPath, guess_: bool = True) -> str:
    where = f" under '{_name(path)}'" if path else ""
    guess = difflib.get_close_matches(key, list(props), n=1) if guess_ else []
    hint = f"did you mean '{guess[0]}'?" if guess else f"allowed: {', '.join(props)}"
    return f"unknown key '{key}'{where}; {hint}"
