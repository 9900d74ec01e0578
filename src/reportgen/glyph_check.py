"""No blank glyphs, ever: every string that reaches a page, against the faces that draw it.

Content values are checked in :mod:`reportgen.check` (in every style). Here: damaged font
files (refused with the file named, :mod:`reportgen.font_check`); the strings of
``reportgen.yaml`` that are printed (classification markings, attachment titles, the
project name), an attached PDF's own ``/Title`` when the pack lists it, reportgen's own
words (messages, numerals): each against every configured face, in every style (a
marking printed in bold by a bold face without Chinese would be blank).
"""

from __future__ import annotations

from collections.abc import Iterable

from .diagnostics import Diagnostic, Location, error
from .font_check import font_problem
from .fonts import FontRegistry
from .messages import MESSAGES
from .project import Project
from .resources import font_path

Text = tuple[str, Location, str]  # (text, where it comes from, what it is)
_NUMERALS = "〇一二三四五六七八九十百千零兩"


def font_diagnostics(project: Project) -> list[Diagnostic]:
    """An error per configured font file that is damaged."""
    out: list[Diagnostic] = []
    for role, styles in (project.config.get("fonts") or {}).items():
        for style, rel in (styles or {}).items():
            try:
                problem = font_problem(font_path(project.root, rel))  # as the registry finds it
            except OSError:
                continue  # missing: reported by the configuration check
            if problem:
                msg = f"'{rel}' is damaged ({problem}); replace it with a good copy of the font"
                out.append(error("config", msg, project.config_loc(("fonts", role, style))))
    return out


def page_strings(project: Project, attachment_titles: Iterable[Text] = ()) -> list[Text]:
    """Strings from reportgen.yaml and reportgen itself that reach a page."""
    config = project.config
    out: list[Text] = []
    if config.get("name"):
        out.append((str(config["name"]), project.config_loc(("name",)), "the project name"))
    hans = any("zh-Hans" in d.editions for d in project.documents.values())
    for level, marks in (config.get("classification") or {}).items():
        for lang, mark in (marks or {}).items():
            where = project.config_loc(("classification", level, lang))
            out.append((str(mark), where, f"the {level} marking"))
        if hans and (marks or {}).get("zh"):
            where = project.config_loc(("classification", level, "zh"))
            out.append((project.classification(level, "zh-Hans"), where, f"the {level} marking"))
    for name, doc in project.documents.items():
        for i, part in enumerate(doc.parts):
            for lang, title in (part.get("title") or {}).items():
                where = project.config_loc(("documents", name, "parts", i, "title", lang))
                out.append((str(title), where, "the attachment title"))
    out += attachment_titles
    fonts_at = project.config_loc(("fonts",))
    for lang, words in MESSAGES.items():
        text = " ".join(words.values()) + (_NUMERALS if lang.startswith("zh") else "0123456789")
        out.append((text, fonts_at, f"reportgen's own words ({lang})"))
    return out


def string_diagnostics(registry: FontRegistry, texts: Iterable[Text]) -> list[Diagnostic]:
    """``missing-glyph`` for characters of ``texts`` no configured face can draw, and for
    characters the face of some style cannot (the markings and titles print in bold)."""
    out: list[Diagnostic] = []
    for text, where, what in texts:
        missing = registry.missing(text)
        if missing:
            msg = f"{what} has {_shown(missing)}, which no configured font can draw; "
            out.append(
                error("missing-glyph", msg + "change the text or add a font that has it", where)
            )
            continue
        gaps = registry.style_gaps(text)
        if gaps:
            chars = list(dict.fromkeys(ch for found in gaps.values() for ch in found))
            msg = (
                f"{what} has {_shown(chars)}, which the face for {', '.join(gaps)} text "
                "cannot draw (it would print blank); configure a face for that style that "
                "has it under 'fonts:'"
            )
            out.append(error("missing-glyph", msg, where))
    return out


def _shown(chars: list[str]) -> str:
    shown = ", ".join(f"U+{ord(ch):04X} '{ch}'" for ch in chars[:6])
    return shown + (f" and {len(chars) - 6} more" if len(chars) > 6 else "")
