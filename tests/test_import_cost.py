"""What the build path no longer pays for at start-up: a pattern with a Han class of its own
(typed-numbering, still the same matches), dataclass docstrings made from
signatures, a Han class built twice."""

from __future__ import annotations

import ast
import random
import re
from pathlib import Path

from reportgen.valuechecks import numbering
from reportgen.valuechecks.base import CJK, CJK_RE


def test_typed_numbering_same_as_the_one_pattern_it_was() -> None:
    n = numbering._N
    old = re.compile(
        rf"^\s*(第{n}[條章節部段項]|附件{n}(?![{CJK}])|[（(]{n}[）)]|{n}\s*[、.．]|[0-9]+(\.[0-9]+)+)"
    )
    pieces = ["附件", "第", "條", "（", "）", "、", ".", " ", "\u3000", "\t", "一", "二", "十"]
    pieces += ["1", "2", "１", "覽", "目的", "a", "𨋢", "A", "：", "附"]
    rng = random.Random(17)
    texts = ["附件一", "附件一覽", "附件12目", "附件1一目", " 附件二：", "附件", "附件十𨋢"]
    texts += ["附件３", "\u3000附件3"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 7))) for _ in range(5000)]
    for text in texts:
        theirs = old.match(text)
        assert numbering._typed_zh(text) == (theirs and theirs.group(0)), repr(text)


def test_value_checks_han_pattern_finds_the_same_characters_as_the_class_alone() -> None:
    every = "".join(chr(cp) for cp in range(0x110000))
    alone = re.compile(f"[{CJK}]")
    assert [m.start() for m in CJK_RE.finditer(every)] == [m.start() for m in alone.finditer(every)]
    assert CJK_RE.match("𨋢") and CJK_RE.search("abc 中文") and not CJK_RE.search("한글 abc")


def test_every_dataclass_has_a_docstring() -> None:
    """dataclasses makes a docstring from inspect.signature for a class without one: ~0.14 ms
    a class at import (30 on a build's path)."""
    package = Path(__file__).resolve().parents[1] / "src" / "reportgen"
    missing = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef) or ast.get_docstring(node) is not None:
                continue
            if any(ast.unparse(d).startswith("dataclass") for d in node.decorator_list):
                missing.append(f"{path.relative_to(package)}:{node.lineno} {node.name}")
    assert missing == []
