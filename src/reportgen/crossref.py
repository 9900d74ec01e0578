"""Ids that link a document's facts to its text, and facts that name other documents.

A facts schema property with ``"x-ids": ["programme.items"]`` says: the ids of this
facts value (the keys of a mapping, or the items of a list) are exactly the keys of
the text at that key path. Without the check a programme item written in the text but
not in the facts (or the other way round) silently vanished from the output, or the
template failed with a message about the template. ``"x-document": true`` on a string
says it names a document in ``reportgen.yaml``.
"""

from __future__ import annotations

from typing import Any

from .diagnostics import Diagnostic, error
from .loader import KeyPath, Source, key_str


def crossref_diagnostics(
    facts_schema: dict[str, Any], sources: dict[str, Source], text_lang: str, documents: list[str]
) -> list[Diagnostic]:
    """Problems linking ``sources['facts']`` to ``sources[text_lang]`` and to ``documents``."""
    facts = sources.get("facts")
    if facts is None or not isinstance(facts.data, dict):
        return []
    text = sources.get(text_lang)
    diags: list[Diagnostic] = []
    for key, spec in (facts_schema.get("properties") or {}).items():
        value = facts.data.get(key)
        if value is None:
            continue
        if text is not None and isinstance(text.data, dict):
            for target in spec.get("x-ids", []):
                diags += _same_ids(facts, (key,), value, text, tuple(target.split(".")))
        item = spec.get("additionalProperties")
        if isinstance(item, dict) and item.get("properties"):
            diags += _documents(facts, (key,), value, item, documents)
    return diags


def _ids(value: Any) -> list[str]:
    if isinstance(value, dict):
        return list(value)
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _at(data: Any, path: KeyPath) -> Any:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _same_ids(
    facts: Source, fpath: KeyPath, value: Any, text: Source, tpath: KeyPath
) -> list[Diagnostic]:
    in_text = _at(text.data, tpath)
    if not isinstance(in_text, dict):
        return []  # the schema reports a missing or wrong text value
    fids, tids = _ids(value), list(in_text)
    diags: list[Diagnostic] = []
    for i, fid in enumerate(fids):
        if fid not in in_text:
            where = facts.loc(fpath + ((fid,) if isinstance(value, dict) else (i,)), of_key=True)
            msg = (
                f"'{key_str(fpath)}' has '{fid}', but content/{text.lang}/{text.path.name} has no "
                f"'{key_str(tpath + (fid,))}'; add it there or delete it here"
            )
            diags.append(error("schema", msg, where))
    for tid in tids:
        if tid not in fids:
            where = text.loc(tpath + (tid,), of_key=True)
            msg = (
                f"'{key_str(tpath + (tid,))}' has no facts: add '{tid}' under "
                f"'{key_str(fpath)}' in content/facts/{facts.path.name}, or delete it here"
            )
            diags.append(error("schema", msg, where))
    return diags


def _documents(
    facts: Source, fpath: KeyPath, value: Any, item: dict[str, Any], documents: list[str]
) -> list[Diagnostic]:
    if not isinstance(value, dict):
        return []
    names = [k for k, s in item["properties"].items() if s.get("x-document")]
    diags: list[Diagnostic] = []
    for id_, entry in value.items():
        for name in names:
            target = entry.get(name) if isinstance(entry, dict) else None
            if isinstance(target, str) and target not in documents:
                known = ", ".join(documents)
                msg = f"'{target}' is not a document in reportgen.yaml; write one of: {known}"
                diags.append(error("schema", msg, facts.loc(fpath + (id_, name))))
    return diags
