"""Hong Kong Traditional -> Simplified for the zh-Hans edition: phrase-aware, overrides first."""

from __future__ import annotations

from pathlib import Path

from reportgen.hans import convert_text, converter, to_simplified

REPO = Path(__file__).resolve().parents[1]


def test_phrase_aware_not_char_by_char() -> None:
    assert convert_text("頭髮") == "头发"
    assert convert_text("發展") == "发展"
    assert convert_text("乾淨") == "干净"
    assert convert_text("乾隆") == "乾隆"
    assert convert_text("香港特別行政區政府") == "香港特别行政区政府"


def test_converter_is_cached() -> None:
    assert converter() is converter()


def test_deep_conversion_keeps_structure(tmp_path: Path) -> None:
    data = {"a": ["發展", {"b": "頭髮"}], "n": None, "k": 3}
    assert to_simplified(data, None) == {"a": ["发展", {"b": "头发"}], "n": None, "k": 3}
    assert data["a"][0] == "發展"  # a copy


def test_project_overrides_apply_first() -> None:
    overrides = REPO / "overrides.yaml"
    text = {"t": "甯漢豪局長與曾國衞局長：「一帶一路」"}
    assert to_simplified(text, overrides) == {"t": "甯汉豪局长与曾国卫局长：“一带一路”"}
    assert to_simplified(text, None) == {"t": "宁汉豪局长与曾国卫局长：「一带一路」"}


def test_missing_overrides_file_is_no_overrides(tmp_path: Path) -> None:
    assert to_simplified("發展", tmp_path / "none.yaml") == "发展"


def test_custom_overrides_longest_first(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yaml"
    path.write_text("發展: 發展\n發展局: 发展局（名称）\n", encoding="utf-8")
    assert to_simplified("發展局推動發展", path) == "发展局（名称）推动發展"


def test_zh_hans_edition_prints_simplified_classification(tmp_path: Path) -> None:
    """The marking on the cover and in every header comes from reportgen.yaml: converted too."""
    from conftest import make_project

    from reportgen.build import BuildOptions, prepare

    root = make_project(tmp_path, "minimal")
    builder = prepare(root, BuildOptions(), None, ["briefing-pack"], {"zh-Hans"})
    document = builder.model("briefing-pack", "zh-Hans")
    assert document.page.header_left == "限阅文件"
    first = document.blocks[0]
    assert getattr(first, "text", "") == "限阅文件"
