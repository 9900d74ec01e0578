"""The loader's two engines (libyaml's events, the pure-Python composer) agree: whenever the
fast path accepts a file, the strict pure-Python path accepts it too, with the same data,
lines and key lines; everything it refuses is worded by the pure-Python path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen import loader

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(loader._CParser is None, reason="PyYAML without libyaml")


def _agree(raw: str) -> bool:
    """True when the fast path decided; asserts it agrees with the pure-Python path."""
    fast = loader._fast_load(raw)
    slow, diags = loader._slow_load(Path("x.yaml"), raw, "")
    if fast is None:
        return False
    assert slow is not None, [d.message for d in diags]
    assert fast[0] == slow.data
    assert list(fast[1].items()) == list(slow.lines.items())
    assert list(fast[2].items()) == list(slow.key_lines.items())
    return True


def test_every_yaml_file_of_the_repository() -> None:
    files = [p for p in REPO.rglob("*.yaml") if ".venv" not in p.parts and "build" not in p.parts]
    decided = 0
    for path in files:
        raw, diags = loader._read(path, "")
        if raw is None or loader._scan_text(path, raw, ""):
            continue
        decided += _agree(raw)
    assert decided >= 10


@pytest.mark.parametrize(
    "raw",
    [
        "a: &x 1\nb: 2\n",
        "a: 1\nb: *x\n",
        "a: !!str 1\n",
        "a: 1\na: 2\n",
        "? [a]\n: 1\n",
        "--- 1\n--- 2\n",
        "a: '\\x07'\n",
        'a: "\\x07"\n',
        '"\\x07": 1\n',
        "a: [" * 30 + "]" * 30 + "\n",
        "",
        "---\n",
        "~\n",
        "a: {b: [1, 2, {c: ~}]}\n",
        "a: 'null'\nb: null\nc:\n",
    ],
)
def test_refusals_go_to_the_pure_python_path(raw: str) -> None:
    _agree(raw)  # the assertions are inside


_SYMBOLS = st.sampled_from(list("-:?,[]{}#&*!|>'\"%@` \n") + ["  ", "\n  ", ": ", "- ", "中", "𨋢"])
_WORDS = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N")), max_size=6)


EXAMPLES = int(os.environ.get("LOADER_EXAMPLES", "300"))  # more to search harder


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_SYMBOLS, _WORDS), max_size=40))
def test_random_texts(parts: list[str]) -> None:
    _agree("".join(parts))


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.text(max_size=8) | st.none(),
        lambda kids: (
            st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=5), kids, max_size=4)
        ),
        max_leaves=20,
    ),
    st.sampled_from([None, '"', "'"]),
    st.booleans(),
)
def test_dumped_structures(data: object, style: str | None, flow: bool) -> None:
    raw = yaml.safe_dump(data, default_style=style, default_flow_style=flow, allow_unicode=True)
    _agree(raw)
