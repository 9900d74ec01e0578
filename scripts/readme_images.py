"""Regenerate the README's page images (docs/images/*.png) from the PDFs in build/.

    reportgen build && python scripts/readme_images.py [--build build] [--out docs/images]

One page per edition, rendered with pdfium at 80 dpi and stored as optimised
palette PNGs (each well under 150 KB). The sample project has no zh-Hans edition
in reportgen.yaml, so unless build/briefing-pack.zh-Hans.pdf exists the script
writes that edition itself, with reportgen's own builder, into a temporary file.
Needs pypdfium2 and Pillow (the ``test`` extra).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
DPI = 80
COLOURS = 64  # black text, grey rules, the red classification, table shading


@dataclass(frozen=True)
class Shot:
    image: str  # file name in docs/images/
    pdf: str  # file name in build/
    page: int  # 1-based


SHOTS = [
    Shot("en-page.png", "briefing-pack.en.pdf", 3),
    Shot("zh-page.png", "briefing-pack.zh.pdf", 4),
    Shot("bilingual-page.png", "briefing-pack.bilingual.pdf", 3),
    Shot("zh-hans-page.png", "briefing-pack.zh-Hans.pdf", 4),
    Shot("annex-pack-page.png", "annex-pack.zh.pdf", 5),
]


def render(pdf_path: Path, page: int, dpi: int = DPI) -> Image.Image:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return pdf[page - 1].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        pdf.close()


def save(image: Image.Image, path: Path) -> int:
    """An optimised palette PNG; returns its size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image.quantize(colors=COLOURS, dither=Image.Dither.NONE).save(path, optimize=True)
    return path.stat().st_size


def write_hans(project: Path, dest: Path) -> Path:
    """The briefing pack's zh-Hans edition as a PDF (the sample does not list it)."""
    sys.path.insert(0, str(ROOT / "src"))
    from reportgen.build import BuildOptions, prepare

    builder = prepare(project, BuildOptions(epoch=1632355200), None, ["briefing-pack"], {"zh-Hans"})
    document = builder.model("briefing-pack", "zh-Hans")
    dest.write_bytes(builder.write(document, "pdf", ("briefing-pack", "zh-Hans")))
    return dest


def source(shot: Shot, build: Path, scratch: Path) -> Path:
    path = build / shot.pdf
    if path.exists() or shot.pdf != "briefing-pack.zh-Hans.pdf":
        return path
    return write_hans(build.parent, scratch / shot.pdf)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=ROOT / "build")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        for shot in SHOTS:
            pdf = source(shot, args.build, Path(scratch))
            if not pdf.exists():
                print(f"missing {pdf}: run 'reportgen build' first", file=sys.stderr)
                return 1
            size = save(render(pdf, shot.page), args.out / shot.image)
            print(f"{args.out / shot.image}: {shot.pdf} page {shot.page}, {size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
