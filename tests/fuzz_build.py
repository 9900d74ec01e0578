"""Fuzz the pipeline: YAML content -> check -> build, accepting only reportgen's own errors.

Run for a while::

    python tests/fuzz_build.py --seconds 20 [--seed N]

Inputs are the minimal fixture's English content file, mutated (lines dropped,
duplicated, re-indented, characters and YAML syntax spliced in), or with one value
replaced by arbitrary text. Every run must end in success or a
:class:`reportgen.errors.ReportgenError` (whose diagnostics use known codes); any
other exception is a bug and is printed with the input that caused it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import make_project  # noqa: E402

from reportgen.build import BuildOptions, build  # noqa: E402
from reportgen.diagnostics import CODES  # noqa: E402
from reportgen.errors import ReportgenError  # noqa: E402

EN = "content/en/briefing-pack.yaml"
SPLICES = [
    "&a ",
    "*a",
    "!!str ",
    "? ",
    "- ",
    ": ",
    "{",
    "}",
    "[",
    "]",
    "|",
    ">-",
    "'",
    '"',
    "#",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "<<: ",
    "~",
    "null",
    "\t",
    "\\",
    "\x07",
    "\ufeff",
    "\u2028",
    "<b>",
    "{{ 7*7 }}",
    "{% for %}",
    "&amp;",
    "𨋢",
    "\U0001f600",
    "\u0301",
    "  ",
    "\n",
    "\r\n",
    "heading",
    "items",
    "paragraphs",
    "0" * 5,
    "yes",
    "12:30",
]


def yaml_quote(text: str) -> str:
    """``text`` as a YAML double-quoted scalar: printable characters literal, others escaped."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == " " or ch.isprintable():
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


BACKGROUND_LINE = "    - |-\n      The Hong Kong/Sichuan co-operation mechanism was established"


def with_background(original: str, text: str) -> str:
    """The English content with its one background paragraph replaced by ``text``."""
    start = original.index(BACKGROUND_LINE)
    end = original.index("\n", original.index("\n", start) + 1) + 1
    return original[:start] + f"    - {yaml_quote(text)}\n" + original[end:]


@st.composite
def mutated(draw: st.DrawFn, original: str) -> str:
    lines = original.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "dup", "indent", "dedent", "splice", "text", "swap"]))
        if op == "drop":
            lines.pop(i)
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
        elif op == "dedent":
            lines[i] = lines[i].lstrip(" ")
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            piece = draw(st.sampled_from(SPLICES)) if op == "splice" else draw(st.text(max_size=8))
            col = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:col] + piece + lines[i][col:]
        if not lines:
            lines = [""]
    return "\n".join(lines)


def inputs(original: str) -> st.SearchStrategy[str | bytes]:
    texts = st.one_of(
        mutated(original),
        st.text(max_size=60).map(lambda t: with_background(original, t)),
    )
    raw = st.binary(max_size=40).map(lambda b: original.encode("utf-8") + b)
    return st.one_of(texts, texts, texts, raw)


class Target:
    """A minimal project in a temporary folder; ``run`` writes the content and builds."""

    def __init__(self, folder: Path) -> None:
        self.root = make_project(folder, "minimal")
        self.original = (self.root / EN).read_text(encoding="utf-8")
        self.runs = 0
        self.built = 0

    def run(self, content: str | bytes) -> None:
        path = self.root / EN
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
        self.runs += 1
        try:
            build(self.root, BuildOptions(epoch=1632355200, editions=["en"]))
        except ReportgenError as exc:
            assert str(exc) or exc.diagnostics
            assert all(d.code in CODES for d in exc.diagnostics)
            return
        self.built += 1


def fuzz(seconds: float, target: Target, examples: int = 15) -> None:
    """Run Hypothesis batches until ``seconds`` have passed; raise on the first real failure."""
    deadline = time.monotonic() + seconds

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    @given(inputs(target.original))
    def one(content: str | bytes) -> None:
        target.run(content)

    while time.monotonic() < deadline:
        one()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="reportgen-fuzz-"))
    try:
        target = Target(folder)
        fuzz(args.seconds, target)
        print(f"ok: {target.runs} inputs, {target.built} built, only reportgen errors otherwise")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
