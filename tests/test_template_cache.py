"""Compiled templates kept between runs (template_cache.py, issue 17): the same output, the
same sandbox, a changed template or environment compiled again, a bad or foreign entry
never used."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

import jinja2
import pytest
from jinja2.exceptions import SecurityError

from reportgen import template_cache
from reportgen.templating import environment

BODY = "{% for x in items %}<p>{{ x|upper }}</p>{% endfor %}"
CONTEXT = {"items": ["a", "<b>"]}
EXPECTED = "<p>A</p><p>&lt;B&gt;</p>"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REPORTGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTGEN_NO_CACHE", raising=False)
    return tmp_path / "cache" / "templates"


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "t.xml.j2").write_text(BODY, encoding="utf-8")
    return folder


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.bin")) if cache.is_dir() else []


def _render(templates: Path, name: str = "t.xml.j2", **context: object) -> str:
    """Rendered by a new environment (nothing kept in memory between calls)."""
    return environment(templates).get_template(name).render(context or CONTEXT)


def _no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: jinja2.Environment, *args: object, **kw: object) -> None:
        raise AssertionError("the template was compiled")

    monkeypatch.setattr(jinja2.Environment, "compile", refuse)


def test_compiled_once_then_read_back(
    cache: Path, templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _render(templates) == EXPECTED
    assert len(_entries(cache)) == 1
    with monkeypatch.context() as m:
        _no_compiling(m)
        assert _render(templates) == EXPECTED


def test_no_cache_when_turned_off(
    cache: Path, templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPORTGEN_NO_CACHE", "1")
    assert environment(templates).bytecode_cache is None
    assert _render(templates) == EXPECTED
    assert not _entries(cache)


def test_a_changed_template_is_compiled_again(cache: Path, templates: Path) -> None:
    assert _render(templates) == EXPECTED
    (templates / "t.xml.j2").write_text(BODY.replace("upper", "lower"), encoding="utf-8")
    assert _render(templates) == "<p>a</p><p>&lt;b&gt;</p>"
    assert len(_entries(cache)) == 2


def test_another_environment_has_its_own_entries(cache: Path, templates: Path) -> None:
    env = environment(templates)
    source = (templates / "t.xml.j2").read_text(encoding="utf-8")
    key = template_cache._key(env, "t.xml.j2", "f", source)
    plain = jinja2.Environment(loader=env.loader, autoescape=True)
    assert template_cache._key(plain, "t.xml.j2", "f", source) != key
    env.intercepted_binops = frozenset(["*"])  # type: ignore[attr-defined]
    assert template_cache._key(env, "t.xml.j2", "f", source) != key
    assert template_cache._key(environment(templates), "t.xml.j2", "g", source) != key


def test_the_sandbox_holds_with_cached_code(cache: Path, templates: Path) -> None:
    (templates / "evil.xml.j2").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}{{ 'x' * n }}", encoding="utf-8"
    )
    for _ in range(2):  # compiled, then from the cache
        with pytest.raises(SecurityError):
            _render(templates, "evil.xml.j2", n=1)
    assert len(_entries(cache)) == 1
    (templates / "huge.xml.j2").write_text("{{ 'x' * n }}", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(SecurityError, match="over 1,000,000"):
            _render(templates, "huge.xml.j2", n=10**7)


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: raw[:100],
        lambda raw: raw[:-1] + bytes([raw[-1] ^ 1]),
        lambda raw: b"XXXXX" + raw[5:],
        lambda raw: raw[:37] + marshal.dumps("not code"),
    ],
)
def test_a_bad_entry_is_ignored_and_replaced(
    cache: Path, templates: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    assert _render(templates) == EXPECTED
    (entry,) = _entries(cache)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert _render(templates) == EXPECTED
    with monkeypatch.context() as m:
        _no_compiling(m)
        assert _render(templates) == EXPECTED  # a good entry again


def test_a_well_formed_entry_with_the_right_digest_for_other_code_is_refused(
    cache: Path, templates: Path
) -> None:
    """The digest covers the data, not the key: a forged entry with its own digest is still
    only code; what guards it is who may write the folder (see the next test)."""
    import hashlib

    assert _render(templates) == EXPECTED
    (entry,) = _entries(cache)
    data = marshal.dumps("not code")
    entry.write_bytes(template_cache.FORMAT + hashlib.sha256(data).digest() + data)
    assert _render(templates) == EXPECTED


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners and modes")
def test_an_entry_others_may_write_is_never_read(
    cache: Path, templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _render(templates) == EXPECTED
    (entry,) = _entries(cache)
    entry.chmod(0o666)
    with monkeypatch.context() as m:
        compiled: list[str] = []
        real = jinja2.Environment.compile

        def counting(self: jinja2.Environment, *args: object, **kw: object) -> object:
            compiled.append("x")
            return real(self, *args, **kw)  # type: ignore[arg-type]

        m.setattr(jinja2.Environment, "compile", counting)
        assert _render(templates) == EXPECTED
        assert compiled == ["x"]
