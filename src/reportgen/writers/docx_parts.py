"""The package around the body: true properties, clean settings, bullets in our font.

python-docx starts from a template saved by Word for Mac in 2013: its core properties
say "python-docx" and 2013, ``app.xml`` claims Microsoft Macintosh Word and one page,
the settings mark the text as proofread and the theme's languages as Japanese, a
bibliography custom-XML part and a thumbnail ride along, and bullets are the Symbol
font's private-use character. Here all of that is replaced by what is true of the
document reportgen wrote.
"""

from __future__ import annotations

import datetime as dt
import time

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from .. import __version__
from .. import model as m
from ..formatting import output_lang
from .docx_runs import FaceUse
from .docx_styles import LATIN_LANG, FontNames
from .docx_typography import ensure_child

GENERATOR = f"reportgen {__version__}"
BULLET = "\u2022"
_PROPERTY_LIMIT = 255  # python-docx refuses longer core properties
_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_DROPPED_RELS = ("/customXml", "/metadata/thumbnail")
# CT_Settings children, in schema order, up to w:themeFontLang (ECMA-376 §17.15.1.78)
_SETTINGS_ORDER = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
    "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate "
    "linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge "
    "revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection "
    "autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
    "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope "
    "summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders "
    "bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets "
    "drawingGridHorizontalSpacing drawingGridVerticalSpacing "
    "displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
    "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin "
    "drawingGridVerticalOrigin doNotShadeFormData noPunctuationKerning "
    "characterSpacingControl printTwoOnOne strictFirstAndLastChars noLineBreaksAfter "
    "noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema saveInvalidXml "
    "ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml "
    "saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
    "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat "
    "docVars rsids mathPr attachedSchema themeFontLang"
).split()


def finish_package(document: Document, doc: m.Document, epoch: int | None) -> None:
    """Core and app properties, settings and package parts as they should be."""
    _core(document, doc, epoch)
    _app(document)
    _settings(document)
    _drop_template_parts(document)


def _clip(text: str) -> str:
    """A core property value, shortened with an ellipsis to what the package allows."""
    text = " ".join(text.split())
    return text if len(text) <= _PROPERTY_LIMIT else text[: _PROPERTY_LIMIT - 1] + "…"


def _core(document: Document, doc: m.Document, epoch: int | None) -> None:
    props = document.core_properties
    props.title = _clip(doc.title)
    props.subject = _clip(doc.subject)
    props.author = _clip(doc.author or "reportgen")
    props.last_modified_by = GENERATOR
    props.comments = ""
    props.language = output_lang(doc.lang)
    props.keywords = _clip(", ".join(doc.keywords))
    props.revision = 1
    seconds = time.time() if epoch is None else epoch
    when = dt.datetime.fromtimestamp(int(seconds), tz=dt.timezone.utc).replace(tzinfo=None)
    props.created = props.modified = when
    element = props._element
    for tag in ("cp:lastPrinted", "dc:description", "cp:category"):
        for child in element.findall(qn(tag)):
            element.remove(child)


def _app(document: Document) -> None:
    """``app.xml``: the application that wrote it, no page or word counts (the layout is
    Word's or LibreOffice's, not known here)."""
    package = document.part.package
    for rel in package.rels.values():
        if rel.reltype.endswith("/extended-properties"):
            root = etree.Element(f"{{{_EXTENDED}}}Properties", nsmap={None: _EXTENDED})
            etree.SubElement(root, f"{{{_EXTENDED}}}Application").text = GENERATOR
            etree.SubElement(root, f"{{{_EXTENDED}}}DocSecurity").text = "0"
            rel.target_part._blob = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )


def _settings(document: Document) -> None:
    """No ``updateFields`` (Word would ask at every open), no "already proofread", a zoom
    Word accepts, and the theme's languages those of the document."""
    settings = document.settings.element
    for tag in ("w:updateFields", "w:proofState", "w:savePreviewPicture", "w:themeFontLang"):
        for el in settings.findall(qn(tag)):
            settings.remove(el)
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None:
        zoom.attrib.pop(qn("w:val"), None)
        zoom.set(qn("w:percent"), "100")
    rpr = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    lang = rpr.find(qn("w:lang")) if rpr is not None else None
    theme_lang = OxmlElement("w:themeFontLang")
    theme_lang.set(qn("w:val"), LATIN_LANG)
    if lang is not None and lang.get(qn("w:eastAsia")):
        theme_lang.set(qn("w:eastAsia"), lang.get(qn("w:eastAsia")))
    _insert(settings, theme_lang)


def _insert(settings: etree._Element, child: etree._Element) -> None:
    name = etree.QName(child).localname
    before = set(_SETTINGS_ORDER[: _SETTINGS_ORDER.index(name)])
    index = 0
    for i, existing in enumerate(settings):
        if isinstance(existing.tag, str) and etree.QName(existing).localname in before:
            index = i + 1
    settings.insert(index, child)


def _drop_template_parts(document: Document) -> None:
    """The template's bibliography custom XML and its Mac Word thumbnail."""
    for owner in (document.part, document.part.package):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype.endswith(_DROPPED_RELS):
                owner.rels.pop(rid)


def bullets(document: Document, fonts: FontNames, use: FaceUse) -> None:
    """Bullets as U+2022 in the Latin face (embedded), not the Symbol font's U+F0B7."""
    numbering = document.part.numbering_part.element
    for lvl in numbering.iter(qn("w:lvl")):
        text = lvl.find(qn("w:lvlText"))
        fmt = lvl.find(qn("w:numFmt"))
        if text is None or fmt is None or fmt.get(qn("w:val")) != "bullet":
            continue
        text.set(qn("w:val"), BULLET)
        rfonts = ensure_child(ensure_child(lvl, "w:rPr"), "w:rFonts", first=True)
        for attr in list(rfonts.attrib):
            del rfonts.attrib[attr]
        for slot in ("w:ascii", "w:hAnsi", "w:cs"):
            rfonts.set(qn(slot), fonts.latin)
    use.need(BULLET)


__all__ = ["GENERATOR", "bullets", "finish_package"]
