"""A contents page longer than a page splits, and every entry's number is still right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import make_project
from inspect_outputs import pdf_outline, pdf_text

from reportgen.build import BuildOptions, build

AREAS = 120
ENTRY = re.compile(r"^(\S.*?)(?: \.)+ +(\d+)$")  # title, leader dots, page number


def _add_areas(path: Path, heading: str, point: str) -> None:
    """Append AREAS co-operation areas (each a level-2 heading) after the existing one."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("agreements:"))
    extra = "".join(
        f"    area-{n}:\n      heading: {heading.format(n=n)}\n      points:\n"
        f"        - {point.format(n=n)}\n"
        for n in range(1, AREAS + 1)
    )
    path.write_text("".join(lines[:at]) + extra + "".join(lines[at:]), encoding="utf-8")


@pytest.fixture(scope="module")
def long_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("toc"), "minimal")
    _add_areas(root / "content/en/briefing-pack.yaml", "Area {n}", "Point {n} of the area.")
    _add_areas(root / "content/zh/briefing-pack.yaml", "範疇{n}", "範疇{n}的要點。")
    build(root, BuildOptions(editions=["en"], formats=["pdf"], epoch=1632355200))
    return root / "build" / "briefing-pack.en.pdf"


def _contents_entries(pages: list[str]) -> dict[str, list[tuple[str, int]]]:
    """Contents pages (1-based) -> [(entry title, printed page number)]."""
    found: dict[str, list[tuple[str, int]]] = {}
    for number, text in enumerate(pages, 1):
        for line in text.splitlines():
            match = ENTRY.match(line.strip())
            if match:
                found.setdefault(str(number), []).append((match[1], int(match[2])))
    return found


def test_contents_spans_pages_and_numbers_match_headings(long_pack: Path) -> None:
    pages = pdf_text(long_pack)
    contents = _contents_entries(pages)
    assert len(contents) >= 2, f"contents on pages {sorted(contents)}"
    printed = {title: page for entries in contents.values() for title, page in entries}
    bookmarks = {title: page for _depth, title, page in pdf_outline(long_pack)}
    assert len(printed) >= AREAS
    assert set(printed) == set(bookmarks), set(printed) ^ set(bookmarks)
    for title, page in printed.items():
        heading_page = bookmarks[title]
        assert heading_page == page, f"{title!r}: contents says {page}, heading on {heading_page}"
        assert title in pages[page - 1], f"{title!r} not on page {page}"
