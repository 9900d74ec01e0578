"""Compose the document model for one document and edition.

en / zh / zh-Hans render the document's template once. The bilingual edition
renders it in English and in Chinese and pairs the two block lists one to one:
English left, Chinese right, aligned block by block.
"""

from __future__ import annotations

from typing import Any

import jinja2

from . import model as m
from .content import DocContent
from .diagnostics import Location, error
from .errors import ContentError
from .formatting import LANG_TAGS
from .messages import messages
from .templating import render

EDITION_LANGS = {"en": ("en",), "zh": ("zh",), "zh-Hans": ("zh-Hans",), "bilingual": ("en", "zh")}
_SINGLE = (m.PageBreak, m.Spacer)


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
    ctx = dict(context, facts=content.facts, doc=content.doc)
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
    """Pair English and Chinese blocks one to one into side-by-side rows."""
    if [type(b) for b in left] != [type(b) for b in right]:
        msg = (
            f"the English and Chinese renderings of '{content.doc.name}' differ in structure "
            f"({len(left)} vs {len(right)} blocks); run 'reportgen check' for missing keys"
        )
        raise ContentError(diagnostics=[error("template", msg, Location(content.doc.template))])
    out: list[m.Block] = []
    for en, zh in zip(left, right, strict=True):
        if isinstance(en, _SINGLE):
            out.append(en)
        elif isinstance(en, m.Toc):
            out.append(m.Toc(f"{en.title} {zh.title}", en.lang, en.depth))  # type: ignore[union-attr]
        elif isinstance(en, m.Paragraph) and en.style.startswith(("cover", "classification")):
            out += [en, zh]
        else:
            _add_row(out, en, zh)
    return out


def _add_row(out: list[m.Block], en: m.Block, zh: m.Block) -> None:
    if isinstance(en, m.Heading) and isinstance(zh, m.Heading):
        en.bookmark = f"{en.bookmark or en.text}  {zh.bookmark or zh.text}"
        zh.toc = False
    if out and isinstance(out[-1], m.Parallel):
        out[-1].rows.append(([en], [zh]))
    else:
        out.append(m.Parallel([([en], [zh])], ("en", "zh-Hant-HK")))
