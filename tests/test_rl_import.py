"""rl_patches imports reportlab.platypus with its widest patterns compiled when first used:
they still match, and re.compile is reportlab's again afterwards."""

from __future__ import annotations

import subprocess
import sys


def test_platypus_patterns_compiled_lazily_still_match() -> None:
    code = """
import re
compile_before = re.compile
import reportgen.writers.pdf
from reportlab.platypus import paragraph
from reportgen.writers.rl_patches import LazyPattern
assert re.compile is compile_before
assert isinstance(paragraph.uri_pat, LazyPattern)
assert paragraph.uri_pat.match("https://www.info.gov.hk/gia/general/index.htm")
assert not paragraph.uri_pat.match("not a uri")
assert isinstance(paragraph._wsc_re_split.__self__, re.Pattern)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
