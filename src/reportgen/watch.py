"""``reportgen watch``: rebuild what a saved file affects, until Ctrl-C.

Polls (no extra dependency, no OS notification API) the project's inputs every
``interval`` seconds: ``content/``, ``templates/``, ``schema/``, ``fonts/``,
``reportgen.yaml`` and the glossary and overrides files. A change is acted on once the
files have stopped changing for one more poll (an editor's save is often several writes).
Each rebuild is an incremental build, so only the outputs made from the changed files
are written; the process stays warm (imports, parsed fonts, measured text), so a rebuild
costs little more than the layout of the affected outputs. Bad input is reported as
diagnostics and watching goes on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from .build import BuildOptions, Job, build
from .diagnostics import Diagnostic
from .errors import ReportgenError

WATCHED_DIRS = ("content", "templates", "schema", "fonts")
WATCHED_FILES = ("reportgen.yaml", "glossary.yaml", "overrides.yaml")
Snapshot = dict[str, tuple[int, int]]


def _ignored(name: str) -> bool:
    """Editors' temporary and backup files, and hidden files."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp"))


def scan(root: Path) -> Snapshot:
    """(size, mtime) of every watched file under ``root``."""
    snap: Snapshot = {}
    for name in WATCHED_FILES:
        _stat_into(snap, root / name, name)
    for folder in WATCHED_DIRS:
        base = root / folder
        for dirpath, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if not _ignored(d))
            for name in files:
                if not _ignored(name):
                    path = Path(dirpath) / name
                    _stat_into(snap, path, str(path.relative_to(root)))
    return snap


def _stat_into(snap: Snapshot, path: Path, key: str) -> None:
    try:
        st = path.stat()
    except OSError:
        return
    snap[key] = (st.st_size, st.st_mtime_ns)


def changed(old: Snapshot, new: Snapshot) -> list[str]:
    return sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))


class Watcher:
    """Build once, then rebuild on every settled change. ``run`` returns on Ctrl-C."""

    def __init__(
        self,
        root: Path,
        opts: BuildOptions,
        *,
        interval: float = 0.3,
        wrote: Callable[[Job], None],
        summary: Callable[[str], None],
        failed: Callable[[ReportgenError], None],
        sleep: Callable[[float], None] = time.sleep,
        warned: Callable[[list[Diagnostic]], None] | None = None,
    ) -> None:
        self.warned = warned
        self.root, self.opts, self.interval = root, opts, interval
        self.wrote, self.summary, self.failed, self.sleep = wrote, summary, failed, sleep
        self.builds = 0

    def rebuild(self, reason: list[str] | None = None) -> bool:
        """One incremental build; report it; True if it succeeded."""
        self.builds += 1
        fresh: list[Job] = []
        written: list[Job] = []

        def on_write(job: Job) -> None:
            written.append(job)
            self.wrote(job)

        start = time.perf_counter()
        try:
            build(self.root, self.opts, on_write, up_to_date=fresh.append, warned=self.warned)
        except ReportgenError as exc:
            self.failed(exc)
            return False
        took = time.perf_counter() - start
        more = " …" if reason and len(reason) > 3 else ""
        what = f"changed: {', '.join(reason[:3])}{more}; " if reason else ""
        if written:
            self.summary(
                f"{what}rebuilt {len(written)} file(s) in {took:.2f} s, {len(fresh)} up to date"
            )
        else:
            self.summary(f"{what}{len(fresh)} file(s) up to date")
        return True

    def run(self, max_polls: int | None = None) -> None:
        """Watch until Ctrl-C (or ``max_polls`` polls, for tests)."""
        seen = scan(self.root)
        self.rebuild()
        polls = 0
        try:
            while max_polls is None or polls < max_polls:
                self.sleep(self.interval)
                polls += 1
                now = scan(self.root)
                if now == seen:
                    continue
                while True:  # let a save finish: wait until two polls agree
                    self.sleep(self.interval)
                    polls += 1
                    settled = scan(self.root)
                    if settled == now:
                        break
                    now = settled
                diff = changed(seen, now)
                seen = now
                self.rebuild(diff)
        except KeyboardInterrupt:
            return
