# ruff: noqa: E501 - exact diagnostic lines are clearer unbroken
"""Templates from another office: they get data, never objects that reach files.

Every known way out of a jinja2 sandbox is tried through the real build context
(``Builder.context()``, with an overrides file configured); the test fails if any
of them reads the secret next to the project or writes a file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import make_project
from test_cli_errors import edit, run

from reportgen.build import Builder, BuildOptions, prepare
from reportgen.errors import ContentError
from reportgen.incremental import Fingerprints
from reportgen.project import load_project
from reportgen.templating import check_plain

SECRET = "TOP-SECRET-4711"
SHELL = "__import__('os')"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> tuple[Builder, Path]:
    tmp = tmp_path_factory.mktemp("sandbox")
    root = make_project(tmp, "minimal")
    (tmp / "secret.txt").write_text(SECRET, encoding="utf-8")
    with (root / "reportgen.yaml").open("a", encoding="utf-8") as fh:
        fh.write("overrides: overrides.yaml\n")
    (root / "overrides.yaml").write_text("活動: 活动\n", encoding="utf-8")
    builder = prepare(root, BuildOptions(editions=["en"]))
    return builder, tmp


def _escapes(tmp: Path) -> list[str]:
    secret, pwned = str(tmp / "secret.txt"), str(tmp / "pwned")
    return [
        f"{{{{ overrides.joinpath('{secret}').read_text() }}}}",
        f"{{{{ overrides.parent.joinpath('{pwned}').write_text('x') }}}}",
        f"{{{{ overrides.__class__('{secret}').read_text() }}}}",
        f"{{{{ ((overrides|attr('joinpath'))('{secret}')|attr('read_text'))() }}}}",
        f"{{{{ cycler.__init__.__globals__.os.popen('cat {secret}').read() }}}}",
        f"{{{{ joiner.__init__.__globals__.os.popen('touch {pwned}').read() }}}}",
        f"{{{{ namespace.__init__.__globals__.os.popen('cat {secret}').read() }}}}",
        f"{{{{ namespace(a=1).__class__.__init__.__globals__.os.popen('cat {secret}').read() }}}}",
        f"{{{{ lipsum.__globals__['os'].popen('cat {secret}').read() }}}}",
        f"{{{{ self.__init__.__globals__.__builtins__.open('{secret}').read() }}}}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ dict.__base__.__subclasses__() }}",
        "{{ range.__class__.__subclasses__(range.__class__) }}",
        f"{{{{ fmt.__init__.__globals__['Path']('{secret}').read_text() }}}}",
        f"{{{{ (fmt|attr('__init__')|attr('__globals__'))['Path']('{secret}').read_text() }}}}",
        f"{{{{ fmt.date.__globals__['Path']('{secret}').read_text() }}}}",
        f"{{{{ doc.__class__.__init__.__globals__['Path']('{secret}').read_text() }}}}",
        f"{{{{ facts.date.__class__.__subclasses__() }}}}{{{{ {SHELL} }}}}",
        "{{ '{0.__class__.__init__.__globals__}'.format(fmt) }}",
        "{{ '{0.__class__.__mro__}'.format(overrides) }}",
        "{{ '{x.__init__.__globals__}'.format_map({'x': fmt}) }}",
        "{{ '%s'|format(fmt.__init__) }}",
        "{% set _ = fmt.m.update({'annex': '{n.__class__}'}) %}{{ fmt.annex(1) }}",
        f"{{% include '{secret}' %}}",
        "{% include '../../secret.txt' %}",
        "{% include ['nope.j2', '../../secret.txt'] %}",
        "{% import '../../secret.txt' as s %}",
        f"{{% extends '{secret}' %}}",
    ]


def _render(builder: Builder, tmp: Path, body: str, name: str) -> str:
    """The model of a document rendered by a template with ``body``: its repr, or the error."""
    root = builder.project.root
    (root / "templates" / name).write_text(
        f'<document lang="{{{{ lang }}}}" title="t"><p>{body}</p></document>\n', encoding="utf-8"
    )
    builder.project.documents["briefing-pack"].template = name
    try:
        return repr(builder.model("briefing-pack", "en"))
    except ContentError as exc:
        return "\n".join(d.format(root) for d in exc.diagnostics)


@pytest.mark.parametrize("index", range(28))
def test_known_escapes_read_and_write_nothing(sandbox: tuple[Builder, Path], index: int) -> None:
    builder, tmp = sandbox
    body = _escapes(tmp)[index]
    shown = _render(builder, tmp, body, f"escape-{index}.xml.j2")
    assert SECRET not in shown
    assert "__globals__" not in shown.replace(body, "") or "error template" in shown
    assert not (tmp / "pwned").exists()
    assert (tmp / "secret.txt").read_text(encoding="utf-8") == SECRET
    assert sorted(p.name for p in tmp.iterdir()) == ["minimal", "secret.txt"]


def test_context_is_plain_data(sandbox: tuple[Builder, Path]) -> None:
    builder, _ = sandbox
    context = builder.context()
    check_plain(context)
    assert context["overrides"] == {"活動": "活动"}


def test_check_plain_refuses_objects() -> None:
    with pytest.raises(TypeError, match=r"template context.overrides is a PosixPath"):
        check_plain({"overrides": Path("x")})
    with pytest.raises(TypeError, match=r"context.a\[0\] is a function"):
        check_plain({"a": [os.path.join]})


def test_huge_repetition_refused(sandbox: tuple[Builder, Path]) -> None:
    builder, tmp = sandbox
    shown = _render(builder, tmp, "{{ 'x' * 10**9 }}", "huge.xml.j2")
    assert "error template: exponent 9 is" not in shown
    assert "error template: repeating a value makes over 1,000,000 items" in shown
    shown = _render(builder, tmp, "{{ 2 ** 1000000 }}", "power.xml.j2")
    assert "error template: exponent 1000000 is too large for a template" in shown


# --- templates/ only, no symlinks, every loaded template tracked -------------------------------


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    return make_project(tmp_path, "minimal")


def _set_template(root: Path, name: str) -> None:
    edit(
        root / "reportgen.yaml",
        "    type: briefing-pack\n",
        f"    type: briefing-pack\n    template: {name}\n",
    )


@pytest.mark.parametrize(
    ("name", "why"),
    [
        (
            "/etc/passwd",
            "template name '/etc/passwd' is an absolute path; name a file inside templates/",
        ),
        (
            "../reportgen.yaml",
            "template name '../reportgen.yaml' goes up with '..'; name a file inside templates/",
        ),
        (
            "'file:///etc/passwd'",
            "template name 'file:///etc/passwd' is a URL; name a file inside templates/",
        ),
    ],
)
def test_template_name_refused_before_opening(minimal: Path, name: str, why: str) -> None:
    _set_template(minimal, name)
    code, out, err = run("build", cwd=minimal)
    assert code == 1
    assert err.splitlines() == [
        f"reportgen.yaml:27:15: error unsafe-path: {why}",
        "1 error(s); nothing was written",
    ]
    assert not (minimal / "build").exists()


def test_symlinked_template_refused(minimal: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.j2"
    outside.write_text("<document/>", encoding="utf-8")
    (minimal / "templates/briefing-pack.xml.j2").unlink()
    os.symlink(outside, minimal / "templates/briefing-pack.xml.j2")
    code, _, err = run("build", cwd=minimal)
    assert code == 1
    assert err.splitlines()[0] == (
        "templates/briefing-pack.xml.j2: error unsafe-path: template 'briefing-pack.xml.j2' "
        "is a symlink; templates must be files inside templates/: copy the file in"
    )
    assert not (minimal / "build").exists()


def test_symlink_inside_templates_refused_when_included(minimal: Path) -> None:
    os.symlink("/etc/passwd", minimal / "templates/part.j2")
    edit(
        minimal / "templates/briefing-pack.xml.j2",
        "<pagebreak/>",
        "{% include 'part.j2' %}<pagebreak/>",
    )
    code, _, err = run("build", cwd=minimal)
    assert code == 1
    assert err.splitlines()[0] == (
        "templates/part.j2: error unsafe-path: template 'part.j2' is a symlink; "
        "templates must be files inside templates/: copy the file in"
    )
    assert "root:" not in err


def test_fifo_template_refused_without_hanging(minimal: Path) -> None:
    os.mkfifo(minimal / "templates/part.j2")
    edit(
        minimal / "templates/briefing-pack.xml.j2",
        "<pagebreak/>",
        "{% include 'part.j2' %}<pagebreak/>",
    )
    code, _, err = run("build", cwd=minimal)
    assert code == 1
    assert (
        err.splitlines()[0]
        == "templates/part.j2: error unsafe-path: template 'part.j2' is not a regular file"
    )


@pytest.mark.parametrize(
    "tag",
    [
        "{% include ['missing.j2', 'part.j2'] %}",
        "{% include 'part.j2' ignore missing with context %}",
        "{% from 'part.j2' import x %}",
        "{% import 'part.j2' as p %}",
        "{% include 'pa' ~ 'rt.j2' %}",
        "{% set n = 'part.j2' %}{% include n %}",
    ],
)
def test_every_loaded_template_is_tracked(minimal: Path, tag: str) -> None:
    (minimal / "templates/part.j2").write_text("{% macro x() %}{% endmacro %}", encoding="utf-8")
    edit(minimal / "templates/briefing-pack.xml.j2", "<pagebreak/>", tag + "<pagebreak/>")
    project = load_project(minimal)
    tracked = Fingerprints(project, None).templates("briefing-pack.xml.j2")
    assert minimal / "templates/part.j2" in tracked
    before = Fingerprints(project, None).key("briefing-pack", "en", "pdf")
    (minimal / "templates/part.j2").write_text("{% macro x() %}.{% endmacro %}", encoding="utf-8")
    assert Fingerprints(project, None).key("briefing-pack", "en", "pdf") != before


def test_tracking_never_opens_files_outside_templates(minimal: Path) -> None:
    edit(
        minimal / "templates/briefing-pack.xml.j2",
        "<pagebreak/>",
        "{% include '/etc/passwd' %}{% include '../reportgen.yaml' %}<pagebreak/>",
    )
    tracked = Fingerprints(load_project(minimal), None).templates("briefing-pack.xml.j2")
    assert tracked == [minimal / "templates/briefing-pack.xml.j2"]
