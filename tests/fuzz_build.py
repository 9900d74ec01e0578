"""Fuzz the pipeline: content, templates and attached PDFs -> check -> build, accepting
only reportgen's own errors.

Run for a while::

    python tests/fuzz_build.py --seconds 20 [--target content|template|attachment|all]

Targets:

* ``content``: the minimal fixture's English content file, mutated (lines dropped,
  duplicated, re-indented, characters and YAML syntax spliced in), or with one value
  replaced by arbitrary text;
* ``template``: its briefing-pack template with jinja2 syntax, known sandbox escapes,
  include/import tricks and arbitrary text spliced in; no file outside the project may
  be read into an output, written or deleted;
* ``attachment``: an annex pack's attached PDF (made with active content by
  tests/hostile_pdfs.py) with bytes flipped, cut or PDF syntax spliced in; what builds
  carries no active content.

Every run must end in success or a :class:`reportgen.errors.ReportgenError` (whose
diagnostics use known codes); any other exception is a bug and is printed with the
input that caused it.
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


TEMPLATE = "templates/briefing-pack.xml.j2"
SECRET = "FUZZ-SECRET-5150"
TEMPLATE_SPLICES = [
    "{{ overrides.__class__ }}",
    "{{ overrides.joinpath('../../secret.txt').read_text() }}",
    "{{ cycler.__init__.__globals__.os.popen('touch ../../pwned') }}",
    "{{ joiner }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ fmt.__init__.__globals__ }}",
    "{{ '{0.__class__}'.format(fmt) }}",
    "{{ fmt|attr('__init__') }}",
    "{{ doc.__class__ }}",
    "{{ ''.__class__.__mro__ }}",
    "{{ 'x' * 10**9 }}",
    "{{ 2 ** 100000 }}",
    "{{ range(10**9)|list }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../secret.txt' %}",
    "{% include ['nope.j2', '../../secret.txt'] %}",
    "{% import 'briefing-pack.xml.j2' as me %}",
    "{% extends 'briefing-pack.xml.j2' %}",
    "{% include 'briefing-pack.xml.j2' %}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{{ 1/0 }}",
    "{{ text.nope }}",
    "{% for %}",
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "<p>",
    "</document>",
    "<heading level='9'>",
    "\x00",
    "\ufeff",
]
PDF_SPLICES = [
    b"/JavaScript",
    b"/JS (app.alert(1))",
    b"/Launch",
    b"/URI (http://x)",
    b"/S /JavaScript",
    b"/AA << /O 1 0 R >>",
    b"/OpenAction",
    b"/EmbeddedFiles",
    b"/Encrypt 1 0 R",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"obj",
    b"endobj",
    b"stream\n",
    b"endstream",
    b"xref\n0 1\n",
    b"trailer",
    b"%%EOF",
    b"0 R",
    b"/Length 999999999",
    b"/Filter /FlateDecode",
    b"\x00\xff",
]
DANGEROUS = {"/JavaScript", "/Launch", "/URI", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE"}


class TemplateTarget:
    """The minimal project; ``run`` writes a mutated template and builds."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.root = make_project(folder, "minimal")
        (folder / "secret.txt").write_text(SECRET, encoding="utf-8")
        with (self.root / "reportgen.yaml").open("a", encoding="utf-8") as fh:
            fh.write("overrides: overrides.yaml\n")
        (self.root / "overrides.yaml").write_text("活動: 活动\n", encoding="utf-8")
        self.original = (self.root / TEMPLATE).read_text(encoding="utf-8")
        self.before = sorted(p.name for p in folder.iterdir())
        self.runs = 0
        self.built = 0

    def strategy(self) -> st.SearchStrategy[str]:
        return mutated_template(self.original)

    def run(self, text: str) -> None:
        (self.root / TEMPLATE).write_text(text, encoding="utf-8")
        self.runs += 1
        try:
            from reportgen.build import prepare

            builder = prepare(self.root, BuildOptions(editions=["en"], formats=["pdf"]))
            shown = repr(builder.model("briefing-pack", "en"))
            assert SECRET not in shown, "a template read a file outside the project"
            self.built += 1
        except ReportgenError as exc:
            assert str(exc) or exc.diagnostics
            assert all(d.code in CODES for d in exc.diagnostics)
            assert SECRET not in str(exc) + "".join(d.message for d in exc.diagnostics)
        finally:
            assert sorted(p.name for p in self.folder.iterdir()) == self.before, "file written"
            assert (self.folder / "secret.txt").read_text(encoding="utf-8") == SECRET


@st.composite
def mutated_template(draw: st.DrawFn, original: str) -> str:
    lines = original.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        piece = draw(st.one_of(st.sampled_from(TEMPLATE_SPLICES), st.text(max_size=8)))
        col = draw(st.integers(0, len(lines[i])))
        lines[i] = lines[i][:col] + piece + lines[i][col:]
    return "\n".join(lines)


PACK = """
  annex-pack:
    type: annex-pack
    editions: [en]
    parts:
      - {pdf: attachments/annex.pdf, label: 3}
"""


class AttachmentTarget:
    """The minimal project with an annex pack; ``run`` writes a mutated attached PDF."""

    def __init__(self, folder: Path) -> None:
        import hostile_pdfs

        self.root = make_project(folder, "minimal")
        (self.root / "attachments").mkdir()
        with (self.root / "reportgen.yaml").open("a", encoding="utf-8") as fh:
            fh.write(PACK)
        self.original = hostile_pdfs.active(self.root / "attachments/annex.pdf").read_bytes()
        self.runs = 0
        self.built = 0

    def strategy(self) -> st.SearchStrategy[bytes]:
        return mutated_pdf(self.original)

    def run(self, data: bytes) -> None:
        (self.root / "attachments/annex.pdf").write_bytes(data)
        self.runs += 1
        try:
            build(self.root, BuildOptions(docs=["annex-pack"], epoch=1632355200))
        except ReportgenError as exc:
            assert str(exc) or exc.diagnostics
            assert all(d.code in CODES for d in exc.diagnostics)
            return
        self.built += 1
        assert_inactive(self.root / "build/annex-pack.en.pdf")


def assert_inactive(path: Path) -> None:
    """No action, JavaScript or embedded file anywhere in the PDF at ``path``."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                keys = set(obj.keys())
                assert not {"/AA", "/JS", "/EF", "/EmbeddedFiles", "/OpenAction"} & keys, keys
                assert str(obj.get("/S", "")) not in DANGEROUS
                assert str(obj.get("/Subtype", "")) != "/FileAttachment"


@st.composite
def mutated_pdf(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "cut", "splice", "drop"]))
        if op == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del data[at:]
            data += b"\n%%EOF\n"  # still ends like a PDF: the check must find the damage
        elif op == "drop":
            del data[at : at + draw(st.integers(1, 64))]
        else:
            data[at:at] = draw(st.one_of(st.sampled_from(PDF_SPLICES), st.binary(max_size=8)))
    return bytes(data)


def fuzz(
    seconds: float,
    target: Target | TemplateTarget | AttachmentTarget,
    examples: int = 15,
    derandomize: bool = False,
) -> None:
    """Run Hypothesis batches until ``seconds`` have passed; raise on the first real failure.
    ``derandomize``: the same examples every run (the test suite; the command line explores)."""
    deadline = time.monotonic() + seconds
    strategy = target.strategy() if hasattr(target, "strategy") else inputs(target.original)

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=derandomize,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    @given(strategy)
    def one(content: str | bytes) -> None:
        target.run(content)

    while time.monotonic() < deadline:
        one()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--target", choices=[*TARGETS, "all"], default="all")
    args = parser.parse_args(argv)
    names = list(TARGETS) if args.target == "all" else [args.target]
    for name in names:
        folder = Path(tempfile.mkdtemp(prefix=f"reportgen-fuzz-{name}-"))
        try:
            target = TARGETS[name](folder)
            fuzz(args.seconds / len(names), target)
            print(
                f"ok ({name}): {target.runs} inputs, {target.built} built, "
                "only reportgen errors otherwise"
            )
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


TARGETS = {"content": Target, "template": TemplateTarget, "attachment": AttachmentTarget}


if __name__ == "__main__":
    sys.exit(main())
