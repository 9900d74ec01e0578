# ruff: noqa: E501 - exact diagnostic lines are clearer unbroken
"""A content file saved in another encoding: the error names the encoding and says what to
do (round qa2; before, every case said only "invalid UTF-8")."""

from pathlib import Path

import pytest

from reportgen.encoding_guess import guess_encoding
from reportgen.loader import load_yaml

TEXT = "cover:\n  title: 簡報資料\n  venue: 廣州\n"
SAVE = 'save it as UTF-8 (in the editor\'s "Save As", choose the encoding "UTF-8")'


def load(tmp_path: Path, data: bytes):
    path = tmp_path / "x.yaml"
    path.write_bytes(data)
    src, diags = load_yaml(path, "zh")
    return src, [d.format(tmp_path) for d in diags]


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (
            TEXT.encode("utf-16"),
            f"x.yaml:1:1: error encoding: the file is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8; {SAVE}",
        ),
        (
            TEXT.encode("utf-16-be"),
            f"x.yaml:1:1: error encoding: the file is UTF-16, not UTF-8; {SAVE}",
        ),
        (  # valid UTF-8 as bytes (ASCII and NULs): caught by its NULs, not as "control character"
            "a: b\nc: d\n".encode("utf-16-le"),
            f"x.yaml:1:1: error encoding: the file is UTF-16, not UTF-8; {SAVE}",
        ),
        (
            TEXT.encode("big5"),
            f"x.yaml:2:10: error encoding: the file looks like Big5 (Traditional Chinese), not UTF-8; {SAVE}",
        ),
        (
            "cover:\n  title: 简报资料\n".encode("gb2312"),
            f"x.yaml:2:10: error encoding: the file looks like GB2312/GBK (Simplified Chinese), not UTF-8; {SAVE}",
        ),
        (  # not recognisable: the old message
            b"a: caf\xe9\n",
            "x.yaml:1:7: error encoding: invalid UTF-8 (byte 0xE9); save the file as UTF-8",
        ),
    ],
)
def test_other_encodings_are_named(tmp_path, data, line):
    src, diags = load(tmp_path, data)
    assert src is None
    assert diags == [line]


def test_utf8_byte_order_mark_is_accepted_silently(tmp_path):
    src, diags = load(tmp_path, b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert diags == []
    assert src.data == {"cover": {"title": "簡報資料", "venue": "廣州"}}
    assert src.lines[("cover", "title")] == (2, 10)


def test_big5_hkscs_and_long_files():
    text = "cover:\n  note: 𨋢大堂，鰂魚涌\n" + "  x: 行政長官會見傳媒\n" * 2000
    assert guess_encoding(text.encode("big5hkscs")) == "Big5 (Traditional Chinese)"
    assert guess_encoding(text.encode("utf-16-le")) == "UTF-16"
    assert guess_encoding(b"a: b\x00\n") is None  # a stray NUL is a control character


def test_stray_nul_in_utf8_stays_a_control_character_error(tmp_path):
    _, diags = load(tmp_path, b"a: b\x00\n")
    assert diags == [
        "x.yaml:1:5: error yaml-syntax: control character U+0000 is not allowed; delete it"
    ]
