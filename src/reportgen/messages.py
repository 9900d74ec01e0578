"""reportgen's own words on the page, per language (not content: these never change per project)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "page": "Page {page} of {pages}",
        "contents": "Contents",
        "annex": "Annex {n}",
        "article": "Article {n}",
        "blank": "This page is intentionally left blank",
        "unofficial": "Unofficial translation. The Chinese text is authoritative.",
        "signed_at": "Signed at {place} on {date}",
        "for_party": "For {party}",
        "list_of_annexes": "List of Annexes",
        "annex_page": "{label} – Page {page} of {pages}",
        "separator": ", ",
        "aka": " (“{short}”)",
        "article_sep": ": ",
        "signature_line": "____________________",
        "enum": "{n}. ",
        "sub": "{a}.{b} ",
    },
    "zh": {
        "page": "第 {page} 頁，共 {pages} 頁",
        "contents": "目錄",
        "annex": "附件{n}",
        "article": "第{n}條",
        "blank": "此頁空白",
        "unofficial": "非官方譯本，以中文文本為準。",
        "signed_at": "{date}於{place}簽署",
        "for_party": "{party}",
        "list_of_annexes": "附件一覽",
        "annex_page": "{label} – 第 {page} 頁，共 {pages} 頁",
        "separator": "、",
        "aka": "（「{short}」）",
        "article_sep": "　",
        "signature_line": "____________________",
        "enum": "{n}、",
        "sub": "（{b}）",
    },
    "zh-Hans": {
        "page": "第 {page} 页，共 {pages} 页",
        "contents": "目录",
        "annex": "附件{n}",
        "article": "第{n}条",
        "blank": "此页空白",
        "unofficial": "非官方译本，以中文文本为准。",
        "signed_at": "{date}于{place}签署",
        "for_party": "{party}",
        "list_of_annexes": "附件一览",
        "annex_page": "{label} – 第 {page} 页，共 {pages} 页",
        "separator": "、",
        "aka": "（“{short}”）",
        "article_sep": "　",
        "signature_line": "____________________",
        "enum": "{n}、",
        "sub": "（{b}）",
    },
}


def messages(lang: str) -> dict[str, str]:
    """Messages for a BCP 47 tag or edition name ("en", "zh-Hant-HK", "zh-Hans")."""
    if lang.startswith("zh-Hans"):
        return MESSAGES["zh-Hans"]
    return MESSAGES["zh" if lang.startswith("zh") else "en"]
