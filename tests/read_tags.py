"""Read a tagged PDF back with tools that did not write it: poppler's ``pdfinfo
-struct-text`` (the tree and each element's text) and pikepdf (marked content against
the ParentTree, element attributes)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh"}


@dataclass
class Elem:
    role: str
    depth: int
    texts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.texts)


def has_pdfinfo() -> bool:
    return shutil.which("pdfinfo") is not None


def struct_text(path: Path) -> list[Elem]:
    """The structure tree as poppler reads it, in order: each element's role, depth and the
    text of its own marked content (one string per marked-content sequence)."""
    out = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
    ).stdout
    elems: list[Elem] = []
    for line in out.splitlines():
        stripped = line.strip()
        depth = (len(line) - len(line.lstrip(" "))) // 2
        if stripped.startswith('"') and stripped.endswith('"') and elems:
            elems[-1].texts.append(stripped[1:-1])
        elif stripped and not stripped.startswith(("/", "Object ")):
            elems.append(Elem(stripped.split()[0].rstrip(":"), depth))
    return elems


TEXT_ROLES = ("P", "H1", "H2", "H3", "TD", "TH", "LBody")  # cells, list bodies: one paragraph


def texts(elems: list[Elem], roles: tuple[str, ...] = TEXT_ROLES) -> list[str]:
    return [e.text for e in elems if e.role in roles]


def is_subsequence(wanted: list[str], found: list[str]) -> bool:
    it = iter(found)
    return all(any(w == f for f in it) for w in wanted)


def marked_content_problems(pdf: pikepdf.Pdf, pages: range | None = None) -> list[str]:
    """Every glyph, path and form drawn inside marked content that the ParentTree maps to
    a structure element, or inside an artifact; every MCID in the ParentTree."""
    root = pdf.Root.get("/StructTreeRoot")
    nums = _parent_tree(root) if root is not None else {}
    problems: list[str] = []
    for index in pages if pages is not None else range(len(pdf.pages)):
        page = pdf.pages[index]
        key = page.obj.get("/StructParents")
        owners = nums.get(int(key)) if key is not None else None
        stack: list[str] = []  # "artifact", "mcid", "other"
        for operands, op in pikepdf.parse_content_stream(page):
            name = str(op)
            if name == "BMC":
                stack.append("artifact" if operands[0] == "/Artifact" else "other")
            elif name == "BDC":
                stack.append(_bdc(operands, owners, index, problems))
            elif name == "EMC":
                if not stack:
                    problems.append(f"page {index + 1}: EMC without BMC/BDC")
                else:
                    stack.pop()
            elif name in TEXT_OPS or name in PAINT_OPS:
                if not any(s in ("artifact", "mcid") for s in stack):
                    problems.append(f"page {index + 1}: {name} outside marked content")
        if stack:
            problems.append(f"page {index + 1}: marked content left open")
    return problems


def _bdc(operands: Any, owners: Any, index: int, problems: list[str]) -> str:
    tag, props = operands
    if tag == "/Artifact":
        return "artifact"
    if not isinstance(props, pikepdf.Dictionary) or "/MCID" not in props:
        return "other"
    mcid = int(props.MCID)
    if owners is None or mcid >= len(owners) or not isinstance(owners[mcid], pikepdf.Dictionary):
        problems.append(f"page {index + 1}: MCID {mcid} is not in the ParentTree")
    elif "/S" not in owners[mcid] or owners[mcid].get("/Type", "/StructElem") != "/StructElem":
        problems.append(f"page {index + 1}: MCID {mcid} maps to no structure element")
    return "mcid"


def _parent_tree(root: Any) -> dict[int, Any]:
    out: dict[int, Any] = {}

    def visit(node: Any) -> None:
        nums = node.get("/Nums")
        if nums is not None:
            for i in range(0, len(nums), 2):
                out[int(nums[i])] = nums[i + 1]
        for kid in node.get("/Kids", []):
            visit(kid)

    visit(root.ParentTree)
    return out


def elements(pdf: pikepdf.Pdf) -> list[tuple[Any, str]]:
    """Every structure element, depth first, with its effective language."""
    out: list[tuple[Any, str]] = []

    def visit(elem: Any, lang: str) -> None:
        lang = str(elem.get("/Lang", lang))
        out.append((elem, lang))
        kids = elem.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        for kid in kids:
            if (
                isinstance(kid, pikepdf.Dictionary)
                and kid.get("/Type", "/StructElem") == ("/StructElem")
                and "/S" in kid
            ):
                visit(kid, lang)

    visit(pdf.Root.StructTreeRoot.K, str(pdf.Root.get("/Lang", "")))
    return out
