"""Incremental builds: an output whose inputs have not changed is not rebuilt.

Each output's *key* is a hash of everything it is made from:

* its content files: the facts file and the text files of the languages its edition
  shows (``en``: en; ``zh`` and ``zh-Hans``: zh; ``bilingual``: both), the files of the
  documents it includes (annex-pack parts, cover) and, when its template refers to
  ``documents`` (other documents' facts, e.g. annex numbers), every other document's files;
* its template (and the templates that one includes, imports or extends) and the
  document type's schemas;
* the configured fonts (by size and modification time: they are large and never
  edited in place), ``reportgen.yaml``, the overrides and glossary files for ``zh-Hans``,
  attached PDFs;
* the edition and format, ``SOURCE_DATE_EPOCH`` and reportgen itself (its version and a
  stamp of its own source files, so a changed reportgen rebuilds).

The keys live in ``OUT/.reportgen-cache.json`` (written atomically) with each output's
size and SHA-256; an output is up to date only if its key matches *and* the file is still
there with that size and hash. The DOCX edition takes the contents' page numbers from the
PDF of the same edition, so the manifest keeps those too.

This module imports nothing heavy: an up-to-date build never imports reportlab.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__, template_files
from .atomic import write_bytes
from .diagnostics import Diagnostic, Location, warning
from .project import Project
from .resources import font_path
from .safe_read import SpecialFile, TooLarge, read_limited

CACHE_NAME = ".reportgen-cache.json"
MAX_CACHE_BYTES = 50_000_000
MAX_INPUT_BYTES = 500_000_000  # hashed whole; attached PDFs are the largest inputs
FORMAT = 1
_EDITION_LANGS = {"en": ("en",), "zh": ("zh",), "zh-Hans": ("zh",), "bilingual": ("en", "zh")}
_PACKAGE = Path(__file__).resolve().parent


@functools.cache  # the code this process runs: the build's keys and both project caches ask
def code_stamp() -> str:
    """reportgen's version and a stamp (count, newest mtime, total size) of its source files."""
    count = newest = total = 0
    for folder, dirs, files in os.walk(_PACKAGE):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            if name.endswith((".py", ".yaml", ".j2", ".json")):
                st = os.stat(os.path.join(folder, name))
                count, newest, total = count + 1, max(newest, st.st_mtime_ns), total + st.st_size
    return f"{__version__}:{count}:{newest}:{total}"


class Fingerprints:
    """Per-file digests (computed once per build) and the key of each output."""

    def __init__(self, project: Project, epoch: int | None) -> None:
        self.project, self.epoch = project, epoch
        self._files: dict[Path, str] = {}
        self._code = code_stamp()
        self._templates: dict[str, list[Path]] = {}
        self._fonts: list[Path] | None = None

    def file(self, path: Path, by_stat: bool = False) -> str:
        if path not in self._files:
            try:
                if by_stat:
                    st = path.stat()
                    self._files[path] = f"stat:{st.st_size}:{st.st_mtime_ns}"
                else:
                    data = read_limited(path, MAX_INPUT_BYTES)
                    self._files[path] = hashlib.sha256(data).hexdigest()
            except (SpecialFile, TooLarge):
                self._files[path] = "refused"  # the check that follows says why
            except OSError:
                self._files[path] = "missing"
        return self._files[path]

    def templates(self, name: str) -> list[Path]:
        """The template file ``name`` and every template it pulls in (include, import,
        from, extends; lists of names too). A template that computes a name at render
        time depends on every file in templates/. Names and files are checked as the
        template loader checks them: nothing outside templates/ is ever opened."""
        if name in self._templates:
            return self._templates[name]
        folder = self.project.root / "templates"
        found: list[Path] = []
        todo, seen = [name], set()
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            try:
                path = template_files.locate(folder, current)
                source = template_files.read(path) if path is not None else None
            except template_files.TemplateRefusal:
                continue  # never opened: the render refuses it with the reason
            found.append(path if path is not None else folder / current)
            if source is None:
                continue  # missing: hashed as "missing"; the render reports it
            names, dynamic = template_files.references(source)
            todo += names
            if dynamic:
                found += template_files.all_files(folder)
        self._templates[name] = list(dict.fromkeys(found))
        return self._templates[name]

    def inputs(self, doc: str, edition: str) -> list[tuple[Path, bool]]:
        """The files output (doc, edition) is made from, as (path, compare-by-stat)."""
        p = self.project
        spec = p.documents[doc]
        files: list[tuple[Path, bool]] = [(p.config_path, False)]
        if self._fonts is None:  # the same for every output (a resolve() each: 8 per job)
            self._fonts = _font_paths(p)
        files += [(face_path, True) for face_path in self._fonts]
        if spec.type == "annex-pack":
            docs = [d for d in p.documents if d != doc]
            langs: tuple[str, ...] = ("en", "zh")
            for part in spec.parts:
                if part.get("pdf"):
                    files.append(((p.root / part["pdf"]), False))
        else:
            langs = _EDITION_LANGS.get(edition, ("en", "zh"))
            docs = [doc] + [part["document"] for part in spec.parts if part.get("document")]
            if spec.cover:
                docs.append(spec.cover)
        template_paths = self.templates(spec.template) if spec.type != "annex-pack" else []
        if spec.type == "annex-pack" or any(_mentions_documents(t) for t in template_paths):
            docs += [d for d in p.documents if d not in docs]
        for name in dict.fromkeys(docs):
            other = p.documents.get(name)
            if other is None:
                continue
            files.append((p.facts_path(name), False))
            files += [
                (p.content_path(lang, name), False) for lang in langs if lang in other.languages()
            ]
            for part in ("facts", "text"):
                files.append((p.schema_path(other.type, part), False))
            if other.type != "annex-pack":
                files += [(t, False) for t in self.templates(other.template)]
        if edition == "zh-Hans" and p.config.get("overrides"):
            files.append((p.root / p.config["overrides"], False))
        if edition == "zh-Hans":  # the glossary's names are never localised
            files.append((p.root / (p.config.get("glossary") or "glossary.yaml"), False))
        return list(dict.fromkeys(files))

    def key(self, doc: str, edition: str, fmt: str) -> str:
        h = hashlib.sha256()
        root = self.project.root
        h.update(f"{FORMAT}\0{self._code}\0{doc}\0{edition}\0{fmt}\0{self.epoch}\0".encode())
        for path, by_stat in self.inputs(doc, edition):
            try:
                name = str(path.relative_to(root))
            except ValueError:
                name = str(path)
            h.update(f"{name}\0{self.file(path, by_stat)}\0".encode())
        return h.hexdigest()


def _mentions_documents(path: Path) -> bool:
    try:
        return "documents" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def _font_paths(project: Project) -> list[Path]:
    out = []
    for styles in (project.config.get("fonts") or {}).values():
        for rel in (styles or {}).values():
            if rel:
                out.append(font_path(project.root, rel))  # the project's, or installed
    return out


def _valid_entry(entry: Any) -> bool:
    """An output's entry as :meth:`Manifest.record` writes it."""
    if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
        return False
    if not isinstance(entry.get("size"), int) or not isinstance(entry.get("sha256"), str):
        return False
    anchors = entry.get("anchors")
    return anchors is None or (
        isinstance(anchors, dict) and all(type(v) is int for v in anchors.values())
    )


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Manifest:
    """``OUT/.reportgen-cache.json``: per output file name, its key, size, hash (and anchors)."""

    folder: Path
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed: bool = False
    note: Diagnostic | None = None  # why a damaged cache was discarded

    @property
    def path(self) -> Path:
        return self.folder / CACHE_NAME

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """The manifest in ``folder``; none yet: empty. A damaged one is discarded with a
        ``note`` (everything is rebuilt and a good one written): it never stops a build."""
        manifest = cls(folder)
        try:
            data = json.loads(read_limited(folder / CACHE_NAME, MAX_CACHE_BYTES).decode("utf-8"))
        except (FileNotFoundError, NotADirectoryError):
            return manifest  # none yet (or no folder): the build says why it cannot write
        except SpecialFile as exc:
            return manifest.discard(f"it is {exc.kind}")
        except (OSError, ValueError, RecursionError) as exc:
            return manifest.discard(" ".join(str(exc).split())[:120] or type(exc).__name__)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return manifest.discard("not a reportgen build cache of this version")
        outputs = data.get("outputs")
        if not isinstance(outputs, dict) or not all(map(_valid_entry, outputs.values())):
            return manifest.discard("its entries are not what reportgen writes")
        manifest.entries = outputs
        return manifest

    def discard(self, reason: str) -> Manifest:
        msg = f"the build cache is damaged ({reason}); it was discarded: everything is rebuilt"
        self.note = warning("build", msg, Location(str(self.path)))
        self.entries, self.changed = {}, True
        return self

    def fresh(self, path: Path, key: str) -> bool:
        """True if ``path`` was built from inputs with ``key`` and is still exactly that file."""
        entry = self.entries.get(path.name)
        if not entry or entry.get("key") != key:
            return False
        try:
            st = path.stat()
            if st.st_size != entry.get("size"):
                return False
            return digest(read_limited(path, MAX_INPUT_BYTES)) == entry.get("sha256")
        except OSError:
            return False

    def anchors(self, path: Path, key: str) -> dict[str, int] | None:
        """The PDF's heading pages, if the PDF at ``path`` was built from ``key``."""
        entry = self.entries.get(path.name)
        if entry and entry.get("key") == key and isinstance(entry.get("anchors"), dict):
            return {str(k): int(v) for k, v in entry["anchors"].items()}
        return None

    def record(
        self, path: Path, key: str, data: bytes, anchors: dict[str, int] | None = None
    ) -> None:
        entry: dict[str, Any] = {"key": key, "size": len(data), "sha256": digest(data)}
        if anchors is not None:
            entry["anchors"] = dict(sorted(anchors.items()))
        self.entries[path.name] = entry
        self.changed = True

    def forget(self, path: Path) -> None:
        if self.entries.pop(path.name, None) is not None:
            self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        data = {"format": FORMAT, "outputs": dict(sorted(self.entries.items()))}
        write_bytes(self.path, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode())
        self.changed = False
