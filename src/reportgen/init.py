"""``reportgen init``: a new project from the sample.

The project gets the sample's configuration, content, templates, schemas, glossary,
overrides and attachments, and starts clean: an empty ``translations.lock``, a
``.gitignore``, a short README for its authors and editor settings that tie the content
files to their JSON Schemas. It gets no ``fonts/``: the fonts ``reportgen.yaml`` names as
``fonts/NAME`` are reportgen's installed ones (``resources.py``) until the project ships
its own.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .errors import ReportgenError, UsageError
from .loader import load_yaml
from .lockfile import LOCK_NAME, render_lock
from .project import CONFIG_NAME, DocumentConfig
from .project import _document as document_config
from .resources import sample_root

# What is copied from the sample project (fonts are found where reportgen is installed).
PARTS = (
    "reportgen.yaml",
    "content",
    "templates",
    "schema",
    "attachments",
    "glossary.yaml",
    "overrides.yaml",
)

_NOT_CONTENT = shutil.ignore_patterns("*.py", "__pycache__", "build", ".*")

GITIGNORE = """\
# reportgen outputs and caches (rebuilt by 'reportgen build')
build/
.reportgen-cache.json
.reportgen-cache/
__pycache__/
# editors' lock and backup files
~$*
.~lock.*#
*~
.DS_Store
"""

README = """\
# {name}

A reportgen project: the texts of a briefing pack and
its annexes in English and Chinese, built into PDF and DOCX with the fonts embedded.

| what | where |
|---|---|
| documents, editions, formats, fonts, markings | `reportgen.yaml` |
| the text, one file per document and language (same keys) | `content/en/`, `content/zh/` |
| dates, times, ids (written once) | `content/facts/` |
| agreed terms / zh-Hans conversion overrides | `glossary.yaml`, `overrides.yaml` |
| the source text each translation was confirmed against | `translations.lock` |
| layout per document type / the content files' schemas | `templates/`, `schema/` |
| PDFs the annex pack merges unchanged | `attachments/` |

```sh
reportgen check          # every problem, with file:line; nothing is written
reportgen status         # per document: translated, stale, missing
reportgen build          # the PDFs and DOCX into build/
reportgen fonts          # the fonts used, where they come from, licences, coverage
```

**Fonts.** `reportgen.yaml` names the fonts as `fonts/NAME.ttf`. This project has no
`fonts/` folder, so they are the fonts installed with reportgen (`reportgen fonts` shows
which). To use other fonts, put the `.ttf` files in `fonts/` and name them in
`reportgen.yaml`: a file in the project always wins over an installed one.

**Editors.** The content files name their JSON Schema on their first line, and
`.vscode/settings.json` maps them too: with the YAML language server (VS Code's YAML
extension) you get completions and errors as you type. Indent with spaces, never tabs.

**Translators.** After reviewing a translation whose source changed:
`reportgen sync --accept content/zh/FILE.yaml[:KEY]`; for CAT tools, `reportgen xliff export`
and `reportgen xliff import`.
"""


def init_project(directory: Path) -> None:
    if directory.exists() and any(directory.iterdir()):
        raise UsageError(f"{directory} is not empty; choose a new folder")
    src = sample_root()
    if not (src / "reportgen.yaml").is_file():
        raise UsageError("the sample project is not available in this installation")
    try:
        _copy_sample(src, directory)
        _write_fresh_files(directory)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        name = exc.filename or directory
        raise ReportgenError(f"cannot create {name}: {reason}; choose another folder") from exc


def _copy_sample(src: Path, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        source = src / part
        if source.is_dir():
            shutil.copytree(source, directory / part, ignore=_NOT_CONTENT)
        elif source.is_file():
            shutil.copy2(source, directory / part)


def _write_fresh_files(directory: Path) -> None:
    config, _ = load_yaml(directory / CONFIG_NAME)
    data = config.data if config is not None and isinstance(config.data, dict) else {}
    specs = data.get("documents") if isinstance(data.get("documents"), dict) else {}
    docs = [
        document_config(name, spec, 0)
        for name, spec in specs.items()
        if isinstance(spec, dict) and isinstance(spec.get("type"), str)
    ]
    files = {
        LOCK_NAME: render_lock({}),
        ".gitignore": GITIGNORE,
        "README.md": README.format(name=data.get("name") or directory.name),
        ".vscode/settings.json": _json(editor_settings(docs)),
        ".vscode/extensions.json": _json({"recommendations": ["redhat.vscode-yaml"]}),
    }
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def editor_settings(docs: list[DocumentConfig]) -> dict[str, object]:
    """VS Code settings: each content file mapped to its JSON Schema (``yaml.schemas``), as
    the ``# yaml-language-server: $schema=`` lines do for files that have one."""
    schemas: dict[str, list[str]] = {}
    for doc in docs:
        if doc.type == "annex-pack":
            continue
        text = [f"content/{lang}/{doc.name}.yaml" for lang in doc.languages()]
        for part, files in (("text", text), ("facts", [f"content/facts/{doc.name}.yaml"])):
            schemas.setdefault(f"./schema/{doc.type}.{part}.schema.json", []).extend(files)
    return {
        "yaml.schemas": schemas,
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
        "files.encoding": "utf8",
        "files.exclude": {"build/": True},
    }
