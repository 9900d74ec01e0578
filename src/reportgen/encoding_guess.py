"""What a file that is not UTF-8 looks like, for the ``encoding`` error.

Only used once reading as UTF-8 has failed (or found NUL characters), so it costs
nothing on the normal path. Windows editors save Chinese text as Big5 ("ANSI" on a Hong
Kong or Taiwan system), GBK ("ANSI" on a Mainland one) or UTF-16 ("Unicode"); each gets
its name in the message, so the translator knows which setting to change.
"""

from __future__ import annotations

SAVE_AS = 'save it as UTF-8 (in the editor\'s "Save As", choose the encoding "UTF-8")'
_SAMPLE = 4096


def guess_encoding(data: bytes) -> str | None:
    """The encoding ``data`` (not valid UTF-8, or with NULs) most likely is, or None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 (it starts with a UTF-16 byte-order mark)"
    if _looks_utf16(data[:_SAMPLE]):
        return "UTF-16"
    for codec, name in (
        ("gb2312", "GB2312/GBK (Simplified Chinese)"),
        ("big5hkscs", "Big5 (Traditional Chinese)"),
        ("gb18030", "GBK/GB 18030 (Simplified Chinese)"),
    ):
        if _decodes_to_han(data, codec):
            return name
    return None


def not_utf8_message(data: bytes, start: int) -> tuple[str, int]:
    """(message, byte offset to report) for ``data`` that fails as UTF-8 at ``start``."""
    name = guess_encoding(data)
    if name is None:
        return f"invalid UTF-8 (byte 0x{data[start]:02X}); save the file as UTF-8", start
    if name.startswith("UTF-16"):  # every byte is wrong, not just this one
        return f"the file is {name}, not UTF-8; {SAVE_AS}", 0
    first = next(i for i, b in enumerate(data) if b >= 0x80)  # its first Chinese character
    return f"the file looks like {name}, not UTF-8; {SAVE_AS}", first


def _looks_utf16(sample: bytes) -> bool:
    """YAML keys and indentation are ASCII: in UTF-16 every other byte of them is NUL."""
    if len(sample) < 4:
        return False
    evens, odds = sample[0::2], sample[1::2]
    for half, codec in ((odds, "utf-16-le"), (evens, "utf-16-be")):
        nuls = half.count(0)
        if nuls >= 4 and nuls * 3 >= len(half):
            try:
                sample[: len(sample) // 2 * 2].decode(codec)
            except UnicodeDecodeError:
                continue
            return True
    return False


def _decodes_to_han(data: bytes, codec: str) -> bool:
    """``data`` decodes cleanly as ``codec`` and has CJK ideographs. Big5 text fails GB2312
    (its second bytes go down to 0x40); GB2312 text would pass Big5, so GB2312 is tried
    first."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
