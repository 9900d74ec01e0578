"""Tagged PDF and PDF/A, read back with tools that did not write them: poppler's
``pdfinfo -struct-text`` (tree, text of each element), pikepdf (marked content against
the ParentTree, attributes, metadata) and Apache PDFBox Preflight (PDF/A-1b)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
import yaml
from conftest import REPO, make_project
from read_tags import (
    TEXT_ROLES,
    elements,
    has_pdfinfo,
    is_subsequence,
    marked_content_problems,
    struct_text,
    texts,
)
from test_cli_errors import run

from reportgen import __version__
from reportgen.build import BuildOptions, build
from reportgen.messages import messages
from reportgen.templating import paragraphs
from reportgen.writers.pdf_tags import (
    StructNode,
    add_drawn,
    glue,
    needs_actual_text,
    with_spaces,
)

EPOCH = 1632355200
needs_pdfinfo = pytest.mark.skipif(
    not has_pdfinfo(), reason="poppler's pdfinfo is not installed (apt-get install poppler-utils)"
)
GENERATED = [
    "briefing-pack.en.pdf",
    "briefing-pack.zh.pdf",
    "briefing-pack.bilingual.pdf",
    "briefing-pack.zh-Hans.pdf",
    "annex-1.en.pdf",
    "annex-1.zh.pdf",
    "annex-2.zh.pdf",
]


def _content(lang: str, doc: str) -> dict:
    return yaml.safe_load((REPO / "content" / lang / f"{doc}.yaml").read_text(encoding="utf-8"))


# --- the structure tree, read by poppler -----------------------------------------------------


@needs_pdfinfo
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_memorandum_reads_as_its_content(sample_build: Path, lang: str) -> None:
    """Every paragraph of the content YAML is an element whose text is exactly that
    paragraph (line breaks, split pages and all), in the content's order."""
    text = _content(lang, "annex-1")
    wanted = paragraphs(text["preamble"])
    for article in text["articles"]:
        wanted += paragraphs(article["text"])
    wanted += paragraphs(text.get("closing", ""))
    found = texts(struct_text(sample_build / f"annex-1.{lang}.pdf"))
    missing = [w for w in wanted if w not in found]
    assert not missing, f"not an element's text: {missing[0][:80]}…"
    assert is_subsequence(wanted, found)


@needs_pdfinfo
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_signature_blocks_read_party_by_party(sample_build: Path, lang: str) -> None:
    """Side by side on the page, one party's block after the other in the structure (a
    reader that goes line by line across both columns would interleave them)."""
    sig = _content(lang, "annex-1")["signatures"]
    found = texts(struct_text(sample_build / f"annex-1.{lang}.pdf"))
    order = []
    for party in sig.values():
        order += [messages(lang)["for_party"].format(party=party["party"])]
        order += [messages(lang)["signature_line"], party["name"], party["title"]]
    assert is_subsequence(order, found), order
    first, second = list(sig.values())
    assert found.index(first["title"]) < found.index(order[4])  # A's block ends before B's


@needs_pdfinfo
def test_bilingual_pairs_read_english_then_chinese(sample_build: Path) -> None:
    """Each side-by-side pair: the English element, then its Chinese one."""
    en, zh = _content("en", "briefing-pack"), _content("zh", "briefing-pack")
    tree = struct_text(sample_build / "briefing-pack.bilingual.pdf")
    found = texts(tree, ("Span", *TEXT_ROLES))
    heading = next(i for i, f in enumerate(found) if f.endswith(en["background"]["heading"]))
    assert found[heading + 1].endswith(zh["background"]["heading"])
    pairs = list(
        zip(
            paragraphs(en["background"]["paragraphs"][0]),
            paragraphs(zh["background"]["paragraphs"][0]),
            strict=True,
        )
    )
    for e, z in pairs:
        assert found.index(z) == found.index(e) + 1, (e[:40], z[:40])


@needs_pdfinfo
def test_bilingual_heading_is_one_heading_element(sample_build: Path) -> None:
    """A bilingual heading is one H element (a reader lists each section once) whose two
    Spans are the English half, then the Chinese half, the Chinese in its language."""
    en, zh = _content("en", "briefing-pack"), _content("zh", "briefing-pack")
    tree = struct_text(sample_build / "briefing-pack.bilingual.pdf")
    heads = [i for i, e in enumerate(tree) if e.role in ("H1", "H2", "H3")]
    assert all(not tree[i].texts for i in heads[1:])  # the halves are in the Spans
    spans = [[tree[i + 1].text, tree[i + 2].text] for i in heads[1:]]
    assert all(tree[i + 1].role == tree[i + 2].role == "Span" for i in heads[1:])
    assert len(spans) == len({h for h, _ in spans}) > 10  # one element per section
    background = [s for s in spans if s[0].endswith(en["background"]["heading"])]
    assert len(background) == 1 and background[0][1].endswith(zh["background"]["heading"])
    with pikepdf.open(sample_build / "briefing-pack.bilingual.pdf") as pdf:
        halves = [
            (lang, str(e.P.S))
            for e, lang in elements(pdf)
            if str(e.S) == "/Span" and str(e.P.S) in ("/H1", "/H2")
        ]
        assert halves[:2] == [("en-GB", "/H1"), ("zh-HK", "/H1")], halves[:2]


@needs_pdfinfo
def test_headings_step_one_level_at_a_time(sample_build: Path) -> None:
    for name in GENERATED:
        level = 0
        for elem in struct_text(sample_build / name):
            if elem.role in ("H1", "H2", "H3"):
                new = int(elem.role[1])
                assert new <= level + 1, f"{name}: {elem.role} after H{level}: {elem.text}"
                level = new


@needs_pdfinfo
def test_contents_lists_and_tables_have_their_roles(sample_build: Path) -> None:
    tree = struct_text(sample_build / "briefing-pack.en.pdf")
    roles = [e.role for e in tree]
    for role in ("TOC", "TOCI", "Link", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD"):
        assert role in roles, role
    heads = [e.text for e in tree if e.role == "TH"]  # a cell of one paragraph holds it
    assert "Time" in heads, heads
    programme = _content("en", "briefing-pack")["programme"]["heading"]
    toc = [e.text for e in tree if e.role == "Link"]
    assert any(t.endswith(programme) for t in toc), toc[:3]
    first = next(i for i, e in enumerate(tree) if e.role == "Link")
    assert tree[first + 1].role == "Span" and tree[first + 1].text.isdigit()


@needs_pdfinfo
def test_bilingual_lists_and_cells_are_compact(sample_build: Path) -> None:
    """A bilingual list is one L whose items read English, Chinese, ... each in its
    language (not a list of one item per half); a bullet is an artifact (a number stays a
    Lbl); a bilingual cell holds its English itself and its Chinese as a P."""
    path = sample_build / "briefing-pack.bilingual.pdf"
    tree = struct_text(path)
    assert "•" not in [e.text for e in tree if e.role == "Lbl"]
    assert "1." in [e.text for e in tree if e.role == "Lbl"]
    with pikepdf.open(path) as pdf:
        runs = []
        for elem, _ in elements(pdf):
            if str(elem.S) == "/L":
                kids = elem.K if isinstance(elem.K, pikepdf.Array) else [elem.K]
                runs.append([str(k.get("/Lang", "")) for k in kids])
        longest = max(runs, key=len)
        assert len(longest) >= 4 and longest[1::2] == ["zh-HK"] * (len(longest) // 2), longest
        cells = [e for e, _ in elements(pdf) if str(e.S) == "/TD"]
        mixed = [c for c in cells if isinstance(c.K, pikepdf.Array) and isinstance(c.K[0], int)]
        assert mixed and all(str(c.K[-1].Lang) == "zh-HK" for c in mixed)
    assert marked_content_problems(pikepdf.open(path)) == []


# --- marked content, read by pikepdf ---------------------------------------------------------


@pytest.mark.parametrize("name", GENERATED)
def test_every_glyph_is_tagged_or_an_artifact(sample_build: Path, name: str) -> None:
    with pikepdf.open(sample_build / name) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert marked_content_problems(pdf) == []
        assert all("/StructParents" in page.obj for page in pdf.pages)


def test_pack_tags_its_generated_parts(sample_build: Path) -> None:
    """The annex pack keeps the tags of its cover, list and generated annexes; only the
    attached signed copy, merged unchanged, is untagged."""
    with pikepdf.open(sample_build / "annex-pack.en.pdf") as pdf:
        attached = len(pikepdf.open(REPO / "attachments" / "signed-scan-sample.pdf").pages)
        untagged = [
            i for i in range(len(pdf.pages)) if marked_content_problems(pdf, range(i, i + 1))
        ]
        assert len(untagged) == attached, untagged
        assert untagged == list(range(untagged[0], untagged[0] + attached))
        assert all("/StructParents" not in pdf.pages[i].obj for i in untagged)
        tagged = [i for i in range(len(pdf.pages)) if i not in untagged]
        assert sum("/StructParents" in pdf.pages[i].obj for i in tagged) >= 5  # blanks: none
        roles = [str(e.S) for e, _ in elements(pdf)]
        assert roles.count("/Part") == 2  # annex 1 and 2
        assert "/Table" in roles  # the list of annexes


@needs_pdfinfo
def test_page_furniture_is_an_artifact(sample_build: Path) -> None:
    """Running header, classification and page numbers are in no element; the contents
    page numbers are (in their entry's Link)."""
    tree = struct_text(sample_build / "annex-1.en.pdf")
    found = [t for e in tree for t in e.texts]
    assert "RESTRICTED" not in found and not any("Page 1 of" in t for t in found)
    contents = struct_text(sample_build / "briefing-pack.en.pdf")
    number = next(e for e in contents if e.role == "Span")
    assert number.text.isdigit(), number.texts


def test_languages_where_they_differ(sample_build: Path) -> None:
    with pikepdf.open(sample_build / "briefing-pack.bilingual.pdf") as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert "<rdf:li>en-GB</rdf:li>" in pdf.Root.Metadata.read_bytes().decode()
        langs = {lang for elem, lang in elements(pdf) if str(elem.S) == "/P"}
        assert langs == {"en-GB", "zh-HK"}
        own = [str(e.Lang) for e, _ in elements(pdf) if "/Lang" in e]
        assert set(own) <= {"zh-HK", "en-GB"} and "zh-HK" in own
    with pikepdf.open(sample_build / "briefing-pack.zh.pdf") as pdf:
        assert str(pdf.Root.Lang) == "zh-HK"
    with pikepdf.open(sample_build / "briefing-pack.zh-Hans.pdf") as pdf:
        assert str(pdf.Root.Lang) == "zh-CN"
        assert "<rdf:li>zh-CN</rdf:li>" in pdf.Root.Metadata.read_bytes().decode()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_copy_gives_the_source_text_where_han_meets_latin(sample_build: Path) -> None:
    """Han next to Latin has a quarter-em space that is layout only: the piece carries
    /ActualText (in a Span, where poppler and pdfium read it), so a copy by position gives
    the text, not "2021 年 9 月 23 日"."""
    out = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(sample_build / "briefing-pack.zh.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "2021年9月23日" in out.splitlines(), out


def test_copy_by_pdfium_gives_the_source_text_where_han_meets_latin(sample_build: Path) -> None:
    """pdfium (Chrome's viewer) puts a Span's /ActualText at its first glyph: the span runs
    to the line's end, so no space is made up after it."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(sample_build / "annex-1.zh.pdf"))
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    assert "2021年9月23日於成都簽署" in text
    assert "雙方加強2019冠狀病毒病疫情常態化防控" in text


def test_spaces_dropped_at_line_ends_are_drawn_again() -> None:
    from reportgen.linebreak import Line, Placed

    node = StructNode("P", text="Hong Kong  and Sichuan")
    lines = [
        Line([Placed("Hong", "F", 10, 0), Placed(" ", "F", 10, 20), Placed("Kong", "F", 10, 25)]),
        Line([Placed("and Sichuan", "F", 10, 0)]),
    ]
    out = with_spaces(lines, node)
    assert "".join(i.text for line in out for i in line.items) == node.text
    assert [i.x for line in out for i in line.items] == [0, 20, 25, 0]
    assert lines[0].items[2].text == "Kong"  # the laid-out lines are not changed
    add_drawn(node, "Hong Kong ")
    add_drawn(node, " and Sichuan")  # drawn in two pieces (a split paragraph)
    assert not needs_actual_text(node)
    short = StructNode("P", text="a b")
    add_drawn(short, "ab")
    assert needs_actual_text(short)
    short = StructNode("P", text="a b")
    add_drawn(short, "a")  # only part of the text drawn
    assert needs_actual_text(short)


def test_actual_text_only_from_the_first_autospace_to_the_line_end() -> None:
    """Where Han meets Latin, a Span with /ActualText covers the glyph before the first
    autospace to the end of its line (not the whole paragraph); lines without are plain."""
    runs = ["香港於", "2021", "年", "9", "月簽署", "二〇二一年", "Hong Kong"]
    lines = [0.0, 0.0, 0.0, 0.0, 0.0, -15.0, -30.0]
    cuts, spans = glue(runs, lines)
    assert spans == ["於2021年9月簽署"]
    assert cuts[0] == [("香港", -1), ("於", 0)]
    assert all(cuts[k] == [(runs[k], 0)] for k in range(1, 5))
    assert 5 not in cuts and 6 not in cuts  # drawn whole, in no span
    assert glue(["於二〇二一年"], [0.0]) == ({}, [])


# --- PDF/A and PDF/UA ------------------------------------------------------------------------


def test_pdfa_2u_by_default(sample_build: Path) -> None:
    for name in GENERATED:
        with pikepdf.open(sample_build / name) as pdf:
            meta = pdf.open_metadata()
            assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "U", name
            assert meta["pdfuaid:part"] == "1", name
            assert meta["dc:title"] == str(pdf.docinfo.Title)
            assert meta["pdf:Producer"] == str(pdf.docinfo.Producer)
            assert meta["pdf:Producer"].startswith(f"reportgen {__version__} (")
            assert meta["xmp:CreatorTool"] == str(pdf.docinfo.Creator)
            assert meta["xmp:CreateDate"] == "2021-09-23T00:00:00+00:00"
            assert str(pdf.docinfo.CreationDate) == "D:20210923000000+00'00'"
            assert "/Filter" not in pdf.Root.Metadata.stream_dict
            (intent,) = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFA1"
            profile = intent.DestOutputProfile
            assert profile.N == 3 and profile.read_bytes()[36:40] == b"acsp"
            assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
            assert len(pdf.trailer.ID) == 2 and pdf.trailer.ID[0] == pdf.trailer.ID[1]
            for page in pdf.pages:
                for annot in page.obj.get("/Annots", []):
                    assert int(annot.F) & 4, "annotations print"
                    assert "/StructParent" in annot
                    assert str(annot.Contents), "a link says where it goes"


def test_pack_keeps_pdfa_when_its_attachment_is_pdfa(sample_build: Path) -> None:
    """The sample's attached signed copy is PDF/A-2u: the pack claims PDF/A-2u, but not
    PDF/UA (the attachment's pages are not tagged)."""
    with pikepdf.open(sample_build / "annex-pack.en.pdf") as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "U"
        assert "pdfuaid:part" not in meta
        assert "/OutputIntents" in pdf.Root and "/StructTreeRoot" in pdf.Root


def _plain_attachment(root: Path) -> None:
    """The project's attachment replaced by a PDF that is not PDF/A (fonts embedded)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("PlainSerif", str(root / "fonts" / "NotoSerif-Regular.ttf")))
    canvas = Canvas(str(root / "attachments" / "signed-scan-sample.pdf"), invariant=1)
    canvas.setFont("PlainSerif", 12)
    canvas.drawString(100, 700, "Signed copy")
    canvas.save()


def test_attachment_that_is_not_pdfa_is_a_warning_and_no_claim(project: Path) -> None:
    _plain_attachment(project)
    code, _, err = run("check", cwd=project)
    assert code == 0
    assert "'attachments/signed-scan-sample.pdf' is not PDF/A-2u" in err
    assert "written without the PDF/A-2u claim" in err
    build(project, BuildOptions(docs=["annex-pack"], editions=["en"], epoch=EPOCH))
    with pikepdf.open(project / "build" / "annex-pack.en.pdf") as pdf:
        meta = pdf.open_metadata()
        assert "pdfaid:part" not in meta and "pdfuaid:part" not in meta
        assert "/OutputIntents" not in pdf.Root
        assert "/StructTreeRoot" in pdf.Root  # tagged all the same


def _configure(root: Path, settings: str, drop_attachment: bool = False) -> None:
    config = root / "reportgen.yaml"
    text = config.read_text(encoding="utf-8") + settings
    if drop_attachment:
        lines = text.splitlines(keepends=True)
        start = next(i for i, line in enumerate(lines) if "pdf: attachments/" in line)
        end = start + 1
        while end < len(lines) and lines[end].startswith("         "):
            end += 1
        text = "".join(lines[:start] + lines[end:])
    config.write_text(text, encoding="utf-8")


def test_untagged_plain_pdf_when_configured(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    _configure(root, "pdf:\n  standard: none\n  tagged: false\n")
    build(root, BuildOptions(docs=["annex-2"], formats=["pdf"], epoch=EPOCH))
    with pikepdf.open(root / "build" / "annex-2.zh.pdf") as pdf:
        assert "/StructTreeRoot" not in pdf.Root and "/Metadata" not in pdf.Root
        assert "/OutputIntents" not in pdf.Root
        assert all(
            str(op) not in ("BDC", "BMC")
            for page in pdf.pages
            for _, op in pikepdf.parse_content_stream(page)
        )


def test_unknown_standard_is_a_config_error(project: Path) -> None:
    _configure(project, "pdf:\n  standard: PDF/A-9z\n")
    code, _, err = run("check", cwd=project)
    assert code == 1 and "config" in err and "PDF/A-9z" in err


def preflight() -> Path | None:
    """``shared/tools/pdfa-preflight`` beside the repository or one of its parents (CI
    runs from a clone in another folder with shared/ beside it)."""
    for folder in [REPO, *REPO.parents]:
        tool = folder / "shared" / "tools" / "pdfa-preflight"
        if tool.is_file():
            return tool
    return None


def test_pdfa_1b_passes_pdfbox_preflight(tmp_path: Path) -> None:
    tool = preflight()
    if tool is None:
        pytest.skip("shared/tools/pdfa-preflight not found beside the repository")
    if shutil.which("java") is None or not Path("/usr/share/java/preflight.jar").is_file():
        pytest.skip(
            "PDF/A validation needs Java and libpdfbox2-java (apt-get install -y "
            "default-jdk-headless libpdfbox2-java libactivation-java libjaxb-api-java)"
        )
    root = make_project(tmp_path)
    _configure(root, "pdf:\n  standard: PDF/A-1b\n", drop_attachment=True)
    build(root, BuildOptions(formats=["pdf"], editions=["zh", "bilingual"], epoch=EPOCH))
    build(root, BuildOptions(docs=["annex-pack"], editions=["en"], epoch=EPOCH))
    files = [
        root / "build" / n
        for n in ("annex-1.zh.pdf", "briefing-pack.bilingual.pdf", "annex-pack.en.pdf")
    ]
    result = subprocess.run([str(tool), *map(str, files)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("VALID PDF/A-1b") == len(files)
    with pikepdf.open(files[-1]) as pdf:
        assert pdf.pdf_version == "1.4"
        assert pdf.open_metadata()["pdfaid:part"] == "1"
        assert pdf.open_metadata()["pdfuaid:part"] == "1"


def test_reproducible_with_source_date_epoch(sample_build: Path, tmp_path: Path) -> None:
    root = make_project(tmp_path)
    build(root, BuildOptions(docs=["annex-2"], formats=["pdf"], epoch=EPOCH))
    new = (root / "build" / "annex-2.zh.pdf").read_bytes()
    assert new == (sample_build / "annex-2.zh.pdf").read_bytes()
