# ruff: noqa: E501, B023, B905
"""A synthetic bilingual briefing-pack project for the benchmark.

``make(dest, scale)`` writes a project that uses the repository's own templates and
schemas (copied) and fonts (hard-linked, like ``tests/conftest.py``): at scale 1 about 60
bilingual A4 pages with a 30-row programme table, headings, lists and paragraphs of
English prose and Chinese prose with Latin words in it. Everything scales linearly
with ``scale``; the text is deterministic (seeded), so every run sets the same pages.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FONTS = Path(os.environ.get("REPORTGEN_TEST_FONTS", REPO / "fonts"))

# Base sizes (scale 1): tuned so the bilingual PDF is about 60 pages.
PROGRAMME_ROWS = 30
GROUPS, MEMBERS = 5, 8
BACKGROUND_PARAS = 46
AREAS, POINTS = 14, 6
AGREEMENTS = 10
REMARKS = 7

EN_WORDS = (
    "co-operation Hong Kong Sichuan delegation conference economic trade investment "
    "innovation technology finance logistics tourism culture youth education health "
    "professional services enterprises platform mechanism plenary session agreement "
    "memorandum Greater Bay Area Chengdu Chongqing region development opportunities "
    "exchange support promote strengthen deepen encourage facilitate complementary "
    "advantages mutual benefit high-level meeting government bureau secretary officials "
    "the of and to in for with on by as a an that this will both two places"
).split()

ZH_PHRASES = (
    "港川合作機制",
    "由現屆政府",
    "於二〇一八年五月建立",
    "其後成為兩地重要的合作平台",
    "三年內兩度舉行高層會議",
    "實屬難能可貴",
    "鼓勵和支持港川企業",
    "參與對方舉辦的經貿活動和展覽",
    "推動兩地企業攜手「走出去」",
    "參與「一帶一路」重點項目等",
    "香港會繼續發揮自身優勢",
    "把握成渝地區雙城經濟圈建設的機遇",
    "港川兩地在深化合作中互利共贏",
    "加強金融服務合作",
    "促進創新科技交流",
    "深化文化及旅遊合作",
    "支持青年交流",
    "推動專業服務發展",
    "香港特別行政區政府",
    "四川省人民政府",
    "代表團",
    "會議",
    "合作備忘錄",
    "經貿合作",
)
ZH_LATIN = ("（Hong Kong Exchanges and Clearing Limited）", "GDP", "2021年", "R&D", "HKTDC", "5G")
ZH_PUNCT = ("，", "，", "，", "、", "；")


def _en_sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(EN_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _en(rng: random.Random, sentences: int, lo: int = 12, hi: int = 24) -> str:
    return " ".join(_en_sentence(rng, rng.randint(lo, hi)) for _ in range(sentences))


def _zh(rng: random.Random, sentences: int, lo: int = 3, hi: int = 6) -> str:
    out = []
    for _ in range(sentences):
        parts = []
        for _ in range(rng.randint(lo, hi)):
            parts.append(rng.choice(ZH_PHRASES))
            if rng.random() < 0.15:
                parts.append(rng.choice(ZH_LATIN))
            parts.append(rng.choice(ZH_PUNCT))
        out.append("".join(parts[:-1]) + "。")
    return "".join(out)


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _n(base: int, scale: float) -> int:
    return max(1, round(base * scale))


def content(scale: float, seed: int = 2021) -> dict[str, str]:
    """The three content files (en, zh, facts) as YAML text."""
    rng_en, rng_zh = random.Random(seed), random.Random(seed + 1)
    # headings stay as many as at scale 1 (the contents page is one page); text under them scales
    rows, paras = _n(PROGRAMME_ROWS, scale), _n(BACKGROUND_PARAS, scale)
    groups, areas = min(GROUPS, _n(GROUPS, scale)), min(AREAS, _n(AREAS, scale))
    members, points = (
        _n(MEMBERS * GROUPS, scale) // groups or 1,
        _n(POINTS * AREAS, scale) // areas or 1,
    )
    agreements, remarks = _n(AGREEMENTS, scale), _n(REMARKS, scale)

    facts = ['date: "2021-09-23"', "classification: restricted", "programme:"]
    for i in range(rows):
        h, mnt = 8 + (i * 20) // 60 % 14, (i * 20) % 60
        facts.append(
            f'  item-{i}: {{start: "{h:02d}:{mnt:02d}", end: "{h:02d}:{mnt + 15 if mnt < 45 else 59:02d}"}}'
        )
    facts.append("annexes: {}")

    files = {}
    for lang, rng in (("en", rng_en), ("zh", rng_zh)):
        en = lang == "en"
        short = (lambda k: _en(rng, 1, 2, 5)[:-1]) if en else (lambda k: _zh(rng, 1, 1, 2)[:-1])
        prose = (lambda k: _en(rng, k)) if en else (lambda k: _zh(rng, k))
        y = [
            f"short_title: {_q('HK/Sichuan Conference 2021' if en else '港川合作會議二〇二一')}",
            "cover:",
        ]
        y += [
            f"  title: {_q('Briefing Pack' if en else '簡報資料')}",
            f"  subtitle: {_q('Hong Kong Delegation' if en else '香港代表團')}",
            f"  event: {_q(short(0))}",
            f"  venue: {_q('Chengdu, Sichuan' if en else '四川成都')}",
        ]
        y += [
            "programme:",
            f"  heading: {_q('Programme' if en else '活動程序')}",
            f"  intro: {_q(prose(3))}",
            "  columns: "
            + (
                "{time: Time, item: Item, venue: Venue}"
                if en
                else "{time: 時間, item: 項目, venue: 地點}"
            ),
            "  items:",
        ]
        for i in range(rows):
            y.append(f"    item-{i}: {{item: {_q(short(0))}, venue: {_q(short(0))}}}")
        y += [
            "delegations:",
            f"  heading: {_q('Delegation List' if en else '代表團名單')}",
            "  columns: " + ("{name: Name, title: Title}" if en else "{name: 姓名, title: 職銜}"),
            "  groups:",
        ]
        for g in range(groups):
            y += [f"    group-{g}:", f"      heading: {_q(short(0))}", "      members:"]
            for p in range(members):
                y.append(f"        m-{p}: {{name: {_q(short(0))}, title: {_q(short(0))}}}")
        y += ["background:", f"  heading: {_q('Background' if en else '背景')}", "  paragraphs:"]
        y += [f"    - {_q(prose(rng.randint(4, 7)))}" for _ in range(paras)]
        y += [
            "areas:",
            f"  heading: {_q('Co-operation Areas' if en else '合作範疇')}",
            f"  intro: {_q(prose(2))}",
            "  items:",
        ]
        for a in range(areas):
            y += [f"    area-{a}:", f"      heading: {_q(short(0))}", "      points:"]
            y += [f"        - {_q(prose(rng.randint(1, 3)))}" for _ in range(points)]
        y += ["agreements:", f"  heading: {_q('Agreements' if en else '簽署協議')}", "  items:"]
        for a in range(agreements):
            y.append(
                f"    agr-{a}: {{title: {_q(short(0))}, signatories: {_q(short(0))}, note: {_q(prose(1))}}}"
            )
        y += ["remarks:", f"  heading: {_q('Key Remarks' if en else '主要講話')}", "  paragraphs:"]
        y += [f"    - {_q(prose(rng.randint(3, 5)))}" for _ in range(remarks)]
        y += [
            f"  attribution: {_q('Mrs Carrie Lam' if en else '行政長官林鄭月娥女士')}",
            "annexes:",
            f"  heading: {_q('Annexes' if en else '附件')}",
            "  items: {}",
        ]
        files[lang] = "\n".join(y) + "\n"
    files["facts"] = "\n".join(facts) + "\n"
    return files


CONFIG = """\
name: Benchmark
author: Benchmark
classification:
  unclassified: {en: UNCLASSIFIED, zh: 非保密文件}
  restricted: {en: RESTRICTED, zh: 限閱文件}
  confidential: {en: CONFIDENTIAL, zh: 機密文件}
fonts:
  latin:
    regular: fonts/NotoSerif-Regular.ttf
    bold: fonts/NotoSerif-Bold.ttf
    italic: fonts/NotoSerif-Italic.ttf
    bold-italic: fonts/NotoSerif-BoldItalic.ttf
  cjk:
    regular: fonts/NotoSerifCJKtc-Regular.ttf
    bold: fonts/NotoSerifCJKtc-Bold.ttf
documents:
  briefing-pack:
    type: briefing-pack
    editions: [en, zh, bilingual]
    formats: [pdf, docx]
"""


UNTAGGED = "pdf:\n  standard: none\n  tagged: false\n"  # plain PDF: no tags, no PDF/A


def make(dest: Path, scale: float = 1.0, settings: str = "") -> Path:
    """Write the synthetic project into ``dest`` (created; ``settings`` appended to its
    reportgen.yaml); return ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "reportgen.yaml").write_text(CONFIG + settings, encoding="utf-8")
    for lang, text in content(scale).items():
        folder = dest / "content" / lang
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "briefing-pack.yaml").write_text(text, encoding="utf-8")
    for part in ("templates", "schema"):
        if not (dest / part).exists():
            shutil.copytree(REPO / part, dest / part)
    fonts = dest / "fonts"
    fonts.mkdir(exist_ok=True)
    for font in FONTS.glob("*.ttf"):
        target = fonts / font.name
        if not target.exists():
            try:
                os.link(font, target)
            except OSError:
                shutil.copy2(font, target)
    return dest
