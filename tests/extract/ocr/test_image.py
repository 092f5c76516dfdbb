"""OCR stages that need no OCR engine: page probe, seal suppression, deskew, ruling lines → grid, line finding."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import cv2
import numpy as np
import pymupdf
import pytest

from cnfiscal.extract.grid.lines import page_rulings
from cnfiscal.extract.grid.tables import find_page_tables
from cnfiscal.extract.ocr.amounts import join_number_spaces, repair_number
from cnfiscal.extract.ocr.cells import (
    _split_long,
    is_dash,
    lines_in,
    part_limits,
)
from cnfiscal.extract.ocr.detect import PageKind, classify, probe_page, text_quality
from cnfiscal.extract.ocr.preprocess import measure_skew, prepare, suppress_red
from cnfiscal.extract.ocr.render import native_dpi, render_page
from cnfiscal.extract.ocr.rulings import find_rulings

ROOT = Path(__file__).resolve().parents[3]
SCANNED = ROOT / "tests" / "data" / "scanned"
MANIFEST = json.loads((SCANNED / "MANIFEST.json").read_text(encoding="utf-8"))


def test_probe_text_and_image_pages() -> None:
    with pymupdf.open(ROOT / "samples" / "pdf" / "self_eval_seed000_dept_2021.pdf") as doc:
        assert probe_page(doc[0]).kind is PageKind.TEXT
    with pymupdf.open(SCANNED / MANIFEST[0]["file"]) as doc:
        probe = probe_page(doc[0])
        assert probe.kind is PageKind.IMAGE and probe.needs_ocr
        assert probe.image_cover > 0.99
        assert native_dpi(doc[0]) == pytest.approx(MANIFEST[0]["dpi"], rel=0.01)


def test_garbage_text_layer_needs_ocr_and_blank_page_is_empty() -> None:
    # fonts without a Unicode map give private-use / control characters
    chars, good = text_quality("\ue001\ue002\ue003\x01\x02\ufffd\ue004\ue005\ue006\ue007 部门12")
    assert (chars, round(good, 2)) == (14, 0.29)  # 4 of 14 readable
    assert classify(chars, good, 0.0) is PageKind.GARBAGE
    assert classify(*text_quality("部门整体支出绩效目标自评表（2021年度）"), 0.0) is PageKind.TEXT
    assert classify(3, 1.0, 0.95) is PageKind.IMAGE  # a scan with a printed page number
    doc = pymupdf.open()
    doc.new_page()
    assert probe_page(doc[0]).kind is PageKind.EMPTY


def test_red_seal_is_removed_but_black_text_under_it_stays() -> None:
    img = np.full((200, 300, 3), 255, np.uint8)
    cv2.putText(img, "1268", (60, 120), cv2.FONT_HERSHEY_SIMPLEX, 1.5, (0, 0, 0), 3)
    text_only = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY) < 128
    seal = np.full_like(img, 255)
    cv2.circle(seal, (150, 100), 80, (40, 40, 220), 12)
    cv2.circle(seal, (150, 100), 20, (40, 40, 220), -1)
    stamped = (img.astype(np.uint16) * seal // 255).astype(np.uint8)
    gray, share = suppress_red(stamped)
    assert share > 0.05
    ink = gray < 128
    assert ink[text_only].mean() > 0.95  # the digits survive, also where the ring crosses them
    assert ink[~text_only].mean() < 0.01  # the ring and the dot are gone


@pytest.mark.parametrize("item", MANIFEST, ids=lambda m: m["file"])
def test_deskew_finds_the_rotation_of_each_fixture_page(item: dict) -> None:
    with pymupdf.open(SCANNED / item["file"]) as doc:
        angles = [item["rotation_deg"]] + [item["second_page_rotation_deg"]] * (len(doc) - 1)  # later pages alike
        for page, angle in zip(doc, angles, strict=True):
            prep = prepare(render_page(page, 150).image)
            # the fixture turned the page counter-clockwise by `angle`; in image coordinates (y down)
            # its rulings then slope by -angle, which is what deskew measured and undid
            assert prep.skew_deg == pytest.approx(-angle, abs=0.1)
            assert abs(measure_skew(prep.ink)) < 0.1


@pytest.mark.parametrize("item", MANIFEST, ids=lambda m: m["file"])
def test_scanned_grid_has_the_cells_of_the_text_layer_grid(item: dict) -> None:
    """Rows, columns and every merged cell rebuilt from the image equal those from the PDF's vector lines."""
    with pymupdf.open(SCANNED / item["file"]) as scan, pymupdf.open(ROOT / item["source"]) as source:
        pages = [source[p - 1] for p in item.get("pages", range(1, len(source) + 1))]
        for scanned_page, source_page in zip(scan, pages, strict=True):
            rendered = render_page(scanned_page, 200)
            prep = prepare(rendered.image)
            mine = find_page_tables(1, find_rulings(prep.ink, rendered.scale).to_points(rendered.scale), [])
            truth = find_page_tables(1, page_rulings(source_page.get_drawings()), [])
            assert [(t.n_rows, t.n_cols) for t in mine] == [(t.n_rows, t.n_cols) for t in truth]
            for m, t in zip(mine, truth, strict=True):
                assert [(c.r0, c.c0, c.r1, c.c1) for c in m.cells] == [(c.r0, c.c0, c.r1, c.c1) for c in t.cells]
                # positions agree within 1.5 pt (deskew turns about the page centre, as the fixture did)
                assert max(abs(a - b) for a, b in zip(m.xs, t.xs, strict=True)) < 1.5
                assert max(abs(a - b) for a, b in zip(m.ys, t.ys, strict=True)) < 1.5


@pytest.mark.parametrize(
    ("raw", "joined"),
    [
        ("2 226.98万元", "2226.98万元"),
        ("19, 704. 57", "19,704.57"),
        ("98.78 %", "98.78%"),
        ("≥6 户", "≥6 户"),
        ("2021年1月 -12月底", "2021年1月 -12月底"),
        ("1 268", "1268"),
    ],
)
def test_spaces_inside_numbers_are_joined(raw: str, joined: str) -> None:
    assert join_number_spaces(raw) == joined


@pytest.mark.parametrize(
    ("raw", "fixed", "capped"),
    [
        ("577:4万元", "577.4万元", True),
        ("98：78%", "98.78%", True),
        ("o", "0", True),
        ("10:30前", "10:30前", False),
        ("1268万元", "1268万元", False),
        ("6860000:00", "6860000.00", True),  # a colon for the point before the cents
        ("O.", "0", True),  # a letter for the digit, a speck for a dot
        ("02.", "02", True),
        ("01'", "01", True),  # a speck read as a quote mark after a code
        ("2022.7.21", "2022.7.21", False),  # a date, left alone
    ],
)
def test_amount_misreadings_are_repaired_and_marked_doubtful(raw: str, fixed: str, capped: bool) -> None:
    text, confidence = repair_number(raw, 0.97)
    assert text == fixed
    assert (confidence < 0.8) is capped


def test_lines_are_found_in_a_cell_and_a_dash_is_recognised_by_shape() -> None:
    ink = np.zeros((100, 300), np.uint8)
    ink[10:30, 20:200] = 255  # line 1
    ink[40:60, 20:120] = 255  # line 2
    ink[80:84, 20:60] = 255  # a dash, alone in the cell below
    cell = lines_in(ink, (0, 0, 300, 70), char_h=20)
    assert [t.box for t in cell] == [(20, 10, 200, 30), (20, 40, 120, 60)]
    dash = lines_in(ink, (0, 70, 300, 100), char_h=20)
    assert [t.box for t in dash] == [(20, 80, 60, 84)]
    assert [is_dash(t.box, 20) for t in cell + dash] == [False, False, True]
    ink[15:25, 250:280] = 255  # text far to the right of line 1 (a band: 单位 … 填报日期)
    assert len(lines_in(ink, (0, 0, 300, 35), char_h=20, split_gap=40)) == 2
    assert len(lines_in(ink, (0, 0, 300, 35), char_h=20)) == 1


def test_a_very_long_line_is_cut_between_glyphs_without_overlap() -> None:
    runs = [(i * 25, i * 25 + 20) for i in range(40)]  # 40 glyphs, 20 wide, gaps of 5
    chunks = _split_long(runs, max_w=320)
    assert sum(len(c) for c in chunks) == 40
    assert all(c[-1][1] - c[0][0] <= 320 for c in chunks)
    parts = tuple((c[0][0], 0, c[-1][1], 20) for c in chunks)
    limits = part_limits(parts, (0, 0, 1000, 20))
    assert all(a[2] <= b[0] for a, b in pairwise(limits))


@pytest.mark.parametrize("angle", [-1.3, 0.6, 2.0])
def test_a_page_of_text_without_rulings_is_deskewed_from_its_lines(angle: float) -> None:
    page = np.full((1400, 1000), 255, np.uint8)
    for k in range(18):  # lines of "text": words of blobs, like a narrative page
        y = 120 + 62 * k
        for x in range(90, 880, 70):
            cv2.rectangle(page, (x, y), (x + 52, y + 30), 0, -1)
    m = cv2.getRotationMatrix2D((500, 700), angle, 1.0)
    turned = cv2.warpAffine(page, m, (1000, 1400), borderValue=255)
    prep = prepare(cv2.cvtColor(turned, cv2.COLOR_GRAY2BGR))
    assert prep.skew_deg == pytest.approx(-angle, abs=0.1)  # no rulings: the text lines told the angle
    assert abs(measure_skew(prep.ink)) < 0.1


def test_a_narrative_page_is_read_without_the_text_detector() -> None:
    from cnfiscal.extract.ocr.page import ocr_page
    from tests.extract.ocr.test_engine import ConstantEngine

    class NoDetector(ConstantEngine):
        def detect_read(self, image: np.ndarray) -> list:
            raise AssertionError("whole-page detection is for photographs only")

    with pymupdf.open(SCANNED / "final_socialwork_2024_p17-19_scan_a.pdf") as doc:
        scanned = ocr_page(doc[0], 1, 200, NoDetector("说明"))
        lines = len(pymupdf.open(ROOT / "samples/pdf/final_socialwork_2024.pdf")[16].get_text("blocks"))
    assert scanned.tables == []
    # every line of the page found by its ink and read through the recogniser (a long one in parts)
    assert len(scanned.page.words) >= min(15, lines)
    assert all(w.text and set(w.text) <= set("说明") for w in scanned.page.words)
