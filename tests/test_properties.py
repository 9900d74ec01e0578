"""Property tests over arbitrary Unicode text, through the whole pipeline (YAML -> PDF/DOCX).

- text the fonts cover comes back out of the PDF (pdfium and pypdf) and the DOCX exactly,
  up to whitespace;
- a character no font covers is reported by ``reportgen check`` as ``missing-glyph``;
- whatever the text, the build ends in success or one of reportgen's own errors.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pytest
from conftest import FONTS
from fuzz_build import EN, Target, fuzz, with_background
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from inspect_outputs import docx_texts, pdf_text
from pypdf import PdfReader

from reportgen.build import BuildOptions, build
from reportgen.check import check_project
from reportgen.fonts import FontRegistry, read_cmap
from reportgen.project import load_project

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
DRAWN = re.compile(r"^(L|N|P|S)")  # letters, numbers, punctuation, symbols


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Target:
    return Target(tmp_path_factory.mktemp("props"))


@cache
def coverage() -> frozenset[int]:
    """Code points the regular faces of the minimal project draw (what check.py looks at)."""
    cmap: set[int] = set()
    for name in ("NotoSerif-Regular.ttf", "NotoSerifCJKtc-Regular.ttf"):
        cmap |= read_cmap(FONTS / name)
    return frozenset(cmap)


@cache
def covered_alphabet() -> list[str]:
    return sorted(
        chr(c)
        for c in coverage()
        if DRAWN.match(unicodedata.category(chr(c))) and chr(c).isprintable()
    )


@cache
def uncovered_alphabet() -> list[str]:
    cov = coverage()
    out = []
    for c in range(0x20, 0x30000):
        ch = chr(c)
        if c not in cov and DRAWN.match(unicodedata.category(ch)) and ch.isprintable():
            out.append(ch)
    return out


def squash(text: str) -> str:
    return "".join(text.split())


covered_text = (
    st.lists(st.one_of(st.sampled_from(covered_alphabet()), st.just(" ")), min_size=1, max_size=40)
    .map("".join)
    .filter(lambda t: t.strip() != "")
)


def _write(target: Target, text: str) -> None:
    (target.root / EN).write_text(with_background(target.original, text), encoding="utf-8")


@SETTINGS
@given(text=covered_text)
def test_covered_text_round_trips(target: Target, text: str) -> None:
    _write(target, text)
    build(target.root, BuildOptions(epoch=1632355200, editions=["en"]))
    out = target.root / "build"
    want = squash(text)
    assert want in squash("".join(pdf_text(out / "briefing-pack.en.pdf")))
    reader = PdfReader(out / "briefing-pack.en.pdf")
    assert want in squash("".join(page.extract_text() for page in reader.pages))
    assert want in squash(docx_texts(out / "briefing-pack.en.docx")["body"])


@settings(SETTINGS, max_examples=20)
@given(prefix=covered_text, bad=st.sampled_from(uncovered_alphabet()), suffix=covered_text)
def test_uncovered_character_is_a_missing_glyph(
    target: Target, prefix: str, bad: str, suffix: str
) -> None:
    text = prefix + bad + suffix
    _write(target, text)
    project = load_project(target.root)
    registry = FontRegistry.from_config(project.root, project.config["fonts"])
    result = check_project(project, registry)
    messages = [d.message for d in result.errors if d.code == "missing-glyph"]
    assert (
        f"U+{ord(bad):04X} '{bad}' cannot be drawn by any configured font; "
        "replace it or add a font that has it" in messages
    )
    assert all(d.code == "missing-glyph" for d in result.errors)


@SETTINGS
@given(text=st.text(st.characters(exclude_categories=("Cs",)), max_size=30))
def test_any_text_builds_or_is_a_reportgen_error(target: Target, text: str) -> None:
    target.run(with_background(target.original, text))


def test_alphabets_are_sane() -> None:
    assert "A" in covered_alphabet() and "港" in covered_alphabet()
    assert "\U0001f600" in uncovered_alphabet()


def test_fuzz_harness_for_a_few_seconds(target: Target) -> None:
    """tests/fuzz_build.py, briefly: mutated YAML builds or fails with reportgen's errors only."""
    before = target.runs
    fuzz(8.0, target)
    assert target.runs > before
