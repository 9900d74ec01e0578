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
from reportgen.lazy_re import LazyPattern
assert re.compile is compile_before
assert isinstance(paragraph.uri_pat, LazyPattern)
assert paragraph.uri_pat.match("https://www.info.gov.hk/gia/general/index.htm")
assert not paragraph.uri_pat.match("not a uri")
assert isinstance(paragraph._wsc_re_split.__self__, re.Pattern)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_wide_patterns_of_yaml_and_pikepdf_lazy_and_pillow_deferred_still_work() -> None:
    code = """
import re, sys
compile_before = re.compile
import reportgen.loader, reportgen.writers.pdf
from reportgen.lazy_re import LazyPattern
assert re.compile is compile_before
import yaml.reader
from pikepdf.models.metadata import _constants
assert isinstance(yaml.reader.Reader.NON_PRINTABLE, LazyPattern)
assert isinstance(_constants.re_xml_illegal_chars, LazyPattern)
assert _constants.re_xml_illegal_chars.sub("", "a\\x01b") == "ab"
try:
    yaml.reader.Reader("a\\x01b")
except yaml.reader.ReaderError as exc:
    assert "#x0001" in str(exc)
else:
    raise AssertionError("non-printable accepted")
assert "PIL._imaging" not in sys.modules  # PIL.Image not run by the imports
from PIL import Image
from reportlab.lib.utils import ImageReader
reader = ImageReader(Image.new("RGB", (3, 2)))
assert reader.getSize() == (3, 2)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_pyfontify_deferred_and_still_works() -> None:
    code = """
import sys
import importlib.util
import reportgen.writers.pdf
from reportlab.platypus import xpreformatted
assert isinstance(sys.modules["reportlab.lib.PyFontify"], importlib.util._LazyModule)
tags = xpreformatted.PyFontify.fontify("def f(): return 'x'  # c")
assert [t[0] for t in tags] == ["keyword", "identifier", "keyword", "string", "comment"], tags
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
