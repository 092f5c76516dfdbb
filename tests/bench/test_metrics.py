"""The benchmark metrics: table agreement and throughput."""

from __future__ import annotations

import pytest
from bench._metrics import TableScore, best_score, normalize_rows, pages_per_second, score_table

GOLD = [["项目", "金额"], ["一、收入", "1,000.00"], ["", ""], ["合计", "1,000.00"]]


def test_normalize_drops_merged_placeholders_whitespace_and_empty_rows():
    rows = [["本年收入", None, "本年支出", None], ["", "", "", ""], ["机关事业单位基本养老保险\n缴费支出", " 1.00 "]]
    assert normalize_rows(rows) == [("本年收入", "本年支出"), ("机关事业单位基本养老保险缴费支出", "1.00")]


def test_identical_table_scores_full():
    s = score_table(GOLD, GOLD)
    assert s == TableScore(rows_gold=3, rows_exact=3, cells_gold=6, cells_right=6)
    assert s.row_accuracy == s.cell_accuracy == 1.0


def test_a_garbled_number_costs_its_row_and_one_cell():
    got = [["项目", "金额"], ["一、收入", "1 000 00\n, ."], ["合计", "1,000.00"]]
    s = score_table(GOLD, got)
    assert (s.rows_exact, s.cells_right) == (2, 5)


def test_a_shifted_column_is_wrong_cell_by_cell():
    got = [["", "项目", "金额"], ["", "一、收入", "1,000.00"], ["", "合计", "1,000.00"]]
    assert score_table(GOLD, got).cells_right == 0


def test_empty_gold_cells_do_not_count():
    s = score_table([["合计", ""]], [["合计", "9"]])
    assert (s.cells_gold, s.cells_right, s.rows_exact) == (1, 1, 0)


def test_best_score_picks_the_matching_table_and_none_found_scores_zero():
    other = [["无关", "表"]]
    assert best_score(GOLD, [other, GOLD]).cells_right == 6
    assert best_score(GOLD, []) == TableScore(3, 0, 6, 0)


def test_scores_add_up():
    assert TableScore(1, 1, 2, 2) + TableScore(3, 0, 4, 1) == TableScore(4, 1, 6, 3)


def test_pages_per_second():
    assert pages_per_second(100, 2.0) == 50.0
    assert pages_per_second(3, 0.0) == pytest.approx(float("inf"))
