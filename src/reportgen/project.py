"""The project: its configuration file (``reportgen.yaml``) and where things live."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Location, error
from .errors import ContentError
from .loader import Source, load_yaml
from .schema import validate

CONFIG_NAME = "reportgen.yaml"
EDITIONS = ("en", "zh", "bilingual", "zh-Hans")
LANG_WORDS = {"en": "English", "zh": "Chinese"}
EDITION_LANGUAGES = {"en": ("en",), "zh": ("zh",), "zh-Hans": ("zh",), "bilingual": ("en", "zh")}
FORMATS = ("pdf", "docx")
PDF_STANDARDS = ("PDF/A-2u", "PDF/A-2b", "PDF/A-1b", "none")  # writers/pdf_archive.py
_ID = "[a-z0-9]+(-[a-z0-9]+)*"
_TEXT = {"type": "string"}
_LANGS = {
    "type": "object",
    "properties": {"en": _TEXT, "zh": _TEXT},
    "required": ["en", "zh"],
    "additionalProperties": False,
}
_FACES = {
    "type": "object",
    "properties": {
        s: {"type": "string", "description": "a font file path inside the project"}
        for s in ("regular", "bold", "italic", "bold-italic")
    },
    "required": ["regular"],
    "additionalProperties": False,
}
_PART = {
    "type": "object",
    "properties": {
        "document": {"type": "string", "pattern": _ID},
        "edition": _TEXT,
        "pdf": {"type": "string", "description": "a PDF file path inside the project"},
        "label": {"type": "integer", "minimum": 1, "description": "the annex number"},
        "title": {
            "type": "object",
            "properties": {"en": _TEXT, "zh": _TEXT},
            "additionalProperties": False,
            "description": "an attached PDF's title in the list of annexes",
        },
    },
    "additionalProperties": False,
}
_DOC = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["briefing-pack", "memorandum", "annex-pack"]},
        "template": {"type": "string", "description": "a template file name in templates/"},
        "editions": {
            "type": "array",
            "items": {"type": "string", "enum": list(EDITIONS)},
            "minItems": 1,
        },
        "formats": {
            "type": "array",
            "items": {"type": "string", "enum": list(FORMATS)},
            "minItems": 1,
        },
        "authoritative": {"type": "string", "enum": ["en", "zh"]},
        "translation": {"type": "string", "enum": ["official", "unofficial", "none"]},
        "parts": {"type": "array", "items": _PART, "minItems": 1},
        "cover": {
            "type": "string",
            "pattern": _ID,
            "description": "the document whose cover texts the pack uses",
        },
    },
    "required": ["type"],
    "additionalProperties": False,
}
CONFIG_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "name": _TEXT,
        "author": _TEXT,
        "classification": {"type": "object", "additionalProperties": _LANGS},
        "fonts": {
            "type": "object",
            "properties": {"latin": _FACES, "cjk": _FACES, "cjk-hans": _FACES},
            "required": ["latin", "cjk"],
            "additionalProperties": False,
        },
        "documents": {
            "type": "object",
            "propertyNames": {"pattern": _ID},
            "additionalProperties": _DOC,
        },
        "glossary": _TEXT,
        "overrides": _TEXT,
        "pdf": {
            "type": "object",
            "properties": {
                "standard": {
                    "type": "string",
                    "enum": list(PDF_STANDARDS),
                    "description": "PDF/A level of every PDF (default PDF/A-2u; none: plain PDF)",
                },
                "tagged": {
                    "type": "boolean",
                    "description": "tagged PDF: structure tree, reading order (default true)",
                },
            },
            "additionalProperties": False,
        },
    },
    "required": ["fonts", "documents"],
    "additionalProperties": False,
}


@dataclass
class DocumentConfig:
    """One document of reportgen.yaml."""

    name: str
    type: str
    template: str
    editions: list[str]
    formats: list[str]
    authoritative: str = "en"
    translation: str = "official"
    parts: list[dict[str, Any]] = field(default_factory=list)
    cover: str = ""
    line: int = 0

    def languages(self) -> tuple[str, ...]:
        """Languages the content exists in (a Chinese-only annex with no translation: zh)."""
        if self.type == "annex-pack":
            return ()
        if self.translation == "none":
            return (self.authoritative,)
        return ("en", "zh")


@dataclass
class Project:
    """A loaded project: its folder, reportgen.yaml and documents."""

    root: Path
    config: dict[str, Any]
    documents: dict[str, DocumentConfig]
    source: Source | None = None  # the loaded reportgen.yaml: locations of its keys

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    def config_loc(self, key: tuple[str | int, ...], line: int = 0) -> Location:
        """Where ``key`` is in reportgen.yaml (``line``, or the file, if not loaded from it)."""
        if self.source is not None:
            return self.source.loc(key)
        return Location(str(self.config_path), line, 1 if line else 0)

    def content_path(self, lang: str, doc: str) -> Path:
        return self.root / "content" / lang / f"{doc}.yaml"

    def facts_path(self, doc: str) -> Path:
        return self.root / "content" / "facts" / f"{doc}.yaml"

    def schema_path(self, doc_type: str, part: str) -> Path:
        return self.root / "schema" / f"{doc_type}.{part}.schema.json"

    def classification(self, level: str, lang: str) -> str:
        """The marking for ``level`` in ``lang`` (an edition: en, zh, zh-Hans)."""
        table = self.config.get("classification") or {}
        marking = (table.get(level) or {}).get("en" if lang == "en" else "zh")
        if marking is None:
            return level.upper() if lang == "en" else level
        if lang == "zh-Hans":
            from .hans import to_simplified

            return str(
                to_simplified(
                    marking,
                    self.root / self.config["overrides"] if self.config.get("overrides") else None,
                )
            )
        return str(marking)


def _no_project(root: Path, path: Path) -> Diagnostic:
    """The one problem of a folder that is not a project: what it is, and what to run."""
    hint = "run 'reportgen init DIR' to start a project, or give the project's folder"
    if root == Path.cwd().resolve():
        what = f"no {CONFIG_NAME} in this folder, so it is not a reportgen project"
    elif not root.exists():
        what = f"the folder {root} does not exist"
    else:
        what = f"no {CONFIG_NAME} in {root}, so it is not a reportgen project"
    return error("missing-file", f"{what}; {hint}", Location(str(path)))


def load_project(root: Path) -> Project:
    """Load and check ``root/reportgen.yaml``; raise :class:`ContentError` with every problem."""
    root = root.resolve()
    path = root / CONFIG_NAME
    if not path.is_file():
        raise ContentError(diagnostics=[_no_project(root, path)])
    src, diags = load_yaml(path)
    if src is None:
        raise ContentError(diagnostics=diags)
    data, diags = validate(src, CONFIG_SCHEMA)
    diags += _check_paths(root, src, data or {})
    diags += _check_editions(src, data or {})
    if diags:
        raise ContentError(diagnostics=[_as_config(d) for d in diags])
    docs = {
        name: _document(name, spec, src.key_lines.get(("documents", name), (0, 0))[0])
        for name, spec in data["documents"].items()
    }
    return Project(root, data, docs, src)


def _as_config(d: Diagnostic) -> Diagnostic:
    return d if d.code != "schema" else Diagnostic(d.severity, "config", d.message, d.location)


def _document(name: str, spec: dict[str, Any], line: int) -> DocumentConfig:
    kind = spec["type"]
    return DocumentConfig(
        name=name,
        type=kind,
        template=spec.get("template") or f"{kind}.xml.j2",
        editions=spec.get("editions") or _default_editions(spec),
        formats=spec.get("formats") or (["pdf"] if kind == "annex-pack" else list(FORMATS)),
        authoritative=spec.get("authoritative", "en"),
        translation=spec.get("translation", "official"),
        parts=spec.get("parts") or [],
        cover=spec.get("cover", ""),
        line=line,
    )


def _default_editions(spec: dict[str, Any]) -> list[str]:
    if spec["type"] == "annex-pack":
        return ["en"]
    if spec.get("translation") == "none":
        return [spec.get("authoritative", "en")]
    return ["en", "zh", "bilingual"]


def _check_editions(src: Any, data: dict[str, Any]) -> list[Diagnostic]:
    """A document with ``translation: none`` exists in one language: no edition may need
    the other (the error points at the editions line)."""
    diags: list[Diagnostic] = []
    for name, spec in (data.get("documents") or {}).items():
        if not spec or spec.get("translation") != "none" or spec.get("type") == "annex-pack":
            continue
        lang = spec.get("authoritative", "en")
        for i, edition in enumerate(spec.get("editions") or []):
            if (
                edition in EDITION_LANGUAGES
                and lang not in EDITION_LANGUAGES[edition]
                or (edition == "bilingual")
            ):
                msg = (
                    f"document '{name}' has 'translation: none' (only {LANG_WORDS[lang]} "
                    f"text), so it cannot have the '{edition}' edition; remove the edition "
                    "or set 'translation: official' or 'unofficial'"
                )
                diags.append(error("config", msg, src.loc(("documents", name, "editions", i))))
    return diags


def _check_paths(root: Path, src: Any, data: dict[str, Any]) -> list[Diagnostic]:
    from .paths import resolve_inside
    from .resources import installed_font, uses_installed

    diags: list[Diagnostic] = []
    for role, styles in (data.get("fonts") or {}).items():
        for style, rel in (styles or {}).items():
            if not rel:
                continue
            where = src.loc(("fonts", role, style))
            installed = installed_font(rel) if uses_installed(root, rel) else None
            if installed is not None:  # fonts/NAME not in the project: reportgen's own
                diags += resolve_inside(installed.parent, installed.name, where, kind="font")[1]
            else:
                diags += resolve_inside(root, rel, where, kind="font")[1]
    for name, spec in (data.get("documents") or {}).items():
        diags += _check_template(root, src, name, (spec or {}).get("template"))
        for i, part in enumerate((spec or {}).get("parts") or []):
            if part and part.get("pdf"):
                where = src.loc(("documents", name, "parts", i, "pdf"))
                diags += resolve_inside(root, part["pdf"], where, kind="pdf")[1]
    return diags


def _check_template(root: Path, src: Any, doc: str, name: str | None) -> list[Diagnostic]:
    """A ``template:`` names a file inside templates/ (checked before anything opens it)."""
    from .template_files import TemplateRefusal, locate

    if not name:
        return []
    try:
        locate(root / "templates", name)
    except TemplateRefusal as exc:
        return [error("unsafe-path", str(exc), src.loc(("documents", doc, "template")))]
    return []
