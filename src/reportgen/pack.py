"""The annex pack: one PDF of all annexes, for duplex printing.

Layout: a cover (classification, "Annexes", the event from the cover document),
the list of annexes, then each annex. Every annex starts on a right-hand (odd)
page; where one would start on a left-hand page, a blank page marked "This page
is intentionally left blank" goes before it, and the pack ends on an even page.

Annexes the project generates are rendered by the PDF writer with footers that
name the annex ("Annex 2 – Page 3 of 5"). Existing PDFs named in the
configuration are merged as they are: their page objects are copied and a small
overlay page (footer and classification stamp) is merged on top with pypdf,
which keeps their content streams intact. Every page carries the classification.

With SOURCE_DATE_EPOCH (``src.epoch``) the pack is byte-identical between
builds: dates come from the epoch and the file identifier is a digest of the
inputs (pypdf would otherwise write none or a random one).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.errors import PdfReadError
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    FloatObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from . import __version__
from . import model as m
from .diagnostics import Location, error
from .errors import ContentError
from .formatting import LANG_TAGS, format_date
from .messages import messages
from .pack_check import PACK_EDITIONS, pack_diagnostics
from .paths import resolve_inside
from .sanitize import Refused, clean
from .templating import Helpers

if TYPE_CHECKING:
    from collections.abc import Callable

    from .content import DocContent
    from .fonts import FontRegistry
    from .jobs import Job
    from .project import DocumentConfig, Project
    from .writers.pdf_finish import PdfOptions
    from .writers.pdf_tags import Tagger

DEFAULT_LEVEL = "restricted"  # the memorandum template's default classification


@dataclass
class Part:
    """One annex of the pack, rendered or read, ready to merge."""

    number: int
    label: str  # in the pack's language: "Annex 2" / "附件二"
    title: str
    reader: PdfReader
    level: str  # classification level of the annex ("restricted")
    external: bool
    edition: str = ""  # the edition of a generated annex (zh for a Chinese-only annex)
    tags: Tagger | None = None  # a generated annex's structure tree (tagged PDF)

    @property
    def pages(self) -> int:
        return len(self.reader.pages)


@dataclass
class Stamp:
    """What an overlay or blank page shows; one page of the stamps PDF."""

    width: float
    height: float
    classification: str
    header_right: str = ""
    footer: str = ""
    blank: str = ""


@dataclass
class Pack:
    """Everything the pack is made of, in the pack's language."""

    lang: str  # pack edition: en, zh, zh-Hans
    title: str
    event: str
    classification: str
    front: PdfReader
    list_page: int  # 0-based page of the list of annexes in the front matter
    parts: list[Part]
    tags: Tagger | None = None  # the front matter's structure tree (tagged PDF)


@dataclass
class PackSources:
    """What an annex pack is made from (given by the renderer, which the pack does not
    import): the project, its checked documents, the fonts, the epoch, a function giving a
    part's document model (document, edition), and the template context."""

    project: Project
    documents: dict[str, DocContent]
    registry: FontRegistry
    epoch: int | None
    model: Callable[[str, str], m.Document]
    context: dict[str, Any]

    @property
    def pdf(self) -> PdfOptions:
        """The ``pdf:`` settings of reportgen.yaml (PDF/A level, tagging)."""
        from .writers.pdf_finish import options_for

        return options_for(self.project.config)


def build_pack(src: PackSources, job: Job) -> bytes:
    """Assemble the annex pack ``job.doc`` in ``job.edition``; return the PDF bytes."""
    spec = src.project.documents[job.doc]
    facts = {n: c.facts for n, c in src.documents.items()}
    problems = [d for d in pack_diagnostics(src.project, spec, facts) if d.is_error]
    if problems:
        raise ContentError(diagnostics=problems)
    lang = _pack_lang(src, spec, job.edition)
    parts = [_part(src, spec, part, lang, i) for i, part in enumerate(spec.parts)]
    _check_numbers(src, spec, parts)
    pack = _front_matter(src, spec, lang, parts)
    return _assemble(src, pack)


# --- configuration -------------------------------------------------------------------------------


def _refuse(
    src: PackSources, spec: DocumentConfig, message: str, where: Location | None = None
) -> ContentError:
    """A config error at ``where`` (default: the document's line in reportgen.yaml)."""
    where = where or Location(str(src.project.config_path), spec.line, 1)
    return ContentError(diagnostics=[error("config", message, where)])


def _part_location(src: PackSources, spec: DocumentConfig, index: int) -> Location:
    """The line of a part's ``pdf:`` in reportgen.yaml."""
    return src.project.config_loc(("documents", spec.name, "parts", index, "pdf"), spec.line)


def _pack_lang(src: PackSources, spec: DocumentConfig, edition: str) -> str:
    if edition not in PACK_EDITIONS:
        editions = ", ".join(PACK_EDITIONS)
        raise _refuse(
            src,
            spec,
            f"annex pack '{spec.name}' cannot have a {edition} edition "
            f"(one language per pack: {editions})",
        )
    if not spec.parts:
        raise _refuse(
            src, spec, f"annex pack '{spec.name}' has no parts; list its annexes under 'parts:'"
        )
    return edition


def _check_numbers(src: PackSources, spec: DocumentConfig, parts: list[Part]) -> None:
    seen: set[int] = set()
    for part in parts:
        if part.number in seen:
            raise _refuse(
                src,
                spec,
                f"annex pack '{spec.name}' has two annexes numbered "
                f"{part.number}; give each part its own label",
            )
        seen.add(part.number)


# --- parts ---------------------------------------------------------------------------------------


def _part(
    src: PackSources, spec: DocumentConfig, part: dict[str, Any], lang: str, index: int
) -> Part:
    if part.get("document"):
        return _document_part(src, spec, part, lang)
    if part.get("pdf"):
        return _pdf_part(src, spec, part, lang, _part_location(src, spec, index))
    raise _refuse(
        src,
        spec,
        f"part {index + 1} of annex pack '{spec.name}' names neither a document nor a pdf",
    )


def _document_part(src: PackSources, spec: DocumentConfig, part: dict[str, Any], lang: str) -> Part:
    name = part["document"]
    doc = src.project.documents.get(name)
    if doc is None or doc.type == "annex-pack" or name not in src.documents:
        raise _refuse(
            src,
            spec,
            f"annex pack '{spec.name}' names '{name}', which is not a document of this project",
        )
    edition = part.get("edition") or (lang if lang in doc.editions else doc.authoritative)
    if edition not in doc.editions:
        listed = ", ".join(doc.editions)
        raise _refuse(
            src,
            spec,
            f"annex pack '{spec.name}' wants the {edition} edition of "
            f"'{name}', which has only {listed}",
        )
    content = src.documents[name]
    number = _number(src, spec, part, content.facts.get("number"), name)
    label = Helpers(lang).annex(number)
    document = src.model(name, edition)
    document.page.footer = {lang: messages(lang)["annex_page"].replace("{label}", label)}
    document.page.footer_label = ""
    document.blank_page_text = messages(lang)["blank"]
    from .writers.pdf import write_pdf

    tags: list[Tagger] = []  # the pack writes one structure tree for all its parts
    data = write_pdf(document, src.registry, epoch=src.epoch, options=src.pdf, tags=tags)
    level = str(content.facts.get("classification") or DEFAULT_LEVEL)
    # a zh-Hans pack prints a memorandum without a zh-Hans edition in Traditional (its
    # signed text): its list entry and bookmark keep the title printed on its first page
    title_lang = "zh" if (lang, edition) == ("zh-Hans", "zh") else lang
    title = _doc_title(src, name, title_lang) or document.subject or document.title
    reader = PdfReader(io.BytesIO(data))
    return Part(number, label, title, reader, level, False, edition, tags[0] if tags else None)


def _number(
    src: PackSources, spec: DocumentConfig, part: dict[str, Any], facts_number: Any, name: str
) -> int:
    label = part.get("label")
    if facts_number is not None and label is not None and int(facts_number) != int(label):
        msg = (
            f"annex pack '{spec.name}' labels '{name}' as annex {label}, but its facts say "
            f"number {facts_number}; make them agree"
        )
        raise _refuse(src, spec, msg)
    number = facts_number if facts_number is not None else label
    if number is None:
        raise _refuse(
            src, spec, f"annex pack '{spec.name}': give '{name}' an annex number (label: N)"
        )
    return int(number)


def _doc_title(src: PackSources, name: str, lang: str) -> str:
    """The document's title in the pack's language if it has one, else its own language."""
    content = src.documents[name]
    text = _text_in(src, content.text, lang, content.doc.authoritative)
    title = text.get("title") or (text.get("cover") or {}).get("title") or ""
    return str(title)


def _text_in(src: PackSources, texts: dict[str, Any], lang: str, fallback: str) -> Any:
    source = "zh" if lang == "zh-Hans" else lang
    text = texts.get(source) or texts.get(fallback) or next(iter(texts.values()), {}) or {}
    if lang == "zh-Hans" and source in texts:
        from .hans import to_simplified

        context = src.context
        text = to_simplified(text, context.get("overrides"), context.get("glossary"))
    return text


def _pdf_part(
    src: PackSources, spec: DocumentConfig, part: dict[str, Any], lang: str, where: Location
) -> Part:
    path, diags = resolve_inside(src.project.root, part["pdf"], where, kind="pdf")
    if path is None:
        raise ContentError(diagnostics=diags)
    if part.get("label") is None:
        raise _refuse(
            src,
            spec,
            f"annex pack '{spec.name}': give '{part['pdf']}' its annex number (label: N)",
            where,
        )
    reader = _read_pdf(src, spec, path, part["pdf"], where)
    number = int(part["label"])
    titles = part.get("title") or {}
    title = str(_text_in(src, titles, lang, "en")) if titles else _pdf_title(reader, path)
    return Part(number, Helpers(lang).annex(number), title, reader, DEFAULT_LEVEL, external=True)


def _read_pdf(
    src: PackSources, spec: DocumentConfig, path: Path, name: str, where: Location
) -> PdfReader:
    try:
        cleaned = clean(path)  # checked by qpdf, active content removed
    except Refused as exc:
        raise _refuse(src, spec, f"'{name}' {exc}", where) from exc
    try:
        with _pypdf_warnings() as warnings:
            reader = PdfReader(io.BytesIO(cleaned.data))
            if reader.is_encrypted:
                msg = f"'{name}' is encrypted; export it without a password"
                raise _refuse(src, spec, msg, where)
            if not reader.pages:
                raise _refuse(
                    src,
                    spec,
                    f"'{name}' has no pages; export it again, or remove it from the parts",
                    where,
                )
            for page in reader.pages:
                _touch(page, set())
    except (PdfReadError, ValueError, KeyError, OSError, RecursionError) as exc:
        reason = " ".join(str(exc).split())
        raise _refuse(
            src, spec, f"'{name}' cannot be read as a PDF ({reason}); export it again", where
        ) from exc
    missing = [w for w in warnings if "not defined" in w]
    if missing:
        raise _refuse(
            src, spec, f"'{name}' is damaged ({missing[0].rstrip('.')}); export it again", where
        )
    return reader


# pypdf reports (and repairs) damage through the "pypdf" logger: never onto the terminal.
logging.getLogger("pypdf").addHandler(logging.NullHandler())
logging.getLogger("pypdf").propagate = False


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _pypdf_warnings() -> Iterator[list[str]]:
    """The messages pypdf logs while the block runs."""
    handler = _Collect()
    logger = logging.getLogger("pypdf")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def _touch(obj: Any, seen: set[tuple[int, int]], depth: int = 0) -> None:
    """Resolve every object a page uses (not its parent), so damage shows now, not later."""
    if depth > 64:
        return
    if isinstance(obj, IndirectObject):
        if (obj.idnum, obj.generation) in seen:
            return
        seen.add((obj.idnum, obj.generation))
        obj = obj.get_object()
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key != "/Parent":
                _touch(value, seen, depth + 1)
    elif isinstance(obj, list):
        for value in obj:
            _touch(value, seen, depth + 1)


def _pdf_title(reader: PdfReader, path: Path) -> str:
    meta = reader.metadata
    title = str(meta.title).strip() if meta and meta.title else ""
    return title or path.stem


# --- cover and list of annexes -------------------------------------------------------------------


def _level(src: PackSources, spec: DocumentConfig, parts: list[Part]) -> str:
    """The pack's classification level: the highest of its parts and its cover document."""
    order = list(src.project.config.get("classification") or {}) or [DEFAULT_LEVEL]
    levels = [p.level for p in parts]
    if spec.cover in src.documents:
        levels.append(str(src.documents[spec.cover].facts.get("classification") or ""))
    known = [lv for lv in levels if lv in order]
    level = max(known, key=order.index) if known else order[min(1, len(order) - 1)]
    return level


def _cover_texts(src: PackSources, spec: DocumentConfig, lang: str) -> tuple[str, list[str]]:
    """(event, further lines: subtitle, venue, date) from the cover document's content."""
    content = src.documents.get(spec.cover) if spec.cover else None
    if content is None:
        return str(src.project.config.get("name", "")), []
    text = _text_in(src, content.text, lang, content.doc.authoritative)
    cover = text.get("cover") or {}
    event = str(cover.get("event") or text.get("title") or src.project.config.get("name", ""))
    lines = [str(cover[k]) for k in ("subtitle", "venue") if cover.get(k)]
    date = content.facts.get("date")
    if isinstance(date, dt.date):
        lines.append(format_date(date, lang))
    return event, lines


def _front_matter(src: PackSources, spec: DocumentConfig, lang: str, parts: list[Part]) -> Pack:
    words = messages(lang)
    level = _level(src, spec, parts)
    cls = src.project.classification(level, lang)
    event, lines = _cover_texts(src, spec, lang)
    tag = LANG_TAGS[lang]
    blocks: list[m.Block] = [
        _para(cls, tag, "cover-classification"),
        m.Spacer(22),
        _para(words["annexes"], tag, "cover-title"),
        _para(event, tag, "cover-event"),
        *[_para(line, tag, "cover-meta") for line in lines],
        m.PageBreak(odd=True),
        m.Heading([m.Run(words["list_of_annexes"])], tag, 1, anchor="list-of-annexes", toc=False),
        _list_table(parts, words, tag),
    ]
    document = m.Document(
        name=spec.name,
        edition=lang,
        lang=tag,
        title=f"{words['annexes']} – {event}",
        blocks=blocks,
        page=m.Page(header_left=cls, header_right=words["annexes"]),
        subject=event,
        author=str(src.project.config.get("author", "")),
        blank_page_text=words["blank"],
    )
    from .writers.pdf import write_pdf

    anchors: dict[str, int] = {}
    tags: list[Tagger] = []
    data = write_pdf(
        document,
        src.registry,
        epoch=src.epoch,
        anchors=anchors,
        options=src.pdf,
        tags=tags,
    )
    front = PdfReader(io.BytesIO(data))
    list_page = anchors.get("list-of-annexes", 1) - 1
    return Pack(
        lang, document.title, event, cls, front, list_page, parts, tags[0] if tags else None
    )


def _para(text: str, lang: str, style: str) -> m.Paragraph:
    return m.Paragraph([m.Run(text)], lang, style)


def _list_table(parts: list[Part], words: dict[str, str], lang: str) -> m.Table:
    head = [
        _cell(words["annex_col"], lang),
        _cell(words["title_col"], lang),
        _cell(words["pages_col"], lang, align="centre"),
    ]
    rows = [
        [
            _cell(p.label, lang, "cell-head"),
            _title_cell(p, words, lang),
            _cell(str(p.pages), lang, align="centre"),
        ]
        for p in parts
    ]
    return m.Table([head, *rows], [1.3, 6.0, 1.0], header_rows=1)


def _cell(text: str, lang: str, style: str = "cell", align: str = "") -> m.Cell:
    return m.Cell([m.Paragraph([m.Run(text)], lang, style, align)])


def _title_cell(part: Part, words: dict[str, str], lang: str) -> m.Cell:
    """The annex title; a note when the annex is in another language than the pack."""
    source = "zh" if part.edition.startswith("zh") else part.edition
    if not part.edition or source == ("zh" if lang.startswith("zh") else "en"):
        return _cell(part.title, lang)
    title = m.Paragraph([m.Run(part.title)], LANG_TAGS.get(part.edition, lang), "cell")
    note = m.Paragraph([m.Run(words["only"].format(lang=words["lang_" + source]))], lang, "note")
    return m.Cell([title, note])


# --- assembly ------------------------------------------------------------------------------------


@dataclass
class Slot:
    """One page of the pack: a page to copy (with an optional overlay) or a blank page."""

    page: PageObject | None  # None: a blank page, drawn by the stamp
    stamp: Stamp | None = None


def _assemble(src: PackSources, pack: Pack) -> bytes:
    slots, starts = _layout(pack)
    stamps = _stamps_pdf(src, pack, [s.stamp for s in slots if s.stamp is not None])
    writer = PdfWriter()
    used = 0
    for slot in slots:
        if slot.page is None:
            writer.add_page(stamps.pages[used])
        else:
            added = writer.add_page(slot.page)
            if slot.stamp is not None:  # an attached page: into the frame, then stamped
                _fit_into_frame(writer, added)
                _merge_stamp(added, stamps.pages[used])
        used += slot.stamp is not None
    _outline(writer, pack, starts)
    _metadata(writer, src, pack)
    return _finish(src, pack, starts, _write(writer, pack, stamps))


def _finish(src: PackSources, pack: Pack, starts: list[int], data: bytes) -> bytes:
    """The pack with one structure tree (front matter, then each generated annex as a Part),
    its metadata, and the PDF/A claim only if every attached PDF claims PDF/A too."""
    from .writers.pdf_finish import finish_pack

    trees = [(0, pack.tags)] if pack.tags else []
    trees += [(s, p.tags) for p, s in zip(pack.parts, starts, strict=True) if p.tags]
    attached = [_reader_bytes(p.reader) for p in pack.parts if p.external]
    meta = (pack.title, str(src.project.config.get("author", "")), pack.event)
    return finish_pack(data, meta, LANG_TAGS[pack.lang], src.pdf, trees, attached, src.epoch)


def _reader_bytes(reader: PdfReader) -> bytes:
    stream = reader.stream
    stream.seek(0)
    return bytes(stream.read())


def _layout(pack: Pack) -> tuple[list[Slot], list[int]]:
    """The pack's pages in order, and the (0-based) first page of each annex."""
    slots = [Slot(page) for page in pack.front.pages]
    _pad(slots, pack, messages(pack.lang)["annexes"])
    starts = []
    for part in pack.parts:
        starts.append(len(slots))
        for i, page in enumerate(part.reader.pages):
            slots.append(Slot(page, _overlay(pack, part, page, i) if part.external else None))
        _pad(slots, pack, part.label)
    return slots, starts


def _pad(slots: list[Slot], pack: Pack, header_right: str) -> None:
    """Add a marked blank page if the pages so far end on a right-hand (odd) page."""
    if len(slots) % 2:
        last = slots[-1].page
        w, h = _size(last) if last is not None else A4
        blank = messages(pack.lang)["blank"]
        slots.append(Slot(None, Stamp(w, h, pack.classification, header_right, blank=blank)))


def _size(page: PageObject) -> tuple[float, float]:
    box = page.mediabox
    w, h = float(box.width), float(box.height)
    return (h, w) if (page.rotation or 0) % 180 else (w, h)


# The bands the stamp prints in (classification and annex label at the top, the annex's
# page footer at the bottom): an attached page is scaled into the frame between them, so
# the stamp never prints over its content (a title at the very top stays readable).
FRAME_TOP = 21 * mm
FRAME_BOTTOM = 18 * mm


def frame_matrix(page: PageObject) -> tuple[float, float, float, float, float, float]:
    """The ``cm`` matrix (in the page's own content coordinates) that scales the page, as
    displayed, uniformly into the frame between the stamp's bands, centred."""
    w, h = _size(page)
    scale = max(0.1, (h - FRAME_TOP - FRAME_BOTTOM) / h)
    # the scaling in displayed coordinates is a homothety about the point (cx, cy) ...
    ox, oy = (w - scale * w) / 2, FRAME_BOTTOM
    cx, cy = ox / (1 - scale), oy / (1 - scale)
    # ... and about that point's image in content coordinates (the page's /Rotate turned back)
    box = page.mediabox
    turn = (page.rotation or 0) % 360
    bw, bh = float(box.width), float(box.height)
    shift = {0: (0.0, 0.0), 90: (bw, 0.0), 180: (bw, bh), 270: (0.0, bh)}.get(turn, (0.0, 0.0))
    px, py = Transformation().rotate(turn).apply_on((cx, cy))
    px, py = px + shift[0] + float(box.left), py + shift[1] + float(box.bottom)
    return (scale, 0.0, 0.0, scale, (1 - scale) * px, (1 - scale) * py)


def _fit_into_frame(writer: PdfWriter, page: PageObject) -> None:
    """Scale ``page`` into the frame: its content streams are kept byte for byte, between
    a ``q … cm`` and a ``Q`` of their own; its annotations move with it."""
    a, _, _, d, e, f = frame_matrix(page)
    pre, post = DecodedStreamObject(), DecodedStreamObject()
    pre.set_data(f"q {a:.6f} 0 0 {d:.6f} {e:.4f} {f:.4f} cm\n".encode())
    post.set_data(b"\nQ\n")
    contents = page.get("/Contents")
    resolved = contents.get_object() if contents is not None else None
    parts = list(resolved) if isinstance(resolved, ArrayObject) else [contents] if contents else []
    page[NameObject("/Contents")] = ArrayObject(
        [writer._add_object(pre), *parts, writer._add_object(post)]
    )
    for annot in page.get("/Annots") or []:
        annot = annot.get_object()
        rect = annot.get("/Rect")
        if rect is not None and len(rect) == 4:
            x1, y1, x2, y2 = (float(v) for v in rect)
            annot[NameObject("/Rect")] = ArrayObject(
                [FloatObject(round(v, 4)) for v in (a * x1 + e, d * y1 + f, a * x2 + e, d * y2 + f)]
            )


def _merge_stamp(page: PageObject, stamp: PageObject) -> None:
    """Merge the stamp (drawn upright at the displayed size) onto the page as it is shown.

    The page's content stream is kept as it is (pypdf wraps it in q/Q); only the stamp is
    transformed: turned against the page's /Rotate and moved to its media box origin.
    """
    box = page.mediabox
    w, h = float(box.width), float(box.height)
    turn = (page.rotation or 0) % 360
    shift = {0: (0.0, 0.0), 90: (w, 0.0), 180: (w, h), 270: (0.0, h)}.get(turn, (0.0, 0.0))
    moved = (
        Transformation()
        .rotate(turn)
        .translate(shift[0] + float(box.left), shift[1] + float(box.bottom))
    )
    if turn == 0 and not (float(box.left) or float(box.bottom)):
        page.merge_page(stamp)
    else:
        page.merge_transformed_page(stamp, moved)


def _overlay(pack: Pack, part: Part, page: PageObject, index: int) -> Stamp:
    w, h = _size(page)
    text = messages(pack.lang)["annex_page"]
    footer = text.format(label=part.label, page=index + 1, pages=part.pages)
    return Stamp(w, h, pack.classification, header_right=part.label, footer=footer)


def _stamps_pdf(src: PackSources, pack: Pack, stamps: list[Stamp]) -> PdfReader:
    """One PDF with a page per stamp (fonts subset once for all of them)."""
    from .writers.pdf_text import register_fonts

    register_fonts(src.registry)
    buf = io.BytesIO()
    from .script import LATIN
    from .writers.pdf_tags import artifact

    # reportlab starts each page in Helvetica, never embedded: name our own face instead
    canv = Canvas(buf, invariant=1, initialFontName=src.registry.face(LATIN).key)
    canv._rg_artifacts = src.pdf.tagged  # every stamp is page furniture: an artifact
    tag = LANG_TAGS[pack.lang]
    for s in stamps or [Stamp(*A4, "")]:
        canv.setPageSize((s.width, s.height))
        with artifact(canv, "Pagination"):
            _draw_stamp(canv, src, s, tag)
        canv.showPage()
    canv.save()
    return PdfReader(io.BytesIO(buf.getvalue()))


def _draw_stamp(canv: Canvas, src: PackSources, s: Stamp, tag: str) -> None:
    """Classification, annex label, footer and (on a blank page) the blank-page note."""
    from .writers.pdf import MARGIN
    from .writers.pdf_styles import style
    from .writers.pdf_text import draw_string

    top = s.height - MARGIN + 2 * mm
    draw = partial(draw_string, canv, src.registry, lang=tag)
    draw(s.classification, MARGIN, top, style("header-strong"))
    if s.header_right:
        draw(s.header_right, s.width - MARGIN, top, style("header", "right"))
    if s.footer:
        draw(s.footer, s.width / 2, MARGIN - 6 * mm, style("footer"))
    if s.blank:
        canv.setStrokeColorRGB(0.6, 0.6, 0.6)
        canv.setLineWidth(0.4)
        canv.line(MARGIN, top - 2.5 * mm, s.width - MARGIN, top - 2.5 * mm)
        draw(s.blank, s.width / 2, s.height / 2, style("blank"))


def _outline(writer: PdfWriter, pack: Pack, starts: list[int]) -> None:
    writer.add_outline_item(title=messages(pack.lang)["cover"], page_number=0)
    list_title = messages(pack.lang)["list_of_annexes"]
    writer.add_outline_item(title=list_title, page_number=pack.list_page)
    for part, start in zip(pack.parts, starts, strict=True):
        writer.add_outline_item(
            title=f"{part.label}{_title_sep(pack.lang)}{part.title}", page_number=start
        )
    writer.page_mode = "/UseOutlines"


def _title_sep(lang: str) -> str:
    return "　" if lang.startswith("zh") else ": "


def _metadata(writer: PdfWriter, src: PackSources, pack: Pack) -> None:
    when = _pdf_date(src.epoch)
    writer.add_metadata(
        {
            "/Title": pack.title,
            "/Subject": pack.event,
            "/Author": str(src.project.config.get("author", "")) or "reportgen",
            "/Creator": f"reportgen {__version__}",
            "/Producer": f"reportgen {__version__} (pypdf)",
            "/CreationDate": when,
            "/ModDate": when,
        }
    )
    root = writer.root_object
    root[NameObject("/Lang")] = TextStringObject(LANG_TAGS[pack.lang])
    prefs = writer.create_viewer_preferences()
    prefs.display_doctitle = True
    prefs[NameObject("/Duplex")] = NameObject("/DuplexFlipLongEdge")


def _pdf_date(epoch: int | None) -> str:
    moment = (
        dt.datetime.fromtimestamp(epoch, dt.timezone.utc)
        if epoch is not None
        else dt.datetime.now(dt.timezone.utc)
    )
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def _write(writer: PdfWriter, pack: Pack, stamps: PdfReader) -> bytes:
    """Write the pack with a file identifier derived from its inputs (reproducible)."""
    digest = hashlib.md5(usedforsecurity=False)
    for reader in [pack.front, stamps, *(p.reader for p in pack.parts)]:
        stream = reader.stream
        stream.seek(0)
        digest.update(stream.read())
    digest.update(repr(writer.metadata).encode())
    ident = ByteStringObject(digest.digest())
    writer._ID = ArrayObject([ident, ident])  # pypdf has no public setter
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
