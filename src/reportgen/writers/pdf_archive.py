"""PDF/A and PDF/UA: document information and XMP metadata in step, the sRGB output
intent, identification, and the save settings each level needs.

Levels: ``PDF/A-2u`` (the default: PDF/A-2 with every character mapped to Unicode, which
reportlab's embedded subsets with ToUnicode give), ``PDF/A-2b``, ``PDF/A-1b`` (PDF 1.4:
no object or cross-reference streams) and ``none``. A tagged document also claims
PDF/UA-1 (``pdfuaid:part``, described by a PDF/A extension schema, as PDF/A requires for
a namespace it does not predefine).
"""

from __future__ import annotations

import datetime as dt
import io
import pkgutil
import zlib
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .. import __version__
from .pdf_tags import pdf_lang

ICC_NAME = "sRGB IEC61966-2.1"
PRINT = 4  # annotation flag: printed (PDF/A wants every annotation printable)


def escape(text: str) -> str:
    """``xml.sax.saxutils.escape``: &, < and > as entities (that module imports
    urllib.request, and with it ssl and email, about 10 ms of every PDF build)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class Meta:
    """The document information a PDF carries (Info dictionary and XMP)."""

    title: str
    author: str
    subject: str = ""
    keywords: list[str] = field(default_factory=list)
    lang: str = ""
    producer: str = ""  # as the writer (reportlab, pypdf) named itself: "reportgen V (...)"


def part_and_conformance(standard: str) -> tuple[int, str] | None:
    """``("PDF/A-2u")`` -> ``(2, "U")``; ``None`` for plain PDF."""
    if standard == "none":
        return None
    level = standard.removeprefix("PDF/A-")
    return int(level[0]), level[1:].upper()


def generator() -> str:
    return f"reportgen {__version__}"


def describe(pdf: pikepdf.Pdf, meta: Meta, standard: str, *, ua: bool, epoch: int | None) -> None:
    """Document information, language, title bar, and (for PDF/A) XMP and output intent."""
    when = _moment(epoch)
    existing = str((pdf.trailer.get("/Info") or {}).get("/Producer", ""))
    meta.producer = meta.producer or existing or generator()
    info = {
        "/Title": meta.title,
        "/Author": meta.author,
        "/Subject": meta.subject,
        "/Keywords": ", ".join(meta.keywords),
        "/Creator": generator(),
        "/Producer": meta.producer,
    }
    docinfo = pdf.make_indirect(Dictionary())
    for key, value in info.items():
        if value:
            docinfo[key] = String(value)
    docinfo["/CreationDate"] = docinfo["/ModDate"] = String(_pdf_date(when))
    pdf.trailer.Info = docinfo
    meta.lang = pdf_lang(meta.lang)
    if meta.lang:
        pdf.Root.Lang = String(meta.lang)
    prefs = pdf.Root.get("/ViewerPreferences") or Dictionary()
    prefs.DisplayDocTitle = True
    pdf.Root.ViewerPreferences = prefs
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            annot.F = PRINT
    level = part_and_conformance(standard)
    if level is None:
        return
    xmp = xmp_packet(meta, level, ua=ua, when=when)
    pdf.Root.Metadata = pdf.make_stream(xmp.encode(), Type=Name.Metadata, Subtype=Name.XML)
    pdf.Root.OutputIntents = Array([output_intent(pdf)])


def output_intent(pdf: pikepdf.Pdf) -> Any:
    # pkgutil: the package loader's get_data (a folder or a zip); importlib.resources.files
    # imported its readers (and zipfile) for this one read: 3 ms of every PDF
    icc = pkgutil.get_data("reportgen", "data/sRGB.icc")
    if icc is None:  # a loader that cannot read data files: not one Python ships
        raise FileNotFoundError("reportgen/data/sRGB.icc")
    profile = pdf.make_stream(zlib.compress(icc), N=3, Filter=Name.FlateDecode)
    return Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFA1,
        OutputConditionIdentifier=String(ICC_NAME),
        Info=String(ICC_NAME),
        RegistryName=String("http://www.color.org"),
        DestOutputProfile=profile,
    )


def save_options(standard: str) -> dict[str, Any]:
    """pikepdf save settings: no object streams for PDF/A-1 (PDF 1.4); the metadata stream
    stays uncompressed (PDF/A-1 forbids a filter on it); reportlab's streams are already
    compressed and are copied as they are."""
    opts: dict[str, Any] = {
        "compress_streams": True,  # object streams; qpdf never compresses XMP metadata
        "stream_decode_level": pikepdf.StreamDecodeLevel.none,
        "static_id": True,  # replaced by a digest of the file: see pdf_finish.save
        "fix_metadata_version": False,  # no pdf:PDFVersion in our XMP: see xmp_packet
    }
    if standard == "PDF/A-1b":
        opts.update(object_stream_mode=pikepdf.ObjectStreamMode.disable, force_version="1.4")
    else:
        opts.update(object_stream_mode=pikepdf.ObjectStreamMode.generate, min_version="1.7")
    return opts


def _moment(epoch: int | None) -> dt.datetime:
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _pdf_date(when: dt.datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")


def _xmp_date(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S+00:00")


_UA_SCHEMA = """
  <rdf:Description xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" \
xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#" rdf:about="">
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>
  <rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about="">
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>"""


def xmp_packet(meta: Meta, level: tuple[int, str], *, ua: bool, when: dt.datetime) -> str:
    """The XMP packet: the same title, author, subject, keywords, tools and dates as the
    document information dictionary, and the PDF/A (and PDF/UA) identification.

    Written as pikepdf (lxml) serialises it (namespaces before ``rdf:about``, the blank
    line before the trailer), so saving with ``fix_metadata_version`` off, which spares
    pikepdf parsing and writing it again (and importing lxml: ~7 ms a PDF), gives the
    bytes saving with it on gave (tests/test_reproducible.py checks the round trip)."""
    part, conformance = level
    lang = escape(meta.lang or "x-default")

    def alt(tag: str, text: str) -> str:
        return (
            f'<{tag}><rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li>'
            f"</rdf:Alt></{tag}>"
            if text
            else ""
        )

    dc = alt("dc:title", meta.title) + alt("dc:description", meta.subject)
    if meta.author:
        dc += f"<dc:creator><rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq></dc:creator>"
    dc += f"<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>"
    keywords = ", ".join(meta.keywords)
    pdf_ns = f"<pdf:Producer>{escape(meta.producer or generator())}</pdf:Producer>"
    if keywords:
        pdf_ns += f"<pdf:Keywords>{escape(keywords)}</pdf:Keywords>"
    stamp = _xmp_date(when)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" rdf:about="">{dc}</rdf:Description>
  <rdf:Description xmlns:pdf="http://ns.adobe.com/pdf/1.3/" rdf:about="">{pdf_ns}</rdf:Description>
  <rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" rdf:about="">
   <xmp:CreatorTool>{escape(generator())}</xmp:CreatorTool>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
   <xmp:MetadataDate>{stamp}</xmp:MetadataDate>
  </rdf:Description>
  <rdf:Description xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" rdf:about="">
   <pdfaid:part>{part}</pdfaid:part>
   <pdfaid:conformance>{conformance}</pdfaid:conformance>
  </rdf:Description>{_UA_SCHEMA if ua else ""}
 </rdf:RDF>
</x:xmpmeta>

<?xpacket end="w"?>
"""


class Unreadable(Exception):
    """Not a PDF pikepdf can open (the pack reports why, with its own message)."""


def pdfa_claim(data: bytes) -> tuple[int, str] | None:
    """The PDF/A part and conformance a PDF's XMP metadata claims (``None``: no claim).
    Raise :class:`Unreadable` if it cannot be read, is encrypted or has no pages."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if pdf.is_encrypted or not len(pdf.pages):
                raise Unreadable
            xmp = pdf.open_metadata()
            part, conformance = xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance")
    except (pikepdf.PdfError, ValueError, OSError, KeyError) as exc:
        raise Unreadable from exc
    if not part or not str(part).isdigit():
        return None
    return int(part), str(conformance or "").upper()


def attached_conforms(data: bytes, standard: str) -> bool:
    """Whether a PDF merged as it is keeps a pack of ``standard`` conforming: it claims a
    PDF/A level of the same part or an earlier one (PDF/A-2 admits PDF/A-1 content), with
    Unicode mappings (conformance A or U) where the pack claims U."""
    level = part_and_conformance(standard)
    if level is None:
        return True
    try:
        claim = pdfa_claim(data)
    except Unreadable:
        return False
    if claim is None:
        return False
    part, conformance = claim
    if part > level[0]:
        return False
    return level[1] != "U" or conformance in ("A", "U")
