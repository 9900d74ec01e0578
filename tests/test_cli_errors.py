"""Bad input: one line per problem with file, line and what to do; exit 1; nothing written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import make_project

from reportgen.cli import main


def run(*args: str, cwd: Path) -> tuple[int, str, str]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    return make_project(tmp_path, "minimal")


def _outputs(folder: Path) -> list[str]:
    """The files in ``folder`` but the build cache (.reportgen-cache.json)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_misspelt_key(minimal: Path) -> None:
    edit(minimal / "content/zh/briefing-pack.yaml", "  heading: 活動程序", "  heding: 活動程序")
    code, out, err = run("check", cwd=minimal)
    assert code == 1
    assert err.splitlines()[:2] == [
        "content/zh/briefing-pack.yaml:7:1: error missing-key: 'programme.heading' is missing "
        "(English at content/en/briefing-pack.yaml:8:12); translate it",
        "content/zh/briefing-pack.yaml:8:3: error extra-key: 'programme.heding' is not in the "
        "English file (English 'programme' at content/en/briefing-pack.yaml:7:1); "
        "did you mean 'programme.heading'?",
    ]
    assert "error schema:" not in err  # the same two problems are not reported twice


def test_wrong_type_and_bad_time(minimal: Path) -> None:
    edit(minimal / "content/facts/briefing-pack.yaml", '"09:30"}', '"9.30"}')
    code, _, err = run("check", cwd=minimal)
    assert code == 1
    assert err.splitlines()[0] == (
        "content/facts/briefing-pack.yaml:4:33: error schema: '9.30' is not a time; "
        'write it as "HH:MM" (24-hour), e.g. "09:30"'
    )


def test_yaml_syntax_error_build_writes_nothing(minimal: Path) -> None:
    code, _, _ = run("build", "--format", "pdf", "--edition", "en", cwd=minimal)
    assert code == 0
    good = (minimal / "build/briefing-pack.en.pdf").read_bytes()
    edit(minimal / "content/en/briefing-pack.yaml", "  heading: Programme", "  heading: [Programme")
    code, out, err = run("build", cwd=minimal)
    assert code == 1
    assert err.splitlines()[0].startswith("content/en/briefing-pack.yaml:9:")
    assert "error yaml-syntax:" in err.splitlines()[0]
    assert "Traceback" not in err + out
    assert (minimal / "build/briefing-pack.en.pdf").read_bytes() == good
    assert _outputs(minimal / "build") == ["briefing-pack.en.pdf"]


def test_missing_file(minimal: Path) -> None:
    (minimal / "content/zh/briefing-pack.yaml").unlink()
    code, _, err = run("check", cwd=minimal)
    assert code == 1
    assert err.splitlines()[0] == (
        "content/zh/briefing-pack.yaml: error missing-file: file not found; copy "
        "content/en/briefing-pack.yaml to content/zh/briefing-pack.yaml and translate its "
        "values (keep the keys)"
    )


def test_missing_template(minimal: Path) -> None:
    (minimal / "templates/briefing-pack.xml.j2").unlink()
    code, _, err = run("build", cwd=minimal)
    assert code == 1
    assert "error template: template 'briefing-pack.xml.j2' not found" in err
    assert "Traceback" not in err


def test_not_a_project(tmp_path: Path) -> None:
    code, _, err = run("check", cwd=tmp_path)
    assert code == 1
    assert err.startswith("reportgen.yaml: error missing-file: no reportgen.yaml in this folder")


def test_usage_errors_exit_2(minimal: Path) -> None:
    assert run("build", "--edition", "fr", cwd=minimal)[0] == 2
    code, _, err = run("build", "--doc", "nope", cwd=minimal)
    assert code == 2
    assert "no document named 'nope'" in err


def test_clean_check_exits_0(minimal: Path) -> None:
    code, out, err = run("check", cwd=minimal)
    assert code == 0, err
    assert (out + err).strip().startswith("ok: 0 error(s)")


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        (  # found by PyYAML only at the end of the file; the mistake is the opening quote
            "  subtitle: 香港代表團",
            '  subtitle: "香港代表團',
            'content/zh/briefing-pack.yaml:4:13: error yaml-syntax: the value starting with " '
            'here is never closed; add the closing " at its end, or remove this one',
        ),
        (  # typed with a Chinese input method: reported on its own line, not the next
            "  venue: 四川成都",
            "  venue：四川成都",
            "content/zh/briefing-pack.yaml:6:3: error yaml-syntax: 'venue' is followed by a "
            "full-width colon '：'; a key needs the ASCII colon ':' and a space",
        ),
    ],
)
def test_yaml_typo_reported_where_it_was_typed(minimal: Path, old: str, new: str, line: str):
    edit(minimal / "content/zh/briefing-pack.yaml", old, new)
    code, _, err = run("check", cwd=minimal)
    assert code == 1
    assert err.splitlines()[0] == line
    assert "Traceback" not in err


def test_output_piped_into_a_reader_that_stops_early_is_no_internal_error(minimal: Path):
    """`reportgen fonts | head -1`: the reader has gone before the output is written."""
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-c", "from reportgen.cli import main; main()", "fonts", str(minimal)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # the only reader: every write now fails with EPIPE
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert err == ""
    assert proc.returncode == 1


def test_programme_item_ending_before_it_starts_is_warned(minimal: Path) -> None:
    edit(minimal / "content/facts/briefing-pack.yaml", 'end: "09:30"', 'end: "08:30"')
    code, _, err = run("check", cwd=minimal)
    assert code == 0  # a warning: an overnight item does end "before" it starts
    assert err.splitlines()[0] == (
        "content/facts/briefing-pack.yaml:4:33: warning schema: 'programme.arrive' ends at "
        "08:30, before it starts at 09:00; check the times"
    )
    code, _, _ = run("check", "--strict", cwd=minimal)
    assert code == 1


def test_reportgen_yaml_error_summary_check_writes_nothing_so_says_nothing_of_it(
    minimal: Path,
) -> None:
    """QA: `check` ended with "nothing was written", though it never writes; build keeps it."""
    with (minimal / "reportgen.yaml").open("a", encoding="utf-8") as f:
        f.write("documents: [\n")
    code, out, err = run("check", cwd=minimal)
    assert code == 1
    assert out == ""
    assert len(err.splitlines()) == 2
    assert err.splitlines()[0].startswith("reportgen.yaml:")
    assert "error yaml-syntax:" in err.splitlines()[0]
    assert err.splitlines()[-1] == "1 error(s) in reportgen.yaml; the content was not checked"
    assert "written" not in err
    code, out, err = run("check", "--format", "json", cwd=minimal)
    assert (code, err) == (1, "")
    import json

    assert [(d["code"], d["location"]["path"]) for d in json.loads(out)] == [
        ("yaml-syntax", "reportgen.yaml")
    ]
    code, _, err = run("build", cwd=minimal)
    assert code == 1
    assert err.splitlines()[-1] == "1 error(s); nothing was written"
    assert not (minimal / "build").exists()


def test_a_typo_in_a_template_names_the_closest_key(minimal: Path) -> None:
    template = minimal / "templates/briefing-pack.xml.j2"
    text = template.read_text(encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if '"cover.title">' in t)
    template.write_text(
        text.replace(
            'key="cover.title">{{ text.cover.title }}', 'key="cover.title">{{ text.cover.titel }}'
        ),
        encoding="utf-8",
    )
    code, _, err = run("build", cwd=minimal)
    assert code == 1 and "Traceback" not in err
    assert (
        f"templates/briefing-pack.xml.j2:{line}:1: error template: 'dict object' has no "
        "attribute 'titel': did you mean 'title'?"
    ) in err


def test_a_typo_in_an_english_key_is_one_error_not_three(tmp_path: Path) -> None:
    """Round-3 trial: 'subtitel' in the English also reported the Chinese 'subtitle' as an
    extra key ("did you mean 'cover.subtitel'?", steering the translator to the typo) and
    'cover.subtitel' as missing from the Chinese."""
    project = make_project(tmp_path, "sample")
    en = project / "content/en/briefing-pack.yaml"
    text = en.read_text(encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("  subtitle:"))
    en.write_text(text.replace("\n  subtitle:", "\n  subtitel:", 1), encoding="utf-8")
    code, _, err = run("check", cwd=project)
    assert code == 1
    assert err.splitlines() == [
        f"content/en/briefing-pack.yaml:{line}:3: error schema: unknown key 'subtitel' under "
        "'cover'; did you mean 'subtitle'?",
        "1 error(s), 0 warning(s) in 4 document(s)",
    ]


def test_a_missing_schema_two_documents_share_is_reported_once(tmp_path: Path) -> None:
    project = make_project(tmp_path, "sample")
    for path in (project / "schema").iterdir():
        path.unlink()
    code, _, err = run("check", cwd=project)
    assert code == 1
    lines = err.splitlines()
    memo = [line for line in lines if line.startswith("schema/memorandum.facts.schema.json:")]
    assert memo == [
        "schema/memorandum.facts.schema.json: error missing-file: schema file not found; copy "
        "it from the schema/ folder of a new project ('reportgen init NEW')"
    ]
    assert len(lines) == len(set(lines))
