"""OCR through ``read_pdf`` with injected engines: replayed outputs, a crashing and a hanging engine,
blank / photo / upside-down pages. Only tests marked ``ocr`` run the real RapidOCR (one thread, small crops)."""

from __future__ import annotations

import time
from pathlib import Path

import cv2
import numpy as np
import pymupdf
import pytest

from cnfiscal.errors import OCRError
from cnfiscal.extract.inputs import open_input
from cnfiscal.extract.layout import ExtractedDocument
from cnfiscal.extract.ocr.engine import Detected, LazyEngine, Recognized, ReplayEngine, TimedEngine, use_engine
from cnfiscal.extract.reader import read_document
from cnfiscal.models import InputKind
from cnfiscal.options import Options

ROOT = Path(__file__).resolve().parents[3]
SCANNED = ROOT / "tests" / "data" / "scanned"


class CrashEngine:
    name = "crash"

    def recognize(self, crops: list[np.ndarray]) -> list[Recognized]:
        raise RuntimeError("onnxruntime: segmentation fault in kernel")

    def detect_read(self, image: np.ndarray) -> list[Detected]:
        raise RuntimeError("onnxruntime: segmentation fault in kernel")


class HangEngine:
    name = "hang"

    def recognize(self, crops: list[np.ndarray]) -> list[Recognized]:
        time.sleep(30)
        return []

    def detect_read(self, image: np.ndarray) -> list[Detected]:
        time.sleep(30)
        return []


class ConstantEngine:
    """Reads every crop as the same text (enough for tests of structure and warnings)."""

    name = "constant"

    def __init__(self, text: str = "x", confidence: float = 0.9) -> None:
        self.text, self.confidence, self.calls = text, confidence, 0

    def recognize(self, crops: list[np.ndarray]) -> list[Recognized]:
        self.calls += 1
        return [Recognized(self.text, self.confidence) for _ in crops]

    def detect_read(self, image: np.ndarray) -> list[Detected]:
        self.calls += 1
        return []


def read(path: Path, **options: object) -> ExtractedDocument:
    opts = Options(**options)  # type: ignore[arg-type]
    return read_document(open_input(path, opts), opts)


def image_pdf(tmp_path: Path, images: list[np.ndarray]) -> Path:
    doc = pymupdf.open()
    for img in images:
        ok, png = cv2.imencode(".png", img)
        assert ok
        page = doc.new_page(width=595, height=842)
        page.insert_image(page.rect, stream=png.tobytes())
    path = tmp_path / "scan.pdf"
    doc.save(path)
    return path


SCAN = SCANNED / "self_eval_seed000_dept_2021_scan_a.pdf"


def test_a_crashing_engine_is_a_page_warning_not_a_failure() -> None:
    with use_engine(CrashEngine()):
        doc = read(SCAN)
    assert doc.input_kind is InputKind.PDF_SCANNED and doc.ocr
    assert [p.number for p in doc.pages] == [1, 2]
    assert all("OCR failed" in p.warnings[0] and "segmentation fault" in p.warnings[0] for p in doc.pages)
    assert not any(p.words for p in doc.pages)


def test_a_hanging_engine_is_given_up_after_its_time_limit() -> None:
    t0 = time.perf_counter()
    with use_engine(TimedEngine(HangEngine(), 0.3)):
        doc = read(SCAN, max_pages=1)
    assert time.perf_counter() - t0 < 10
    assert "did not answer within" in doc.pages[0].warnings[0]


def test_replay_without_a_recording_says_so() -> None:
    engine = ReplayEngine(Path("/nonexistent/replay.json"))
    with pytest.raises(OCRError, match="no recorded OCR output"):
        engine.recognize([np.zeros((10, 10), np.uint8)])


def test_a_replay_miss_is_read_by_the_engine_behind_it_which_loads_on_first_use() -> None:
    built: list[ConstantEngine] = []

    def make() -> ConstantEngine:
        built.append(ConstantEngine())
        return built[-1]

    lazy = LazyEngine(make)
    engine = ReplayEngine(Path("/nonexistent/replay.json"), lazy)
    assert not built
    crop = np.zeros((10, 10), np.uint8)
    first = engine.recognize([crop])
    assert engine.recognize([crop]) == first and len(built) == 1 and built[0].calls == 1
    assert (engine.hits, engine.misses) == (1, 1)


def test_ocr_never_leaves_an_image_page_unread_and_text_pdfs_never_touch_the_engine() -> None:
    engine = ConstantEngine()
    with use_engine(engine):
        scan = read(SCAN, ocr="never")
        text = read(ROOT / "samples" / "pdf" / "self_eval_seed000_dept_2021.pdf")
    assert engine.calls == 0
    assert scan.input_kind is InputKind.PDF_TEXT and not any(p.words for p in scan.pages)
    assert text.input_kind is InputKind.PDF_TEXT and not text.ocr


def test_ocr_always_reads_a_text_layer_page_by_ocr() -> None:
    engine = ConstantEngine()
    with use_engine(engine):
        doc = read(ROOT / "samples" / "pdf" / "self_eval_seed000_dept_2021.pdf", ocr="always", max_pages=1)
    assert engine.calls == 1 and doc.input_kind is InputKind.PDF_SCANNED  # one batch: read surely, so upright
    cells = [c for c in doc.pages[0].grids[0].cells if c.text]
    assert {c.confidence for c in cells if "x" in c.text} == {0.9}
    assert {c.text for c in cells if "x" not in c.text} == {"—"}  # a lone stroke is a dash by its shape


def test_blank_and_photo_pages_give_clear_warnings(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    blank = np.full((1100, 780, 3), 250, np.uint8)
    photo = cv2.GaussianBlur(rng.integers(0, 255, (1100, 780, 3), dtype=np.uint8), (0, 0), 6)
    photo = cv2.normalize(photo, None, 40, 220, cv2.NORM_MINMAX)
    with use_engine(ConstantEngine()):
        doc = read(image_pdf(tmp_path, [blank, photo]))
    assert doc.pages[0].warnings == ["page 1: scanned page is blank, nothing to read"]
    assert any("photograph" in w for w in doc.pages[1].warnings)


def test_replayed_scan_keeps_the_table_and_its_confidences(replay: ReplayEngine) -> None:
    before = replay.hits + replay.misses
    with use_engine(replay):
        doc = read(SCAN)
    assert replay.hits + replay.misses - before > 300
    grids = [g for p in doc.pages for g in p.grids]
    assert [(g.n_rows, g.n_cols, g.page_start, g.page_end) for g in grids] == [(47, 9, 1, 2)]
    row = grids[0].row(2)
    # row 2 of the funding block, as printed: 年度资金总额 1268万元 2226.98万元 2199.98万元 10 98.78% 9.88
    assert row[0].text.rstrip(":：") == "年度资金总额"  # the label's colon may be lost (two specks)
    assert [c.text for c in row[1:]] == ["1268万元", "2226.98万元", "2199.98万元", "10", "98.78%", "9.88"]
    assert [c.col for c in row] == [1, 3, 4, 5, 6, 7, 8]  # column 2 belongs to the merged label cell
    assert all(0.8 < (c.confidence or 0) <= 1 for c in row)
    assert all(w.confidence is not None and w.page in (1, 2) for p in doc.pages for w in p.words)


@pytest.mark.ocr
def test_rapidocr_reads_an_upside_down_page(tmp_path: Path) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    from cnfiscal.extract.ocr.engine import RapidEngine
    from cnfiscal.extract.ocr.render import render_page

    with pymupdf.open(SCAN) as doc:
        image = render_page(doc[1], 150).image  # page 2 of the form (a table, the notes, the contact)
    with use_engine(RapidEngine(threads=1)):
        doc = read(image_pdf(tmp_path, [cv2.rotate(image, cv2.ROTATE_180)]), ocr_dpi=150)
    assert "upside down" in " ".join(doc.pages[0].warnings)
    texts = [c.text for g in doc.pages[0].grids for c in g.cells]
    assert "≥15亿" in texts and "15.7亿" in texts  # 产业化平台经济营收突破, read the right way up
