"""The OCR agreement metric of ``bench/ocr.py`` (cells and numbers vs the text layer)."""

from __future__ import annotations

from bench._ocr_metrics import OcrScore, numbers, score_grid, score_grids

from cnfiscal.extract.layout import Cell, Grid


def grid(texts: list[list[str]]) -> Grid:
    cells = tuple(Cell(r, c, t, None, 1) for r, row in enumerate(texts) for c, t in enumerate(row))
    return Grid(cells, len(texts), len(texts[0]), 1, 1)


def test_numbers_ignore_spaces_and_thousands_separators() -> None:
    assert numbers("19, 704. 57万元 和 1,503.52") == ["19704.57", "1503.52"]
    assert numbers("≧6户") == ["6"]


def test_cells_and_numbers_are_compared_position_by_position() -> None:
    truth = grid([["资金来源", "2226.98万元", ""], ["≧6户", "98.78%", "—"]])
    ocr = grid([["资金 来源", "2226.96万元", "x"], ["≥6户", "98.78 %", "—"]])
    mismatches: list[tuple[str, str]] = []
    score = score_grid(truth, ocr, mismatches)
    # empty truth cells are not counted; "资金 来源" agrees (spaces ignored); ≧/≥ agree only when folded
    assert score == OcrScore(cells=5, cells_agree=3, numbers=3, numbers_exact=2, shape_mismatch=0, cells_agree_ops=4)
    assert mismatches == [("2226.98万元", "2226.96万元")]
    assert score.cell_rate == 0.6


def test_a_grid_of_another_shape_or_a_missing_grid_scores_nothing() -> None:
    truth = grid([["a", "1"], ["b", "2"]])
    assert score_grid(truth, grid([["a", "1"]])) == OcrScore(4, 0, 2, 0, 1, 0)
    total = score_grids([truth, truth], [truth])
    assert total == OcrScore(8, 4, 4, 2, 1, 4)
