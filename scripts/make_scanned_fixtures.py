"""Make scanned-looking, image-only PDFs from text-layer PDFs of the samples.

Each page of ``samples/pdf/self_eval_*.pdf`` — and the densest number-table pages of three budgets and
final accounts (130–160 amounts a page) and three narrative pages of a 情况说明 (``PAGE_SETS``) — is
rendered, stamped with a red seal (a red ring with text, overlapping the unit name), rotated by a small
angle (0.5–2°), given scanner noise and JPEG artefacts, and written back as an image-only PDF under
``tests/data/scanned/``. Deterministic (seeded), so re-running gives the same files. Run:
``.venv/bin/python scripts/make_scanned_fixtures.py``; then ``--record-ocr`` to re-record the OCR replay
cache the tests read (needs RapidOCR; about a minute).
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

import cv2
import numpy as np
import pymupdf

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "samples" / "pdf").glob("self_eval_*.pdf"))
OUT = ROOT / "tests" / "data" / "scanned"
# (suffix, rotation degrees, dpi, jpeg quality): the variants each source page gets.
REPLAY = OUT / "ocr_replay.json"  # recorded RapidOCR outputs for these fixtures (``--record-ocr``)
VARIANTS = [("scan_a", 0.8, 200, 55), ("scan_b", -1.7, 150, 50)]
# (source, pages (1-based), kind): number-table pages of the standard tables, and narrative pages with
# amounts and shares in their sentences; scanned once each (variant scan_a)
PAGE_SETS = [
    ("budget_justice_dept_2026.pdf", [11], "tables"),
    ("budget_wanli_2024.pdf", [11, 12, 13, 14], "tables"),
    ("final_socialwork_2024.pdf", [13], "tables"),
    ("final_socialwork_2024.pdf", [17, 18, 19], "narrative"),
]


def seal(img: np.ndarray, centre: tuple[int, int], radius: int) -> None:
    """A red seal: ring, dot and text around it. Ink multiplies with what is below (black text stays black)."""
    layer = np.full_like(img, 255)
    red = (40, 40, 220)  # BGR
    cv2.circle(layer, centre, radius, red, max(3, radius // 18))
    cv2.circle(layer, centre, radius // 6, red, -1)
    text = "PERFORMANCE SEAL OFFICE"
    for i, ch in enumerate(text):
        angle = math.pi * (1.15 + 0.7 * i / len(text))
        x = int(centre[0] + 0.72 * radius * math.cos(angle))
        y = int(centre[1] + 0.72 * radius * math.sin(angle))
        cv2.putText(layer, ch, (x - 6, y + 6), cv2.FONT_HERSHEY_SIMPLEX, radius / 160, red, 2)
    img[:] = (img.astype(np.uint16) * layer // 255).astype(np.uint8)


def degrade(img: np.ndarray, angle: float, rng: np.random.Generator) -> np.ndarray:
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    img = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    grain = cv2.GaussianBlur(rng.normal(0, 10, (h, w)).astype(np.float32), (0, 0), 1.5)  # paper texture
    img = np.clip(img.astype(np.float32) + grain[:, :, None] - 8, 0, 255).astype(np.uint8)  # slightly grey paper
    specks = rng.random(img.shape[:2]) < 0.0004
    img[specks] = 30
    return img


def render(page: pymupdf.Page, dpi: int) -> np.ndarray:
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB, alpha=False)
    rgb = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, 3)
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def seal_centre(page: pymupdf.Page, scale: float, img: np.ndarray) -> tuple[int, int]:
    """Over the first 单位 / 部门 label if there is one (where offices stamp), else the upper right."""
    for label in ("单位", "部门"):
        hits = page.search_for(label)
        if hits:
            r = hits[0]
            return int((r.x1 + 60) * scale), int(r.y0 * scale)
    return int(img.shape[1] * 0.7), int(img.shape[0] * 0.15)


def make(src: Path, variant: tuple[str, float, int, int], seed: int, pages: list[int] | None = None) -> Path:
    suffix, angle, dpi, quality = variant
    rng = np.random.default_rng(seed)
    doc = pymupdf.open(src)
    if pages:
        doc.select([p - 1 for p in pages])
    out = pymupdf.open()
    for page in doc:
        scale = dpi / 72
        img = render(page, dpi)
        if page.number == 0:
            seal(img, seal_centre(page, scale, img), int(0.55 * 72 * scale))
        img = degrade(img, angle if page.number == 0 else -angle * 0.6, rng)
        ok, jpg = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
        assert ok
        new = out.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, stream=jpg.tobytes())
    span = f"_p{pages[0]}" + (f"-{pages[-1]}" if len(pages) > 1 else "") if pages else ""
    path = OUT / f"{src.stem}{span}_{suffix}.pdf"
    out.save(path, garbage=4, deflate=True)
    return path


def record_ocr() -> None:
    """Run the real OCR over every fixture and write the replay cache the tests use (``ocr_replay.json``)."""
    from cnfiscal.extract.inputs import open_input
    from cnfiscal.extract.ocr.engine import RapidEngine, ReplayEngine, use_engine
    from cnfiscal.extract.reader import read_document
    from cnfiscal.options import Options

    REPLAY.unlink(missing_ok=True)
    replay = ReplayEngine(REPLAY, RapidEngine(threads=2))
    options = Options()
    with use_engine(replay):
        for path in sorted(OUT.glob("*.pdf")):
            read_document(open_input(path, options), options)
    replay.save()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--record-ocr", action="store_true", help="only re-record the OCR replay cache (slow)")
    if parser.parse_args().record_ocr:
        record_ocr()
        return
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = []
    for n, src in enumerate(SOURCES):
        for k, (suffix, angle, dpi, quality) in enumerate(VARIANTS):
            path = make(src, (suffix, angle, dpi, quality), seed=100 * n + k)
            manifest.append(
                {
                    "file": path.name,
                    "source": f"samples/pdf/{src.name}",
                    "rotation_deg": angle,
                    "second_page_rotation_deg": round(-angle * 0.6, 2),
                    "dpi": dpi,
                    "jpeg_quality": quality,
                    "seal": "red ring with text on page 1, over the unit label",
                    "bytes": path.stat().st_size,
                }
            )
    for n, (name, pages, kind) in enumerate(PAGE_SETS):
        variant = VARIANTS[0]
        path = make(ROOT / "samples" / "pdf" / name, variant, seed=1000 + n, pages=pages)
        manifest.append(
            {
                "file": path.name,
                "source": f"samples/pdf/{name}",
                "pages": pages,
                "kind": kind,
                "rotation_deg": variant[1],
                "second_page_rotation_deg": round(-variant[1] * 0.6, 2),  # and every later page
                "dpi": variant[2],
                "jpeg_quality": variant[3],
                "seal": "red ring with text on the first page, over the unit label (or upper right)",
                "bytes": path.stat().st_size,
            }
        )
    (OUT / "MANIFEST.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
