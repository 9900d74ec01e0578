"""No blank glyphs, ever: every string that reaches a page, against the faces that draw it.

Content values are checked in :mod:`reportgen.check`. Here: damaged font files (refused
with the file named, :mod:`reportgen.font_check`); the strings of ``reportgen.yaml`` that
are printed (classification markings, attachment titles, the project name), an attached
PDF's own ``/Title`` when the pack lists it, reportgen's own words (messages, numerals);
and every style: a character the regular faces draw but a bold or italic face does not
would print blank in a heading, so it is an error at that face's line in reportgen.yaml.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote

from . import script
from .diagnostics import Diagnostic, Location, error, relative_path
from .font_check import font_problem
from .fonts import FontRegistry
from .messages import MESSAGES
from .project import Project

Text = tuple[str, Location, str]  # (text, where it comes from, what it is)
_NUMERALS = "〇一二三四五六七八九十百千零兩"


def font_diagnostics(project: Project) -> list[Diagnostic]:
    """An error per configured font file that is damaged."""
    out: list[Diagnostic] = []
    for role, styles in (project.config.get("fonts") or {}).items():
        for style, rel in (styles or {}).items():
            try:
                problem = font_problem(project.root / unquote(rel))
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
    """``missing-glyph`` for characters of ``texts`` no configured face can draw."""
    out: list[Diagnostic] = []
    for text, where, what in texts:
        missing = registry.missing(text)
        if missing:
            shown = ", ".join(f"U+{ord(ch):04X} '{ch}'" for ch in missing[:6])
            more = f" and {len(missing) - 6} more" if len(missing) > 6 else ""
            msg = (
                f"{what} has {shown}{more}, which no configured font can draw; "
                "change the text or add a font that has it"
            )
            out.append(error("missing-glyph", msg, where))
    return out


def style_diagnostics(
    project: Project, registry: FontRegistry, texts: Iterable[tuple[str, Callable[[], Location]]]
) -> list[Diagnostic]:
    """An error per bold/italic face that lacks characters the regular faces draw and the
    documents use: headings and emphasis would print them blank. ``texts`` pairs each
    string with a function giving its location (asked only when needed)."""
    gaps: dict[str, dict[str, Callable[[], Location]]] = {}  # face key -> char -> first use
    faces = {}
    for text, where in texts:
        for style, chars in registry.style_gaps(text).items():
            bold, italic = "bold" in style, "italic" in style
            for ch in chars:
                role = script.segment(ch)[0][1]
                face = registry.face(role, bold, italic)
                if registry.covers(face, ch):
                    continue  # another role's face draws it in this style
                faces[face.key] = face
                gaps.setdefault(face.key, {}).setdefault(ch, where)
    out: list[Diagnostic] = []
    for key, chars in gaps.items():
        face = faces[key]
        first, locate = next(iter(chars.items()))
        used = locate()
        rel = relative_path(used.path, str(Path.cwd()))
        where = Location(rel or used.path, used.line, used.column)
        rel = (project.config.get("fonts") or {}).get(face.role, {}).get(face.style, "")
        shown = rel or Path(face.path).name
        msg = (
            f"'{shown}' ({face.role} {face.style}) cannot draw {len(chars)} character(s) the "
            f"documents use, e.g. U+{ord(first):04X} '{first}' ({where}); {face.style} text "
            f"would print them blank: configure a {face.role} {face.style} face that has them"
        )
        at = project.config_loc(("fonts", face.role, face.style))
        out.append(error("missing-glyph", msg, at))
    return out
