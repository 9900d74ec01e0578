"""The annex pack: one PDF for duplex printing, asserted on the output itself.

Fixture tests/roots/pack: annex-1 (Chinese authoritative, English unofficial
translation, twelve articles), annex-2 (Chinese only), and the repository's
attachments/signed-scan-sample.pdf as annex 3 (an existing PDF, merged as is).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from conftest import REPO, make_project
from inspect_outputs import pdf_problems
from pypdf import PdfReader

from reportgen.build import BuildOptions, build
from reportgen.errors import ContentError
from reportgen.formatting import chinese_numeral

EPOCH = 1632355200
SAMPLE = REPO / "attachments" / "signed-scan-sample.pdf"
BLANK = {"en": "This page is intentionally left blank", "zh": "此頁空白"}
CLASSIFICATION = {"en": "RESTRICTED", "zh": "限閱文件"}


def _project(tmp_path: Path) -> Path:
    root = make_project(tmp_path, "pack")
    (root / "attachments").mkdir(exist_ok=True)
    shutil.copy2(SAMPLE, root / "attachments" / SAMPLE.name)
    return root


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = _project(tmp_path_factory.mktemp("pack"))
    build(root, BuildOptions(docs=["annex-pack"], epoch=EPOCH))
    return {ed: (root / "build" / f"annex-pack.{ed}.pdf").read_bytes() for ed in ("en", "zh")}


def _reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def _texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def _bookmarks(reader: PdfReader) -> list[tuple[str, int]]:
    out = []
    for item in reader.outline:
        assert not isinstance(item, list), "one level of bookmarks only"
        out.append((item.title, reader.get_destination_page_number(item) + 1))
    return out


def _annex_starts(reader: PdfReader) -> dict[str, int]:
    """Annex bookmarks (after the cover's and the list's) and their 1-based pages."""
    return dict(_bookmarks(reader)[2:])


@pytest.mark.parametrize("ed", ["en", "zh"])
def test_total_pages_even_and_annexes_start_on_odd_pages(packs: dict[str, bytes], ed: str) -> None:
    reader = _reader(packs[ed])
    assert len(reader.pages) % 2 == 0
    starts = _annex_starts(reader)
    assert len(starts) == 3
    assert all(page % 2 == 1 for page in starts.values()), starts
    assert list(starts.values()) == sorted(starts.values())


@pytest.mark.parametrize("ed", ["en", "zh"])
def test_bookmarks_cover_list_and_one_per_annex(packs: dict[str, bytes], ed: str) -> None:
    marks = _bookmarks(_reader(packs[ed]))
    assert marks[0] == (("Cover" if ed == "en" else "封面"), 1)
    assert marks[1] == (("List of Annexes" if ed == "en" else "附件一覽"), 3)
    labels = [t.split(":")[0].split("　")[0] for t, _ in marks[2:]]
    expected = [f"Annex {n}" for n in (1, 2, 3)] if ed == "en" else ["附件一", "附件二", "附件三"]
    assert labels == expected


@pytest.mark.parametrize("ed", ["en", "zh"])
def test_blank_pages_are_marked_and_classified(packs: dict[str, bytes], ed: str) -> None:
    reader = _reader(packs[ed])
    texts = _texts(reader)
    starts = set(_annex_starts(reader).values())
    blanks = [n for n, text in enumerate(texts, 1) if BLANK[ed] in text]
    # cover, blank, list, blank | annex 1: 2 pages | annex 2: 1 page, blank | annex 3: 3, blank
    assert blanks == [2, 4, 8, 12]
    for n in blanks:
        assert CLASSIFICATION[ed] in texts[n - 1], f"blank page {n} has no classification"
        assert n + 1 in starts | {3} or n == len(texts), f"needless blank page {n}"
        assert " – " not in texts[n - 1], "a blank page is no page of an annex (no footer)"


@pytest.mark.parametrize("ed", ["en", "zh"])
def test_every_page_carries_the_classification(packs: dict[str, bytes], ed: str) -> None:
    texts = _texts(_reader(packs[ed]))
    marks = (CLASSIFICATION["en"], CLASSIFICATION["zh"])  # a Chinese-only annex keeps its own
    missing = [n for n, t in enumerate(texts, 1) if not any(mk in t for mk in marks)]
    assert not missing


def test_footers_name_the_annex_and_its_pages(packs: dict[str, bytes]) -> None:
    reader = _reader(packs["en"])
    texts = _texts(reader)
    starts = _annex_starts(reader)
    for n, (title, first) in enumerate(starts.items(), 1):
        text = texts[first - 1]
        assert f"Annex {n} – Page 1 of " in text, (title, text[-200:])
        total = int(text.split(f"Annex {n} – Page 1 of ")[1].split()[0])
        last = texts[first + total - 2]
        assert f"Annex {n} – Page {total} of {total}" in last


def test_chinese_footers(packs: dict[str, bytes]) -> None:
    text = "\n".join(_texts(_reader(packs["zh"])))
    for label in ("附件一", "附件二", "附件三"):
        assert f"{label} – 第 1 頁，共 " in text


def test_chinese_article_numbers_generated(packs: dict[str, bytes]) -> None:
    reader = _reader(packs["zh"])
    starts = list(_annex_starts(reader).values())
    annex1 = "".join(p.extract_text() for p in reader.pages[starts[0] - 1 : starts[1] - 1])
    for n in range(1, 13):
        assert f"第{chinese_numeral(n)}條" in annex1
    assert "第十二條" in annex1 and "第十三條" not in annex1


def test_english_pack_has_unofficial_translation_and_chinese_only_annex(
    packs: dict[str, bytes],
) -> None:
    reader = _reader(packs["en"])
    text = "\n".join(_texts(reader))
    assert "Unofficial translation. The Chinese text is authoritative." in text
    assert "Article 12" in text
    assert "港川商貿合作協議" in text  # annex 2 exists in Chinese only
    assert "Chinese text only" in _texts(reader)[2]  # the list says so


def test_list_of_annexes(packs: dict[str, bytes]) -> None:
    page = _texts(_reader(packs["en"]))[2]
    assert "List of Annexes" in page
    for n in (1, 2, 3):
        assert f"Annex {n}" in page
    assert "Memorandum of Understanding on Deepening" in page


def test_external_pdf_merged_unchanged(packs: dict[str, bytes]) -> None:
    original = PdfReader(SAMPLE)
    reader = _reader(packs["en"])
    first = _annex_starts(reader)[next(t for t in _annex_starts(reader) if t.startswith("Annex 3"))]
    for i, src in enumerate(original.pages):
        merged = reader.pages[first - 1 + i]
        # the original content stream is inside the merged page's, byte for byte
        assert src.get_contents().get_data().strip() in merged.get_contents().get_data()
        # and its text reads the same, with the pack's stamp added
        text = merged.extract_text()
        for line in src.extract_text().splitlines():
            assert line in text
        assert f"Annex 3 – Page {i + 1} of {len(original.pages)}" in text
        assert "RESTRICTED" in text
        assert merged.mediabox == src.mediabox


def test_metadata(packs: dict[str, bytes]) -> None:
    en, zh = _reader(packs["en"]), _reader(packs["zh"])
    assert en.metadata.title.startswith("Annexes – ")
    assert zh.metadata.title.startswith("附件 – ")
    assert en.trailer["/Root"]["/Lang"] == "en-GB"
    assert zh.trailer["/Root"]["/Lang"] == "zh-HK"
    assert en.trailer["/ID"][0] == en.trailer["/ID"][1]


def test_reproducible_with_source_date_epoch(packs: dict[str, bytes], tmp_path: Path) -> None:
    root = _project(tmp_path)
    build(root, BuildOptions(docs=["annex-pack"], editions=["en"], epoch=EPOCH))
    assert (root / "build" / "annex-pack.en.pdf").read_bytes() == packs["en"]


def test_qpdf_check(packs: dict[str, bytes], tmp_path: Path) -> None:
    for edition, data in packs.items():
        path = tmp_path / f"pack.{edition}.pdf"
        path.write_bytes(data)
        assert pdf_problems(path) == [], edition


def test_plain_build_includes_the_pack(tmp_path: Path) -> None:
    root = _project(tmp_path)
    build(root, BuildOptions(epoch=EPOCH))
    assert (root / "build" / "annex-pack.en.pdf").is_file()
    assert (root / "build" / "annex-1.zh.pdf").is_file()


def _edit_config(root: Path, old: str, new: str) -> None:
    path = root / "reportgen.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _error(root: Path) -> str:
    with pytest.raises(ContentError) as info:
        build(root, BuildOptions(docs=["annex-pack"], epoch=EPOCH))
    return "\n".join(d.message for d in info.value.diagnostics)


def test_refuses_missing_edition_of_a_part(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit_config(root, "- {document: annex-2}", "- {document: annex-2, edition: en}")
    assert "wants the en edition of 'annex-2', which has only zh" in _error(root)


def test_refuses_label_that_contradicts_the_facts(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit_config(root, "- {document: annex-2}", "- {document: annex-2, label: 5}")
    assert "labels 'annex-2' as annex 5, but its facts say number 2" in _error(root)


def test_refuses_two_annexes_with_one_number(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit_config(root, "label: 3}", "label: 2}")
    assert "two annexes numbered 2" in _error(root)


def test_refuses_external_pdf_without_label(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit_config(root, ", label: 3}", "}")
    assert "give 'attachments/signed-scan-sample.pdf' its annex number" in _error(root)


def test_signatures_never_alone_on_a_page(packs: dict[str, bytes]) -> None:
    reader = _reader(packs["zh"])
    texts = _texts(reader)
    starts = list(_annex_starts(reader).values())
    annex1_last = next(t for t in reversed(texts[starts[0] - 1 : starts[1] - 1]) if "附件一" in t)
    assert "香港特別行政區政府" in annex1_last and "下列簽署人經正式授權" in annex1_last
    annex2 = texts[starts[1] - 1]  # one page: the last article (no closing) with the signatures
    assert "第四條" in annex2 and "邱騰華" in annex2


def test_rotated_external_pages_keep_their_rotation(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    root = _project(tmp_path)
    writer = PdfWriter()
    for page, turn in zip(PdfReader(SAMPLE).pages, (90, 180, 270), strict=True):
        writer.add_page(page).rotate(turn)
    with (root / "attachments" / SAMPLE.name).open("wb") as fh:
        writer.write(fh)
    build(root, BuildOptions(docs=["annex-pack"], editions=["en"], epoch=EPOCH))
    reader = PdfReader(root / "build" / "annex-pack.en.pdf")
    first = list(_annex_starts(reader).values())[2]
    for i, turn in enumerate((90, 180, 270)):
        page = reader.pages[first - 1 + i]
        assert page.rotation == turn
        assert f"Annex 3 – Page {i + 1} of 3" in page.extract_text()
