"""Templates decide structure: jinja2 renders content into markup, parsed into the model.

Content is text: it is passed to templates as data and escaped on output
(autoescape), never compiled as a template. The environment is sandboxed and
strict: a misspelt variable is an error, not an empty string.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import markup
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

_BUILTIN = Path(__file__).parent / "templates"


def environment(template_dir: Path) -> jinja2.Environment:
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(template_dir), str(_BUILTIN)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        paras=paragraphs,
        cn=chinese_numeral,
    )
    return env


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
    try:
        xml = env.get_template(template).render(ctx)
    except jinja2.TemplateNotFound as exc:
        where = Location(str(Path(env.loader.searchpath[0]) / template))  # type: ignore[union-attr]
        msg = (
            f"template '{exc.name}' not found; add it to templates/ "
            "or fix 'template:' in reportgen.yaml"
        )
        raise ContentError(diagnostics=[error("template", msg, where)]) from exc
    except jinja2.TemplateSyntaxError as exc:
        where = Location(exc.filename or template, exc.lineno or 0, 1)
        raise ContentError(diagnostics=[error("template", f"{exc.message}", where)]) from exc
    except (jinja2.UndefinedError, jinja2.exceptions.SecurityError, TypeError, KeyError) as exc:
        where = Location(_template_file(env, template), _template_line(exc), 1)
        raise ContentError(diagnostics=[error("template", f"{exc}", where)]) from exc
    try:
        return markup.parse(xml)
    except markup.MarkupError as exc:
        where = Location(_template_file(env, template))
        raise ContentError(diagnostics=[error("template", str(exc), where)]) from exc


def _template_file(env: jinja2.Environment, template: str) -> str:
    for folder in env.loader.searchpath:  # type: ignore[union-attr]
        path = Path(folder) / template
        if path.is_file():
            return str(path)
    return template


def _template_line(exc: BaseException) -> int:
    tb = exc.__traceback__
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
