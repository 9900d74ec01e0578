# ruff: noqa: E501 - exact diagnostic lines are clearer unbroken
"""Hostile input: content is text (never markup, never a template), paths stay inside the
project, and the loader's limits refuse oversized input with exact messages."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import make_project
from inspect_outputs import docx_texts, pdf_text
from pypdf import PdfReader
from pypdf.generic import IndirectObject
from test_cli_errors import edit, run

from reportgen.build import BuildOptions, build
from reportgen.loader import MAX_DEPTH, MAX_FILE_BYTES, MAX_SCALAR_CHARS, load_yaml

PAYLOADS = [
    "AT&T R&D",
    "x<y and 1<2",
    "<font size=40>big</font>",
    '<img src="/etc/passwd"/>',
    '<a href="javascript:alert(1)">x</a>',
    "{{ 7*7 }}",
    "{% raw %}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{# comment #} ]]> <![CDATA[ x ]]> &amp; &#x41; &lt;",
    "<para><b>b</b><link href='http://x'>l</link></para>",
    "</p></document><p>",
]
BACKGROUND = (
    "    - |-\n      The Hong Kong/Sichuan co-operation mechanism was established in May 2018. "
    "AT&T R&D <b>not bold</b> x<y and 1<2.\n"
)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project with every payload as a background paragraph and the cover title."""
    root = make_project(tmp_path_factory.mktemp("hostile"), "minimal")
    paras = "".join(f"    - {json.dumps(p)}\n" for p in PAYLOADS)
    edit(root / "content/en/briefing-pack.yaml", BACKGROUND, paras)
    edit(
        root / "content/en/briefing-pack.yaml",
        "  title: Briefing Pack",
        "  title: " + json.dumps(PAYLOADS[-1] + PAYLOADS[4]),
    )
    build(root, BuildOptions(epoch=1632355200, editions=["en"]))
    return root / "build"


def _pypdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_literal_text_in_pdf(hostile_build: Path, payload: str) -> None:
    pdf = hostile_build / "briefing-pack.en.pdf"
    assert payload in _pypdf_text(pdf).splitlines()
    assert payload in "\n".join(pdf_text(pdf)).splitlines()
    assert "49" not in _pypdf_text(pdf).split()  # {{ 7*7 }} never evaluated
    assert "uid=" not in _pypdf_text(pdf)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_literal_text_in_docx(hostile_build: Path, payload: str) -> None:
    body = docx_texts(hostile_build / "briefing-pack.en.docx")["body"]
    assert payload in body.splitlines()
    assert "uid=" not in body


def _walk(obj: object, seen: set[int], out: list[object]) -> None:
    if isinstance(obj, IndirectObject):
        if obj.idnum in seen:
            return
        seen.add(obj.idnum)
        obj = obj.get_object()
    out.append(obj)
    if isinstance(obj, dict):
        for value in obj.values():
            _walk(value, seen, out)
    elif isinstance(obj, list):
        for value in obj:
            _walk(value, seen, out)


def test_pdf_has_no_uri_javascript_or_images(hostile_build: Path) -> None:
    reader = PdfReader(hostile_build / "briefing-pack.en.pdf")
    objects: list[object] = []
    _walk(reader.trailer, set(), objects)
    dicts = [o for o in objects if isinstance(o, dict)]
    for d in dicts:
        assert d.get("/S") not in ("/URI", "/JavaScript", "/Launch", "/SubmitForm", "/GoToR")
        assert not {"/URI", "/JS", "/JavaScript", "/OpenAction", "/AA"} & set(d)
        assert d.get("/Subtype") != "/Image"
        if d.get("/Subtype") == "/Link":
            assert "/A" not in d and "/Dest" in d  # internal links only (the contents)
    # the walk reached the pages' resources; an XObject could only be a form (reportgen's
    # footers and contents numbers are drawn in the page now: none is left)
    assert any(d.get("/Type") == "/Font" for d in dicts)
    xobjects = [d for d in dicts if d.get("/Type") == "/XObject" or "/BBox" in d]
    assert all(x.get("/Subtype") == "/Form" for x in xobjects)
    raw = (hostile_build / "briefing-pack.en.pdf").read_bytes()
    assert b"/JavaScript" not in raw and b"/URI" not in raw and b"/Launch" not in raw


def test_template_payload_is_not_compiled(tmp_path: Path) -> None:
    """The jinja2 sandbox sees content only as data: a payload in a value is printed, escaped."""
    from reportgen.templating import environment

    env = environment(tmp_path)
    template = env.from_string("<p>{{ value }}</p>")
    out = template.render(value=PAYLOADS[7])
    assert out == "<p>{{ cycler.__init__.__globals__.os.popen(&#39;id&#39;).read() }}</p>"


# --- paths -----------------------------------------------------------------------------------

FONT_LINE = "bold: fonts/NotoSerif-Bold.ttf"


def _font_refused(root: Path, name: str) -> str:
    quoted = "'" + name.replace("'", "''") + "'"
    edit(root / "reportgen.yaml", FONT_LINE, f"bold: {quoted}")
    code, out, err = run("check", cwd=root)
    assert code == 1, err
    assert "Traceback" not in out + err
    return err.splitlines()[0]


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    return make_project(tmp_path, "minimal")


WHERE = "reportgen.yaml:17:11: error "


INSIDE = "; name a file inside the project"


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("../fonts/x.ttf", "unsafe-path: '../fonts/x.ttf' goes up with '..'"),
        ("%2e%2e/x.ttf", "unsafe-path: '%2e%2e/x.ttf' goes up with '..'"),
        ("fonts/%2E%2E/%2e%2e/x.ttf", "unsafe-path: 'fonts/%2E%2E/%2e%2e/x.ttf' goes up with '..'"),
        ("fonts\\..\\..\\x.ttf", "unsafe-path: 'fonts\\..\\..\\x.ttf' goes up with '..'"),
        ("/etc/passwd", "unsafe-path: '/etc/passwd' is an absolute path"),
        ("C:\\fonts\\x.ttf", "unsafe-path: 'C:\\fonts\\x.ttf' is an absolute path"),
        ("//server/x.ttf", "unsafe-path: '//server/x.ttf' is an absolute path"),
        ("file:///etc/passwd", "unsafe-path: 'file:///etc/passwd' is a URL"),
        ("https://example.com/f.ttf", "unsafe-path: 'https://example.com/f.ttf' is a URL"),
        ("a%00b", "unsafe-path: 'a%00b' contains a NUL byte"),
        (
            "fonts/nope.ttf",
            "missing-file: 'fonts/nope.ttf' not found (looked for fonts/nope.ttf); "
            "check the name, or put a TrueType font (.ttf) there",
        ),
        (
            "fonts/NotoSerif-Regulr.ttf",
            "missing-file: 'fonts/NotoSerif-Regulr.ttf' not found (looked for "
            "fonts/NotoSerif-Regulr.ttf); did you mean 'fonts/NotoSerif-Regular.ttf'?",
        ),
        (
            "fonts",
            "missing-file: 'fonts' is a folder, not a file; name a TrueType font (.ttf) in it",
        ),
    ],
)
def test_unsafe_font_paths_refused(minimal: Path, name: str, line: str) -> None:
    expected = WHERE + line + (INSIDE if line.startswith("unsafe") else "")
    assert _font_refused(minimal, name) == expected


def test_symlink_out_of_the_project_refused(minimal: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.ttf"
    outside.write_bytes((minimal / "fonts/NotoSerif-Bold.ttf").read_bytes()[:64])
    os.symlink(outside, minimal / "fonts/evil.ttf")
    assert _font_refused(minimal, "fonts/evil.ttf") == WHERE + (
        "unsafe-path: 'fonts/evil.ttf' leads outside the project (through a symlink); "
        "copy the file into the project"
    )


def test_symlinked_folder_out_of_the_project_refused(minimal: Path) -> None:
    os.symlink("/etc", minimal / "etc")
    assert _font_refused(minimal, "etc/passwd") == WHERE + (
        "unsafe-path: 'etc/passwd' leads outside the project (through a symlink); "
        "copy the file into the project"
    )


def test_file_that_is_not_a_font_refused(minimal: Path) -> None:
    (minimal / "fonts/fake.ttf").write_text("<html>not a font</html>")
    assert _font_refused(minimal, "fonts/fake.ttf") == WHERE + (
        "unsafe-path: 'fonts/fake.ttf' is not a TrueType font (.ttf)"
    )


PACK = """
  annex-pack:
    type: annex-pack
    parts:
      - pdf: {name}
"""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html>not a PDF</html>", "'attachments/annex.pdf' is not a PDF"),
        (
            b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog",
            "'attachments/annex.pdf' is not a complete PDF (no %%EOF at its end); export it again",
        ),
    ],
)
def test_attached_pdf_that_is_not_a_pdf_refused(
    minimal: Path, content: bytes, message: str
) -> None:
    (minimal / "attachments").mkdir()
    (minimal / "attachments/annex.pdf").write_bytes(content)
    with (minimal / "reportgen.yaml").open("a", encoding="utf-8") as fh:
        fh.write(PACK.format(name="attachments/annex.pdf"))
    code, out, err = run("check", cwd=minimal)
    assert code == 1
    assert err.splitlines()[0] == f"reportgen.yaml:33:14: error unsafe-path: {message}"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../x.pdf", "'../x.pdf' goes up with '..'; name a file inside the project"),
        ("'file:///etc/passwd'", "'file:///etc/passwd' is a URL; name a file inside the project"),
        ("/etc/passwd", "'/etc/passwd' is an absolute path; name a file inside the project"),
    ],
)
def test_attached_pdf_path_refused(minimal: Path, name: str, message: str) -> None:
    with (minimal / "reportgen.yaml").open("a", encoding="utf-8") as fh:
        fh.write(PACK.format(name=name))
    code, _, err = run("check", cwd=minimal)
    assert code == 1
    assert err.splitlines()[0] == f"reportgen.yaml:33:14: error unsafe-path: {message}"


# --- loader limits ---------------------------------------------------------------------------


def _load(tmp_path: Path, text: str | bytes) -> list[str]:
    path = tmp_path / "x.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    src, diags = load_yaml(path, "en")
    assert (src is None) == bool(diags)
    return [d.format(tmp_path) for d in diags]


def test_file_size_limit(tmp_path: Path) -> None:
    size = MAX_FILE_BYTES + 1
    assert _load(tmp_path, b"a: " + b"x" * (size - 3)) == [
        f"x.yaml: error limit: file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}: "
        "split the document"
    ]


def test_scalar_length_limit(tmp_path: Path) -> None:
    assert _load(tmp_path, "a: " + "x" * MAX_SCALAR_CHARS + "\n") == []
    n = MAX_SCALAR_CHARS + 1
    assert _load(tmp_path, "a: " + "x" * n + "\n") == [
        f"x.yaml:1:4: error limit: value is {n:,} characters; the limit is {MAX_SCALAR_CHARS:,}: "
        "split it into paragraphs"
    ]


def test_depth_limit(tmp_path: Path) -> None:
    ok = "a: " + "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1) + "\n"
    assert _load(tmp_path, ok) == []
    deep = "a: " + "[" * MAX_DEPTH + "x" + "]" * MAX_DEPTH + "\n"
    assert _load(tmp_path, deep) == [
        f"x.yaml:1:{4 + MAX_DEPTH}: error limit: nesting deeper than {MAX_DEPTH} levels; flatten it"
    ]


@pytest.mark.parametrize("depth", [1_000, 50_000])
def test_very_deep_nesting_is_a_diagnostic(tmp_path: Path, depth: int) -> None:
    """PyYAML composes recursively: 1000 nested lists used to raise RecursionError."""
    assert _load(tmp_path, "a: " + "[" * depth + "]" * depth + "\n") == [
        f"x.yaml:1:{4 + MAX_DEPTH}: error limit: nesting deeper than {MAX_DEPTH} levels; flatten it"
    ]
    assert _load(tmp_path, "{a: " * depth + "}" * depth + "\n")[0].endswith(
        f"error limit: nesting deeper than {MAX_DEPTH} levels; flatten it"
    )


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "a: !!python/object/apply:os.system ['id']\n",
            "x.yaml:1:4: error yaml-syntax: tags (!!python/object/apply:os.system) are not allowed; "
            "delete the tag",
        ),
        (
            "!!python/name:os.system\n",
            "x.yaml:1:1: error yaml-syntax: tags (!!python/name:os.system) are not allowed; "
            "delete the tag",
        ),
        (
            "a: !!binary aGVsbG8=\n",
            "x.yaml:1:4: error yaml-syntax: tags (!!binary) are not allowed; delete the tag",
        ),
        (
            "a: !local x\n",
            "x.yaml:1:4: error yaml-syntax: tags (!local) are not allowed; delete the tag",
        ),
        (
            'a: "nul \\0 here"\n',
            "x.yaml:1:4: error yaml-syntax: control character U+0000 is not allowed (written as an "
            "escape); delete it",
        ),
        (
            'a: ok\nb: "bell \\x07"\n',
            "x.yaml:2:4: error yaml-syntax: control character U+0007 is not allowed (written as an "
            "escape); delete it",
        ),
        (
            'a: "\\ud83d alone"\n',
            "x.yaml:1:4: error yaml-syntax: unpaired surrogate U+D83D is not allowed (written as an "
            "escape); delete it",
        ),
        (
            'a: "line \\L separator"\n',
            "x.yaml:1:4: error yaml-syntax: character U+2028 is not allowed (written as an escape); "
            "delete it",
        ),
        (
            '"key\\0": x\n',
            "x.yaml:1:1: error yaml-syntax: control character U+0000 is not allowed (written as an "
            "escape); delete it",
        ),
        (
            "a: x\u0085y\n",
            "x.yaml:1:5: error yaml-syntax: control character U+0085 is not allowed; delete it",
        ),
    ],
)
def test_tags_and_escaped_control_characters_refused(tmp_path: Path, text: str, line: str) -> None:
    assert _load(tmp_path, text) == [line]


def test_escaped_tabs_and_newlines_are_text(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text('a: "one\\ttwo\\nthree \\u00e9 \\U0001F600"\n', encoding="utf-8")
    src, diags = load_yaml(path)
    assert diags == [] and src is not None
    assert src.data == {"a": "one\ttwo\nthree é 😀"}
