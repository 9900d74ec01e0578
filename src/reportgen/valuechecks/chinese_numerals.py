"""Chinese numerals as values: 二○二一 → 2021, 十三 → 13, 三億五千萬 → 350000000, 一點五 → 1.5."""

from __future__ import annotations

import re
from decimal import Decimal

DIGITS = {
    "〇": 0, "○": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "貳": 2, "兩": 2, "两": 2,
    "三": 3, "參": 3, "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"萬": 10_000, "万": 10_000, "億": 100_000_000, "亿": 100_000_000}
_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
RUN = re.compile(f"[{_CHARS}]+(?:點[{''.join(DIGITS)}]+)?")


def numeral_value(run: str) -> Decimal | None:
    """The value of a run of Chinese numerals (None when it is not a number)."""
    whole, _, frac = run.partition("點")
    value = _integer(whole)
    if value is None:
        return None
    if frac:
        digits = "".join(str(DIGITS[c]) for c in frac if c in DIGITS)
        if len(digits) != len(frac):
            return None
        return Decimal(f"{value}.{digits}")
    return Decimal(value)


def _integer(run: str) -> int | None:
    if not run:
        return None
    if all(c in DIGITS for c in run):
        # 二○二一 is read digit by digit (years, numbers like 二二); a lone 兩 is 2
        return int("".join(str(DIGITS[c]) for c in run))
    total = section = number = 0
    for c in run:
        if c in DIGITS:
            number = DIGITS[c]
        elif c in SMALL_UNITS:
            section += (number or 1) * SMALL_UNITS[c]
            number = 0
        elif c == "萬" or c == "万":
            total += (section + number or 1) * 10_000
            section = number = 0
        else:  # 億
            total = (total + section + number or 1) * 100_000_000
            section = number = 0
    return total + section + number
