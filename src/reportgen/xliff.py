"""XLIFF 1.2 export and import, for CAT tools (Trados, memoQ, OmegaT, translate-toolkit).

Export writes one XLIFF file per direction (en → zh-HK, zh-HK → en): one ``<file>``
per document (``original`` = the translation's content file), one
``<trans-unit id="KEYPATH">`` per text value with the source text, the current
translation, its place in the source file (a ``location`` context group) and, for
a value whose source changed since it was confirmed, the previous source (an
``<alt-trans alttranstype="previous-version">``). State mapping, both ways:

=============  ==========================  ============
reportgen      ``<target state>``          ``approved``
=============  ==========================  ============
missing        needs-translation           no
untranslated   needs-translation           no
stale          needs-review-translation    no
unconfirmed    translated                  no
confirmed      final                       yes
=============  ==========================  ============

Import confirms a unit when it is ``approved="yes"``, or its state is ``final`` or
``signed-off``, or (with no ``approved`` attribute) ``translated``; every
``needs-*`` state (``needs-review-l10n`` too) is written but not confirmed. A
confirmation records the ``<source>`` of the file — the English the translator
saw — so an English edit made after the export shows as stale.
"""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Location, error, warning
from .errors import ContentError, UsageError
from .loader import MAX_FILE_BYTES, MAX_SCALAR_CHARS, KeyPath, _bad_char, key_str, load_yaml
from .lockfile import Records, is_current, read_lock, recorded_text, write_lock
from .project import Project
from .status import load_pairs, upgrade_lock
from .translation import (
    Pair,
    change,
    get_value,
    leaves,
    parse_key,
    placeholder_mismatch,
    untranslated,
)
from .xliff_read import NS, FileUnits, Unit, read_xliff
from .yamledit import edit_yaml

__all__ = ["NS", "edit_yaml", "export_xliff", "import_xliff", "read_xliff"]

XML_LANG = {"en": "en", "zh": "zh-HK"}
XML = "{http://www.w3.org/XML/1998/namespace}"
STATES = {
    "missing": ("needs-translation", "no"),
    "untranslated": ("needs-translation", "no"),
    "stale": ("needs-review-translation", "no"),
    "unconfirmed": ("translated", "no"),
    "confirmed": ("final", "yes"),
}
CONFIRMING = {"final", "signed-off"}
PROTECTED = ("content", "templates", "attachments", "schema", "fonts")


# ---------------------------------------------------------------- export


def unit_status(pair: Pair, path: KeyPath, src: str, records: Records) -> tuple[str, str | None]:
    """(status, current translation or None when missing): a key of :data:`STATES`."""
    found, tgt = get_value(pair.target.data, path)
    if not found or isinstance(tgt, (dict, list)) or not (tgt or "").strip():
        return "missing", None
    if untranslated(pair, path, src, tgt):
        return "untranslated", tgt
    recorded = records.get(pair.name, {}).get(key_str(path))
    if recorded is None:
        return "unconfirmed", tgt
    return ("confirmed" if is_current(recorded, src) else "stale"), tgt


@dataclass
class Export:
    """One XLIFF document, to a target language, and how many units it holds."""

    direction: str  # the target language: 'zh' or 'en'
    data: bytes
    count: int


def export_xliff(project: Project, everything: bool = False, to: str | None = None) -> list[Export]:
    """One XLIFF document per direction (only ``to`` when given); each valid XLIFF 1.2,
    even with nothing to translate."""
    records = read_lock(project.root)
    pairs = load_pairs(project)
    directions = [to] if to else sorted({p.target_lang for p in pairs}, reverse=True) or ["zh"]
    out = []
    for direction in directions:
        chosen = [p for p in pairs if p.target_lang == direction]
        data, count = _document(project, chosen, direction, records, everything)
        out.append(Export(direction, data, count))
    return out


def _document(
    project: Project, pairs: list[Pair], direction: str, records: Records, everything: bool
) -> tuple[bytes, int]:
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}xliff", {"version": "1.2"})
    count = 0
    for pair in pairs:
        file_el = _file_element(project, pair)
        root.append(file_el)
        body = ET.SubElement(file_el, f"{{{NS}}}body")
        for path, src in leaves(pair.source.data):
            status, tgt = unit_status(pair, path, src, records)
            if status == "confirmed" and not everything:
                continue
            old = records.get(pair.name, {}).get(key_str(path))
            previous = recorded_text(old) if status == "stale" and old else None
            _unit(project, body, pair, path, src, status, tgt, previous)
            count += 1
    if not pairs:  # XLIFF 1.2 needs a <file>: an empty one for this direction
        source = "zh" if direction == "en" else "en"
        attrs = _file_attrs("(none)", source, direction)
        ET.SubElement(ET.SubElement(root, f"{{{NS}}}file", attrs), f"{{{NS}}}body")
    ET.indent(root, space="  ")
    text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{text}\n'.encode(), count


def _file_attrs(original: str, source: str, target: str) -> dict[str, str]:
    return {
        "original": original,
        "source-language": XML_LANG[source],
        "target-language": XML_LANG[target],
        "datatype": "plaintext",
    }


def _file_element(project: Project, pair: Pair) -> ET.Element:
    original = _relative(project, pair.target.path)
    return ET.Element(f"{{{NS}}}file", _file_attrs(original, pair.source_lang, pair.target_lang))


def _relative(project: Project, path: Path) -> str:
    return path.resolve().relative_to(project.root.resolve()).as_posix()


def _unit(
    project: Project,
    body: ET.Element,
    pair: Pair,
    path: KeyPath,
    src: str,
    status: str,
    tgt: str | None,
    previous: str | None,
) -> None:
    key = key_str(path)
    state, approved = STATES[status]
    attrs = {"id": key, "resname": key, "approved": approved, f"{XML}space": "preserve"}
    unit = ET.SubElement(body, f"{{{NS}}}trans-unit", attrs)
    ET.SubElement(unit, f"{{{NS}}}source").text = src
    ET.SubElement(unit, f"{{{NS}}}target", {"state": state}).text = tgt or ""
    loc = pair.source.loc(path)
    group = ET.SubElement(
        unit, f"{{{NS}}}context-group", {"name": "location", "purpose": "location"}
    )
    for kind, text in (
        ("sourcefile", _relative(project, pair.source.path)),
        ("linenumber", loc.line),
    ):
        ET.SubElement(group, f"{{{NS}}}context", {"context-type": kind}).text = str(text)
    note = f"{status}; {pair.source_lang}: {Path(loc.path).name}:{loc.line}"
    if previous is not None:
        note += f"; the source changed: {change(previous, src)}"
    ET.SubElement(unit, f"{{{NS}}}note").text = note
    if previous is not None:
        alt = ET.SubElement(unit, f"{{{NS}}}alt-trans", {"alttranstype": "previous-version"})
        ET.SubElement(alt, f"{{{NS}}}source").text = previous
        ET.SubElement(alt, f"{{{NS}}}target").text = tgt or ""


def check_output(project: Project, out: Path) -> None:
    """Refuse an export path that would overwrite project content (a usage error)."""
    full = out.resolve()
    root = project.root.resolve()
    for part in PROTECTED:
        folder = root / part
        if full == folder or folder in full.parents:
            raise UsageError(
                f"{out} is inside {part}/; write the XLIFF file elsewhere (e.g. build/)"
            )
    if full.parent == root and full.suffix in (".yaml", ".yml", ".lock"):
        raise UsageError(f"{out} is a project file; write the XLIFF file elsewhere")
    if full.is_file() and full.suffix.lower() not in (".xlf", ".xliff", ".xml"):
        raise UsageError(f"{out} exists and is not an XLIFF file; choose a .xlf name")


# ---------------------------------------------------------------- import


def confirms(unit: Unit) -> bool:
    if unit.approved == "yes" or unit.state in CONFIRMING:
        return True
    return unit.approved is None and unit.state == "translated"


@dataclass
class Imported:
    """What importing an XLIFF file changed, confirmed and warned about."""

    changed: list[Path]
    confirmed: int
    warnings: list[Diagnostic]
    unconfirmed: list[str]  # 'FILE:KEY' written but not approved in the XLIFF


def import_xliff(project: Project, path: Path) -> Imported:
    """Write targets into the content files and confirm them; nothing is written when any
    unit is refused."""
    files = read_xliff(path)
    pairs = {_relative(project, p.target.path): p for p in load_pairs(project)}
    plans, diags, notes = _plan(files, pairs, path)
    if diags:
        raise ContentError(diagnostics=diags)
    edited = [(pair, _edited(pair, updates)) for pair, updates, _ in plans]
    changed: list[Path] = []
    for pair, new in edited:
        if new is not None:
            _write(pair.target.path, new)
            changed.append(pair.target.path)
    records = read_lock(project.root)
    upgrade_lock(project, records)
    confirmed = 0
    unconfirmed: list[str] = []
    for pair, updates, confirm in plans:
        section = records.setdefault(pair.name, {})
        for key, source in confirm.items():
            if source is not None:
                section[key] = source
                confirmed += 1
        name = _relative(project, pair.target.path)
        unconfirmed += [f"{name}:{key_str(k)}" for k in updates if key_str(k) not in confirm]
    write_lock(project.root, records)
    return Imported(changed, confirmed, notes, unconfirmed)


Plan = tuple[Pair, dict[KeyPath, str], dict[str, str | None]]


def _plan(
    files: list[FileUnits], pairs: dict[str, Pair], xliff: Path
) -> tuple[list[Plan], list[Diagnostic], list[Diagnostic]]:
    plans: list[Plan] = []
    diags: list[Diagnostic] = []
    notes: list[Diagnostic] = []
    where = Location(str(xliff))
    for f in files:
        if f.original == "(none)" and not f.units:
            continue
        pair = pairs.get(f.original)
        if pair is None:
            msg = f'<file original="{f.original}"> is not a translated content file here'
            diags.append(error("missing-file", msg, where))
            continue
        updates: dict[KeyPath, str] = {}
        confirm: dict[str, str | None] = {}
        for unit in f.units:
            problem = _unit_problem(pair, unit)
            if problem:
                diags.append(problem[0](problem[1], problem[2], where))
                continue
            path = parse_key(unit.key)
            if not unit.text.strip():
                continue
            found, current = get_value(pair.target.data, path)
            if not found or current != unit.text:
                updates[path] = unit.text
            if confirms(unit):
                src = get_value(pair.source.data, path)[1]
                if _placeholders_differ(pair, path, src, unit.text, notes, where):
                    confirm[unit.key] = None  # written, held back from the lock
                    continue
                confirm[unit.key] = _confirmed_source(pair, unit, src, notes, where)
        plans.append((pair, updates, confirm))
    return plans, diags, notes


def _placeholders_differ(
    pair: Pair, path: KeyPath, src: str, text: str, notes: list[Diagnostic], where: Location
) -> bool:
    """An approved target whose placeholders differ from the source's is written (so the
    translator sees it in the file) but not confirmed: 'check' reports it as an error."""
    found = placeholder_mismatch(pair, path, src, text)
    if found is None:
        return False
    msg = found.message.removesuffix("; copy them exactly") + (
        "; written but not confirmed: copy them exactly, then 'reportgen sync --accept'"
    )
    notes.append(warning("placeholder-mismatch", msg, where, pair.source.loc(path)))
    return True


def _confirmed_source(
    pair: Pair, unit: Unit, current: str, notes: list[Diagnostic], where: Location
) -> str:
    """The source text a confirmation records: the exported one (when the file has it)."""
    from .xliff_read import normalise

    if not unit.source or normalise(current, current) == unit.source:
        return current
    msg = (
        f"'{unit.key}': the {pair.source_lang} text changed since the export: "
        f"{change(unit.source, current)}; the translation is recorded against the exported "
        "text, so 'reportgen check' reports it stale: review it"
    )
    notes.append(warning("stale", msg, where, pair.source.loc(parse_key(unit.key))))
    return unit.source


def _unit_problem(pair: Pair, unit: Unit) -> tuple | None:
    try:
        path = parse_key(unit.key)
    except ValueError:
        return error, "extra-key", f"trans-unit id '{unit.key}' is not a key path"
    found, value = get_value(pair.source.data, path)
    if not found or isinstance(value, (dict, list)):
        msg = (
            f"trans-unit '{unit.key}' does not exist in {pair.source.path.name} "
            f"({pair.name}); export again"
        )
        return error, "extra-key", msg
    if len(unit.text) > MAX_SCALAR_CHARS:
        msg = (
            f"trans-unit '{unit.key}': the target is {len(unit.text):,} characters; the limit "
            f"is {MAX_SCALAR_CHARS:,}: split it"
        )
        return error, "limit", msg
    for ch in unit.text:
        if ch not in "\n" and _bad_char(ch):
            msg = (
                f"trans-unit '{unit.key}': the target has U+{ord(ch):04X}, which content "
                "files cannot hold; delete it (use a line break for a new line)"
            )
            return error, "yaml-syntax", msg
    return None


def _edited(pair: Pair, updates: dict[KeyPath, str]) -> str | None:
    """The new text of the translation file with ``updates``; None when nothing changes.
    Raise ContentError when the result would not load back exactly."""
    if not updates:
        return None
    path = pair.target.path
    raw = path.read_bytes().decode("utf-8")
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    text = raw[len(bom) :]
    try:
        new = edit_yaml(text, updates)
    except ContentError as exc:
        raise ContentError(diagnostics=[_at(d, path) for d in exc.diagnostics]) from exc
    except Exception as exc:  # noqa: BLE001 - a value the editor cannot place
        msg = f"could not write the targets into this file ({type(exc).__name__}); edit by hand"
        raise ContentError(diagnostics=[error("build", msg, Location(str(path)))]) from exc
    _verify(pair, new, updates)
    return None if new == text else bom + new


def _at(d: Diagnostic, path: Path) -> Diagnostic:
    if d.location.path:
        return d
    return Diagnostic(d.severity, d.code, d.message, Location(str(path)), d.related)


def _verify(pair: Pair, text: str, updates: dict[KeyPath, str]) -> None:
    """The strict loader reads the new text back with every update, or nothing is written."""
    path = pair.target.path
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        msg = f"the imported file would exceed {MAX_FILE_BYTES:,} bytes; split the document"
        raise ContentError(diagnostics=[error("limit", msg, Location(str(path)))])
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / path.name
        probe.write_text(text, encoding="utf-8")
        src, diags = load_yaml(probe, pair.target_lang)
    for key, value in updates.items():
        found, got = get_value(src.data, key) if src is not None else (False, None)
        if not found or (got or "") != value:
            reason = f" ({diags[0].message})" if diags else ""
            msg = f"could not write '{key_str(key)}' safely{reason}; edit it by hand"
            raise ContentError(diagnostics=[error("build", msg, Location(str(path)))])


def _write(path: Path, text: str) -> None:
    from .atomic import write_bytes

    write_bytes(path, text.encode("utf-8"))
