"""Templates decide structure: jinja2 renders content into markup, parsed into the model.

Content is text: it is passed to templates as data and escaped on output
(autoescape), never compiled as a template. The environment is an immutable
sandbox and strict: a misspelt variable is an error, not an empty string.

Templates may come from another office, so they get data, never objects that can
reach files: the context holds only plain values (strings, numbers, booleans, dates,
lists, mappings) and the small formatting helper ``fmt`` (checked on every render,
:func:`check_plain`); templates are loaded from ``templates/`` only, symlinks refused
(:mod:`reportgen.template_files`; what they compile to is kept between runs,
:mod:`reportgen.template_cache`); the globals that are not needed (``cycler``,
``joiner``, ``lipsum``) are gone, and ``*``/``**`` cannot make huge values.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import markup, template_cache, template_files
from . import model as m
from .diagnostics import Location, error
from .errors import ContentError
from .formatting import (
    LANG_TAGS,
    chinese_numeral,
    format_date,
    format_number,
    format_time,
    ordinal_label,
)
from .messages import messages

MAX_RESULT = 1_000_000  # the longest string or list ``*`` may make; ``**`` exponents too
_PLAIN = (str, int, float, bool, type(None), dt.date, dt.time)
_UNUSED_GLOBALS = ("cycler", "joiner", "lipsum")


class ConfinedLoader(jinja2.BaseLoader):
    """Loads templates from one folder: names checked, symlinks refused, size-limited."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.searchpath = [str(folder)]

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = template_files.locate(self.folder, template)
        if path is None:
            raise jinja2.TemplateNotFound(template)
        source = template_files.read(path)
        stamp = _stamp(path)
        return source, str(path), lambda: _stamp(path) == stamp


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = os.lstat(path)
    except OSError:
        return (0, -1)
    return (st.st_mtime_ns, st.st_size)


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with ``*`` and ``**`` bounded (``'x' * 10**10``)."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError(f"exponent {right} is too large for a template")
        if operator == "*":
            sizes = [len(v) for v in (left, right) if isinstance(v, (str, list, tuple))]
            counts = [v for v in (left, right) if isinstance(v, int)]
            if sizes and counts and sizes[0] * max(counts[0], 0) > MAX_RESULT:
                raise SecurityError(f"repeating a value makes over {MAX_RESULT:,} items")
        return super().call_binop(context, operator, left, right)


class _Undefined(jinja2.StrictUndefined):
    """StrictUndefined whose message names the closest key of the content (a typo in a
    template, ``item.titel``, says "did you mean 'title'?")."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        message = super()._undefined_message
        obj, name = self._undefined_obj, self._undefined_name
        if isinstance(obj, dict) and isinstance(name, str):
            import difflib

            keys = [k for k in obj if isinstance(k, str)]
            close = difflib.get_close_matches(name, keys, n=1, cutoff=0.6)
            if close:
                return f"{message}: did you mean '{close[0]}'?"
            if keys:
                return f"{message} (it has {', '.join(repr(k) for k in sorted(keys)[:8])})"
        return message


def environment(template_dir: Path) -> jinja2.Environment:
    env = _Sandbox(
        loader=ConfinedLoader(template_dir),
        bytecode_cache=template_cache.CodeCache() if template_cache.folder() else None,
        autoescape=True,
        undefined=_Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    for name in _UNUSED_GLOBALS:
        env.globals.pop(name, None)
    env.filters.update(
        paras=paragraphs,
        cn=chinese_numeral,
    )
    return env


def check_plain(value: Any, where: str = "context", depth: int = 0) -> None:
    """Raise TypeError unless ``value`` is plain data (or the ``fmt`` helper)."""
    if isinstance(value, _PLAIN) or isinstance(value, Helpers):
        return
    if depth > 64:
        raise TypeError(f"template {where} is nested too deeply")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, (str, int)):
                raise TypeError(f"template {where} has a key of type {type(key).__name__}")
            check_plain(item, f"{where}.{key}", depth + 1)
        return
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            check_plain(item, f"{where}[{i}]", depth + 1)
        return
    raise TypeError(f"template {where} is a {type(value).__name__}, not plain data")


def paragraphs(text: str | None) -> list[str]:
    """Split a text value into paragraphs at blank lines."""
    if not text:
        return []
    chunks = [c.strip() for c in text.replace("\r\n", "\n").split("\n\n")]
    return [c for c in chunks if c]


class Helpers:
    """Language-aware helpers a template calls as ``fmt.date(...)`` etc."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.m = messages(lang)

    def date(self, value: dt.date) -> str:
        return format_date(value, self.lang)

    def time(self, value: dt.time) -> str:
        return format_time(value, self.lang)

    def number(self, value: float) -> str:
        return format_number(value, self.lang)

    def ordinal(self, n: int) -> str:
        return ordinal_label(n, self.lang)

    def annex(self, n: int) -> str:
        return self.m["annex"].format(n=ordinal_label(n, self.lang))

    def article(self, n: int) -> str:
        return self.m["article"].format(n=ordinal_label(n, self.lang))

    def enum(self, n: int) -> str:
        """Section numbering: "1. " / "一、"."""
        return self.m["enum"].format(n=ordinal_label(n, self.lang))

    def sub(self, a: int, b: int) -> str:
        """Sub-section numbering: "4.2 " / "（二）"."""
        return self.m["sub"].format(a=ordinal_label(a, self.lang), b=ordinal_label(b, self.lang))

    def msg(self, key: str, **kw: Any) -> str:
        return self.m[key].format(**kw)


def render(
    env: jinja2.Environment, template: str, context: dict[str, Any], lang: str
) -> tuple[dict[str, str], list[m.Block]]:
    """Render ``template`` for one language; return (document attributes, blocks)."""
    ctx = dict(context, lang=LANG_TAGS.get(lang, lang), fmt=Helpers(lang))
    check_plain(ctx)
    folder = Path(env.loader.searchpath[0])  # type: ignore[union-attr]
    try:
        xml = env.get_template(template).render(ctx)
    except template_files.TemplateRefusal as exc:
        where = Location(str(exc.path or folder))
        raise ContentError(diagnostics=[error("unsafe-path", str(exc), where)]) from exc
    except jinja2.TemplateNotFound as exc:
        where = Location(str(folder / template))
        msg = (
            f"template '{exc.name}' not found; add it to templates/ "
            "or fix 'template:' in reportgen.yaml"
        )
        raise ContentError(diagnostics=[error("template", msg, where)]) from exc
    except jinja2.TemplateSyntaxError as exc:
        where = Location(exc.filename or template, exc.lineno or 0, 1)
        raise ContentError(diagnostics=[error("template", f"{exc.message}", where)]) from exc
    except (
        jinja2.UndefinedError,
        SecurityError,
        TypeError,
        KeyError,
        AttributeError,
        ArithmeticError,
        ValueError,
        IndexError,
        RecursionError,
    ) as exc:
        where = Location(_template_file(env, template), _template_line(exc), 1)
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ContentError(diagnostics=[error("template", reason, where)]) from exc
    try:
        return markup.parse(xml)
    except markup.MarkupError as exc:
        where = Location(_template_file(env, template))
        raise ContentError(diagnostics=[error("template", str(exc), where)]) from exc


def _template_file(env: jinja2.Environment, template: str) -> str:
    folder = Path(env.loader.searchpath[0])  # type: ignore[union-attr]
    try:
        path = template_files.locate(folder, template)
    except template_files.TemplateRefusal:
        path = None
    return str(path) if path is not None else template


def _template_line(exc: BaseException) -> int:
    tb = exc.__traceback__
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
