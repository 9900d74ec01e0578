"""``link``: URLs and e-mail addresses must be the same in both texts."""

from __future__ import annotations

import re
from functools import cache

from .base import Finding, Value, register


@cache
def _link() -> re.Pattern[str]:
    """Compiled when first needed (about 3 ms: its CJK class; most projects have no link,
    see :func:`_may_link`)."""
    return re.compile(
        # a link ends at Chinese text: 載於https://a.gov.hk提供 has the link https://a.gov.hk
        r"(?:https?://|www\.)[^\s<>\"'\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]+"
        r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
        re.IGNORECASE,
    )


_TRAILING = ".,;:!?)]}'\""


def links(text: str) -> list[str]:
    if not _may_link(text):
        return []
    return [m.group(0).rstrip(_TRAILING) for m in _link().finditer(text)]


LINK_MARK = "\ue001"  # stands for a removed link (neither space nor Chinese)


def strip_links(text: str) -> str:
    return _link().sub(LINK_MARK, text) if _may_link(text) else text


def _may_link(text: str) -> bool:
    """Whether ``text`` has what every match of :func:`_link` has ('://', 'www.' in any
    case, or '@'): most values have none, and then the search is skipped."""
    return "@" in text or "://" in text or "www." in text.lower()


# Path parts naming the page's language: /en/ and /tc/ of one page are the same link.
_LANG_PART = re.compile(
    r"(?<=/)(en|eng|english|chinese|tc|sc|chi|chs|cht|zh|zh-hk|zh-tw|zh-cn|zh-hant|zh-hans|"
    r"zh_hk|zh_tw|zh_cn)(?=/|$)|(?<=_)(e|c|tc|sc|en|chi)(?=\.html?$)|(?<=lang=)\w+",
    re.IGNORECASE,
)


def _key(link: str) -> str:
    """Scheme and host compare without case, the path exactly except for its language."""
    scheme, sep, rest = link.partition("://")
    if not sep:
        rest, scheme = link, ""
    host, slash, path = rest.partition("/")
    path = _LANG_PART.sub("{lang}", "/" + path)[1:]
    return f"{scheme.lower()}{sep}{host.lower()}{slash}{path}"


@register
def check_links(value: Value) -> list[Finding]:
    en, zh = links(value.en), links(value.zh)
    en_keys, zh_keys = {_key(x) for x in en}, {_key(x) for x in zh}
    out: list[Finding] = []
    target, target_links, source_links = (
        ("Chinese", zh, en_keys) if value.target == "zh" else ("English", en, zh_keys)
    )
    source = "English" if target == "Chinese" else "Chinese"
    for link in target_links:
        if _key(link) not in source_links:
            expected = " or ".join(sorted(set(en if target == "Chinese" else zh))) or "none"
            msg = (
                f"'{value.key_name}': the {target} has {link}, which the {source} does not "
                f"have (the {source} has {expected}); copy the link exactly"
            )
            out.append(Finding("link", msg, link, value.target))
    have = zh_keys if target == "Chinese" else en_keys
    for link in [] if out else en if target == "Chinese" else zh:
        if _key(link) not in have:
            msg = (
                f"'{value.key_name}': the {source} has {link} and the {target} does not; "
                "copy the link exactly"
            )
            out.append(Finding("link", msg, "", value.target))
    return out
