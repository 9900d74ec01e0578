"""What the zh-Hans conversion changes beyond characters, per value, for a reviewer.

``reportgen hans`` lists, for every Chinese value of the documents (file:line), each
override, built-in replacement and term-table localisation the Simplified edition makes,
so a Mainland-side reviewer can approve it or add an override.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .check import hans_conversion, strings
from .diagnostics import Location
from .errors import ContentError
from .hans import Change
from .loader import key_str, load_yaml
from .project import Project


@dataclass
class ReviewItem:
    """One value's conversion to Simplified Chinese, for review."""

    location: Location
    key: str
    source: str  # the Traditional value
    result: str  # the zh-Hans value
    changes: list[Change] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "key": self.key,
            "source": self.source,
            "result": self.result,
            "changes": [
                {"from": c.source, "to": c.target, "kind": c.kind, "why": c.why, "origin": c.origin}
                for c in self.changes
            ],
        }


def review(project: Project, docs: list[str] | None = None) -> list[ReviewItem]:
    """The values whose zh-Hans rendering differs beyond characters, in file order."""
    conv = hans_conversion(project)
    items: list[ReviewItem] = []
    for name, doc in project.documents.items():
        if (docs and name not in docs) or "zh" not in doc.languages():
            continue
        path = project.content_path("zh", name)
        if not path.is_file():
            continue
        src, diags = load_yaml(path, "zh")
        if src is None:
            raise ContentError(diagnostics=diags)
        for key, text in strings(src.data):
            result, changes = conv.trace(text)
            if changes:
                items.append(ReviewItem(src.loc(key), key_str(key), text, result, changes))
    return items


def format_item(item: ReviewItem, root: Path | None = None) -> list[str]:
    """``PATH:LINE:COL: key`` and one indented line per distinct change (with a count)."""
    loc = item.location
    path = loc.path
    if root is not None:
        try:
            path = str(Path(path).resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    lines = [f"{path}:{loc.line}:{loc.column}: {item.key}"]
    counts = Counter((c.kind, c.source, c.target) for c in item.changes)
    seen: set[tuple[str, str, str]] = set()
    for c in item.changes:
        ident = (c.kind, c.source, c.target)
        if ident in seen:
            continue
        seen.add(ident)
        times = f" ×{counts[ident]}" if counts[ident] > 1 else ""
        note = c.origin or c.why
        lines.append(
            f"    {c.kind:<8} {c.source} → {c.target}{times}" + (f"  ({note})" if note else "")
        )
    return lines


def summary(items: list[ReviewItem]) -> str:
    kinds = Counter(c.kind for item in items for c in item.changes)
    parts = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    return f"{len(items)} value(s) changed beyond characters" + (f": {parts}" if parts else "")
