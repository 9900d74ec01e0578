# ruff: noqa: E501 - exact diagnostic lines are clearer unbroken
from pathlib import Path

import pytest

from reportgen.loader import load_yaml


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "x.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    src, diags = load_yaml(path, "en")
    return src, [d.format(tmp_path) for d in diags]


def test_every_scalar_is_text_as_typed(tmp_path):
    src, diags = load(tmp_path, "a: no\nb: 1.10\nc: 12:30\nd: 2021-09-23\ne: ~\n")
    assert diags == []
    assert src.data == {"a": "no", "b": "1.10", "c": "12:30", "d": "2021-09-23", "e": None}


def test_values_keep_their_lines(tmp_path):
    src, _ = load(tmp_path, "top:\n  list:\n    - one\n    - |\n      two\n")
    assert src.lines[("top", "list", 0)] == (3, 7)
    assert src.lines[("top", "list", 1)][0] == 4
    assert src.key_lines[("top", "list")] == (2, 3)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "a: 1\nb: 2\na: 3\n",
            "x.yaml:3:1: error yaml-syntax: duplicate key 'a' (first at line 1)",
        ),
        (
            "a: &x 1\nb: 2\n",
            "x.yaml:1:4: error yaml-syntax: anchors (&name) are not allowed; write the value out",
        ),
        (
            "a:\n\t- 1\n",
            "x.yaml:2:1: error yaml-syntax: tab character; YAML needs spaces for indentation (use spaces)",
        ),
        (
            "a: x\x07y\n",
            "x.yaml:1:5: error yaml-syntax: control character U+0007 is not allowed; delete it",
        ),
        (  # PyYAML finds an unclosed quote only at the end of the file: the quote is the place
            'cover:\n  title: "Briefing Pack\n  venue: Guangzhou\nnote: x\n',
            'x.yaml:2:10: error yaml-syntax: the value starting with " here is never closed; add the closing " at its end, or remove this one',
        ),
        (  # a Chinese typist's colon after a key: reported on its own line, not the next
            "cover:\n  note：只供代表團成員參閱\n  venue: 廣州\n",
            "x.yaml:2:3: error yaml-syntax: 'note' is followed by a full-width colon '：'; a key needs the ASCII colon ':' and a space",
        ),
        (
            "cover:\n  title: 簡報資料\n  note：只供代表團成員參閱\nprogramme:\n  heading: 行程\n",
            "x.yaml:3:3: error yaml-syntax: 'note' is followed by a full-width colon '：'; a key needs the ASCII colon ':' and a space",
        ),
        (
            b"a: caf\xe9\n",
            "x.yaml:1:7: error encoding: invalid UTF-8 (byte 0xE9); save the file as UTF-8",
        ),
    ],
)
def test_refused_input_names_file_and_line(tmp_path, text, line):
    src, diags = load(tmp_path, text)
    assert src is None
    assert diags == [line]


def test_alias_bomb_is_refused_quickly(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    src, diags = load(tmp_path, bomb)
    assert src is None and "anchors" in diags[0]


def test_syntax_error_has_location(tmp_path):
    _, diags = load(tmp_path, "a: [1, 2\nb: 3\n")
    assert diags[0].startswith("x.yaml:2:2: error yaml-syntax: while parsing a flow sequence")
