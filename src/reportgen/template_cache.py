"""Compiled templates kept between processes (the user's cache folder).

jinja2 turns a template into Python code (lexing, parsing, code generation, ``compile``):
~0.02 s of CPU for the sample's briefing-pack template, paid by every ``check`` and
build. The code object is stored here once per template version and read back in well
under a millisecond.

* Where: ``templates`` beside the font cache folder (:func:`reportgen.fontcache.cache_dir`:
  ``REPORTGEN_CACHE_DIR``, ``XDG_CACHE_HOME``, ``REPORTGEN_NO_CACHE=1`` apply).
* Keyed by the template's whole source (SHA-256), its name and file, the environment
  (its class, the sandbox's intercepted operators, autoescape, the lexer's settings,
  the extensions, filters and tests), the versions of jinja2, Python and of
  :mod:`reportgen.templating`: a changed template, another library or another sandbox
  compiles again. The template is still read from ``templates/`` through the confined
  loader every time; only the compiling is skipped. What it compiles to is what jinja2
  makes of the same source, so the sandbox's checks (made while the template runs) are
  unchanged.
* Stored as :mod:`marshal` data after a SHA-256 digest of it, checked before it is read:
  a truncated, corrupted or foreign entry is ignored (and removed), and the template
  compiled as without a cache. An entry not owned by the user running reportgen, or
  writable by others, is never read. A cache folder that cannot be written is not used.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import sys
import types
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket

from . import fontcache

FORMAT = b"RGTC1"
MAX_ENTRIES = 64


def folder() -> Path | None:
    base = fontcache.cache_dir()
    return None if base is None else base.parent / "templates"


class CodeCache(jinja2.BytecodeCache):
    """jinja2's bytecode cache hook, with the key, format and checks above."""

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        bucket = Bucket(environment, _key(environment, name, filename, source), "")
        bucket.code = _read(bucket.key)
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            _write(bucket.key, marshal.dumps(bucket.code))


def _key(environment: jinja2.Environment, name: str, filename: str | None, source: str) -> str:
    env: Any = environment
    settings = (
        f"{type(env).__module__}.{type(env).__qualname__}",
        sorted(getattr(env, "intercepted_binops", ())),
        sorted(getattr(env, "intercepted_unops", ())),
        env.sandboxed,
        repr(env.autoescape),
        env.optimized,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        sorted(env.extensions),
        sorted(env.filters),
        sorted(env.tests),
    )
    head = (
        FORMAT.decode(),
        jinja2.__version__,
        sys.version,
        sys.implementation.cache_tag,
        fontcache.code_stamp("reportgen.templating", "reportgen.template_cache", "jinja2"),
        repr(settings),
        name,
        filename or "",
    )
    digest = hashlib.sha256("\x00".join(head).encode("utf-8", "surrogatepass"))
    digest.update(b"\x00" + source.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:40]


def _read(key: str) -> types.CodeType | None:
    base = folder()
    if base is None:
        return None
    entry = base / f"{key}.bin"
    try:
        with open(entry, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode) or _foreign(st):
                return None
            raw = fh.read(8_000_000)
    except OSError:
        return None
    start = len(FORMAT) + 32
    head, digest, data = raw[: len(FORMAT)], raw[len(FORMAT) : start], raw[start:]
    if head == FORMAT and hashlib.sha256(data).digest() == digest:
        try:
            code = marshal.loads(data)
        except (ValueError, EOFError, TypeError):
            code = None
        if isinstance(code, types.CodeType):
            return code
    with contextlib.suppress(OSError):
        entry.unlink()
    return None


def _foreign(st: os.stat_result) -> bool:
    """An entry another user owns, or that others may write: never read."""
    owner = os.geteuid() if hasattr(os, "geteuid") else st.st_uid
    return st.st_uid != owner or bool(st.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def _write(key: str, data: bytes) -> None:
    base = folder()
    if base is None:
        return
    try:
        fontcache.write_entry(
            base / f"{key}.bin", FORMAT + hashlib.sha256(data).digest() + data, MAX_ENTRIES
        )
    except OSError:
        pass  # a cache that cannot be written is not used
