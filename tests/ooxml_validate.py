"""Validate every XML part of a DOCX against the ISO/IEC 29500 transitional schemas.

The schemas are in ``tests/ooxml-xsd/`` (see its README). Namespaces those schemas import
but a reportgen DOCX never uses (DrawingML pictures, math, Dublin Core's own schemas) are
answered by small stubs here, so only what is needed is vendored. Elements and attributes
in namespaces a part marks ``mc:Ignorable`` are removed first, as a consumer that does
not know them does (ECMA-376 Part 3).
"""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

from lxml import etree

XSD_DIR = Path(__file__).parent / "ooxml-xsd"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_XSD = "http://www.w3.org/2001/XMLSchema"
_XML_NS = "http://www.w3.org/XML/1998/namespace"

_STUB_BODIES = {
    # wml.xsd imports these; a reportgen DOCX has no drawings and no math
    "dml-wordprocessingDrawing.xsd": (
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        '<xsd:element name="inline"/><xsd:element name="anchor"/>',
    ),
    "shared-math.xsd": (
        "http://schemas.openxmlformats.org/officeDocument/2006/math",
        '<xsd:element name="oMathPara"/><xsd:element name="oMath"/>'
        '<xsd:element name="mathPr"/>'
        '<xsd:group name="EG_OMathMathElements"><xsd:choice>'
        '<xsd:element name="r"/></xsd:choice></xsd:group>',
    ),
    # dml-main.xsd imports these but declares nothing from them that a theme uses
    "dml-diagram.xsd": ("http://schemas.openxmlformats.org/drawingml/2006/diagram", ""),
    "dml-chart.xsd": ("http://schemas.openxmlformats.org/drawingml/2006/chart", ""),
    "dml-picture.xsd": ("http://schemas.openxmlformats.org/drawingml/2006/picture", ""),
    "dml-lockedCanvas.xsd": ("http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas", ""),
    # core properties: Dublin Core, as far as core.xml uses it
    "dc.xsd": (
        "http://purl.org/dc/elements/1.1/",
        "".join(
            f'<xsd:element name="{n}" type="xsd:string"/>'
            for n in ("title", "subject", "creator", "description", "identifier", "language")
        ),
    ),
    "dcterms.xsd": (
        "http://purl.org/dc/terms/",
        '<xsd:simpleType name="W3CDTF"><xsd:union memberTypes="xsd:dateTime xsd:date'
        ' xsd:gYearMonth xsd:gYear"/></xsd:simpleType>'
        '<xsd:element name="created" type="xsd:anySimpleType"/>'
        '<xsd:element name="modified" type="xsd:anySimpleType"/>',
    ),
}


def _stub(namespace: str, body: str) -> str:
    return (
        f'<xsd:schema xmlns:xsd="{_XSD}" targetNamespace="{namespace}"'
        f' elementFormDefault="qualified">{body}</xsd:schema>'
    )


class _Stubs(etree.Resolver):
    def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
        name = url.rsplit("/", 1)[-1]
        if name in _STUB_BODIES:
            return self.resolve_string(_stub(*_STUB_BODIES[name]), context)
        return None


@cache
def schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser()
    parser.resolvers.add(_Stubs())
    tree = etree.parse(str(XSD_DIR / name), parser)
    for imp in tree.getroot().iterfind(f"{{{_XSD}}}import"):
        if imp.get("namespace") == _XML_NS and not imp.get("schemaLocation"):
            imp.set("schemaLocation", "xml.xsd")  # core properties import it by namespace only
    return etree.XMLSchema(tree)


_BY_NAMESPACE = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "dml-main.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc-relationships.xsd",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": (
        "opc-coreProperties.xsd"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": (
        "shared-documentPropertiesExtended.xsd"
    ),
}


def strip_ignorable(root: etree._Element) -> etree._Element:
    """``root`` without what its ``mc:Ignorable`` namespaces hold (and without mc: itself)."""
    prefixes = (root.get(f"{{{MC}}}Ignorable") or "").split()
    ignored = {root.nsmap[p] for p in prefixes if p in root.nsmap} | {MC}
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if etree.QName(el).namespace in ignored and el.getparent() is not None:
            el.getparent().remove(el)
            continue
        for attr in list(el.attrib):
            if attr.startswith("{") and attr[1:].split("}")[0] in ignored:
                del el.attrib[attr]
    return root


def part_errors(name: str, data: bytes) -> list[str]:
    """Schema errors of one part ("" list when valid); unknown namespaces are an error."""
    root = strip_ignorable(etree.fromstring(data))
    namespace = etree.QName(root).namespace or ""
    xsd = _BY_NAMESPACE.get(namespace)
    if xsd is None:
        return [f"{name}: no schema for root {root.tag}"]
    validator = schema(xsd)
    if validator.validate(root):
        return []
    return [f"{name}:{e.line}: {e.message}" for e in validator.error_log]  # type: ignore[attr-defined]


def docx_errors(path: Path) -> list[str]:
    """Schema errors of every XML part of the package at ``path``."""
    errors: list[str] = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                errors += part_errors(name, package.read(name))
    return errors
