"""formatting writes long dates out without Babel: the same text as Babel's, and the PDF
build path does not import Babel at all."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from babel.dates import format_date as babel_date

from reportgen.formatting import LOCALES, format_date, format_number, locale_for


def _days(year: int) -> list[dt.date]:
    start = dt.date(year, 1, 1)
    return [start + dt.timedelta(days=n) for n in range((dt.date(year + 1, 1, 1) - start).days)]


@pytest.mark.parametrize("lang", ["en", "zh", "zh-Hant-HK", "zh-Hans", "zh-Hans-CN", "fr"])
def test_long_date_is_babels_every_day(lang: str) -> None:
    locale = locale_for(lang)
    days = _days(2024) + _days(2021) + [dt.date(1, 1, 1), dt.date(999, 7, 4), dt.date(9999, 12, 31)]
    for day in days:
        assert format_date(day, lang) == babel_date(day, format="long", locale=locale)


def test_long_date_words() -> None:
    day = dt.date(2021, 9, 23)
    assert format_date(day, "en") == "23 September 2021"
    assert format_date(day, "zh") == "2021年9月23日"
    assert format_date(day, "zh-Hans") == "2021年9月23日"
    assert format_date(dt.datetime(2021, 9, 3, 23, 59), "en") == "3 September 2021"


def test_locales_all_have_their_pattern_written_out() -> None:
    # a new locale in LOCALES needs its long-date pattern in format_date
    assert set(LOCALES.values()) == {"en_HK", "zh_Hant_HK", "zh_Hans_CN"}


def test_not_a_date_goes_to_babel() -> None:
    with pytest.raises(Exception) as ours:
        format_date("2021-09-23", "en")  # type: ignore[arg-type]
    with pytest.raises(Exception) as babels:
        babel_date("2021-09-23", format="long", locale="en_HK")  # type: ignore[arg-type]
    assert type(ours.value) is type(babels.value)
    assert format_number(1234.5, "en") == "1,234.5"


def test_pdf_build_path_does_not_import_babel() -> None:
    code = """
import sys
import reportgen.cli, reportgen.build, reportgen.writers.pdf, reportgen.check, reportgen.render
import reportgen.templating
import datetime as dt
from reportgen.formatting import format_date
assert format_date(dt.date(2021, 9, 23), "zh") == "2021年9月23日"
assert "babel" not in sys.modules, sorted(m for m in sys.modules if m.startswith("babel"))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
