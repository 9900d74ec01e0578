"""``exceptions.yaml``: warnings a reviewer has accepted, each with the reason.

    # content file -> key path ('*' = the whole file) -> code -> reason
    content/zh/briefing-pack.yaml:
      background.paragraphs[3]:
        latin-text: the company's English name is part of the agreed wording

A warning is accepted when its file, key and code match an entry. ``check``
no longer prints it (it counts it as accepted), ``status`` lists every entry,
and an entry that no longer matches any warning is itself reported, so stale
exceptions do not pile up. Errors cannot be accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Location, error, warning
from .loader import load_yaml

EXCEPTIONS_NAME = "exceptions.yaml"
WHOLE_FILE = "*"


@dataclass(frozen=True)
class Accepted:
    """One accepted diagnostic of exceptions.yaml: file, key, code and why."""

    file: str  # relative to the project, with '/'
    key: str  # a key path, or '*'
    code: str
    reason: str
    where: Location

    def matches(self, diag: Diagnostic, root: Path) -> bool:
        if diag.is_error or diag.code != self.code:
            return False
        if _relative(diag.location.path, root) != self.file:
            return False
        key = diag.location.key
        return self.key == WHOLE_FILE or key == self.key or key.startswith(self.key + ".")

    def __str__(self) -> str:
        return f"{self.file}:{self.key} {self.code}: {self.reason}"


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def load_exceptions(root: Path) -> tuple[list[Accepted], list[Diagnostic]]:
    path = root / EXCEPTIONS_NAME
    if not path.is_file():
        return [], []
    src, diags = load_yaml(path)
    if src is None:
        return [], [Diagnostic(d.severity, "config", d.message, d.location) for d in diags]
    data = src.data or {}
    shape = (
        "exceptions.yaml maps a content file to key paths ('*' for the whole file), each "
        "to diagnostic codes and the reason they are accepted"
    )
    out: list[Accepted] = []
    if not isinstance(data, dict):
        return [], [error("config", shape, src.loc(()))]
    for file, keys in data.items():
        if not isinstance(keys, dict):
            diags.append(error("config", shape, src.loc((file,))))
            continue
        for key, codes in keys.items():
            if not isinstance(codes, dict):
                diags.append(error("config", shape, src.loc((file, key))))
                continue
            for code, reason in codes.items():
                where = src.loc((file, key, code), of_key=True)
                if not isinstance(reason, str) or not reason.strip():
                    msg = f"'{code}' under '{key}' needs a reason (who accepted it, and why)"
                    diags.append(error("config", msg, where))
                    continue
                out.append(Accepted(Path(file).as_posix(), key, code, reason.strip(), where))
    return out, diags


def apply_exceptions(
    diags: list[Diagnostic], accepted: list[Accepted], root: Path, complete: bool
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(diagnostics still shown, diagnostics accepted). With ``complete`` (every document
    and language was checked), an entry that matches nothing is reported, unless there
    are errors: a file that failed to load or validate (bad YAML, a missing schema/
    folder) was not value-checked, so its accepted warnings cannot be looked for."""
    kept: list[Diagnostic] = []
    hidden: list[Diagnostic] = []
    used: set[Accepted] = set()
    for d in diags:
        match = next((a for a in accepted if a.matches(d, root)), None)
        if match is None:
            kept.append(d)
        else:
            hidden.append(d)
            used.add(match)
    if complete and not any(d.is_error for d in diags):
        for a in accepted:
            if a not in used:
                msg = (
                    f"the exception for '{a.code}' at {a.file}:{a.key} matches no warning "
                    "(fixed, or the text changed); delete it"
                )
                kept.append(warning("config", msg, a.where))
    return kept, hidden
