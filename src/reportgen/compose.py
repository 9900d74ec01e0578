"""Compose the document model for one document and edition.

en / zh / zh-Hans render the document's template once. The bilingual edition
renders it in English and in Chinese and aligns the two renderings by content key
(:mod:`reportgen.align`): English left, Chinese right, pair by pair.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import jinja2

from . import model as m
from .align import AlignError, bilingual, key_path
from .content import DocContent
from .diagnostics import Location, error
from .errors import ContentError
from .formatting import LANG_TAGS
from .messages import messages
from .template_data import template_context
from .templating import render

__all__ = ["EDITION_LANGS", "compose", "pair", "template_context"]

EDITION_LANGS = {"en": ("en",), "zh": ("zh",), "zh-Hans": ("zh-Hans",), "bilingual": ("en", "zh")}


def compose(
    env: jinja2.Environment, content: DocContent, edition: str, context: dict[str, Any]
) -> m.Document:
    langs = EDITION_LANGS[edition]
    rendered = [_render(env, content, lang, context) for lang in langs]
    attrs = rendered[0][0]
    if len(rendered) == 1:
        blocks = rendered[0][1]
        title = attrs.get("title", content.doc.name)
    else:
        blocks = pair(rendered[0][1], rendered[1][1], content)
        title = f"{attrs.get('title', '')} / {rendered[1][0].get('title', '')}"
    page = _page(attrs, rendered, langs)
    return m.Document(
        name=content.doc.name,
        edition=edition,
        lang=LANG_TAGS.get(langs[-1] if edition != "bilingual" else "en", "en-HK"),
        title=title,
        blocks=blocks,
        page=page,
        subject=attrs.get("subject", ""),
        blank_page_text=" / ".join(messages(lang)["blank"] for lang in langs),
    )


def _render(
    env: jinja2.Environment, content: DocContent, lang: str, context: dict[str, Any]
) -> tuple[dict[str, str], list[m.Block]]:
    source_lang = "zh" if lang == "zh-Hans" else lang
    text = content.text.get(source_lang)
    if text is None:
        where = Location(str(content.doc.name))
        msg = f"document '{content.doc.name}' has no {source_lang} content; remove the edition"
        raise ContentError(diagnostics=[error("config", msg, where)])
    ctx = dict(context, facts=content.facts, doc=asdict(content.doc))  # data, not objects
    if lang == "zh-Hans":
        from .hans import to_simplified

        text = to_simplified(text, context.get("overrides"), context.get("glossary"))
        # the markings printed on every page come from reportgen.yaml, not the content
        ctx["classification"] = to_simplified(
            context.get("classification") or {}, context.get("overrides")
        )
    ctx["text"] = text
    return render(env, content.doc.template, ctx, lang)


def _page(attrs: dict[str, str], rendered: list, langs: tuple[str, ...]) -> m.Page:
    header_right = " / ".join(
        r[0].get("short-title", "") for r in rendered if r[0].get("short-title")
    )
    classification = " / ".join(r[0].get("classification", "") for r in rendered)
    return m.Page(
        header_left=classification.strip(" /"),
        header_right=header_right,
        footer={lang: messages(lang)["page"] for lang in langs},
    )


def pair(left: list[m.Block], right: list[m.Block], content: DocContent) -> list[m.Block]:
    """The aligned model of the English and Chinese renderings (see :mod:`reportgen.align`)."""
    try:
        return bilingual(left, right)
    except AlignError as exc:
        src = content.sources.get("zh") or content.sources.get("en")
        where = src.loc(key_path(exc.key)) if src else Location(content.doc.template)
        msg = f"the bilingual edition of '{content.doc.name}' cannot be aligned: {exc}"
        raise ContentError(diagnostics=[error("template", msg, where)]) from exc
