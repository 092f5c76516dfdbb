"""Generalisation of the 决算/预算 table parser, against synthetic reports with known contents (``final_reports``).

For fixed seeds, a 部门决算 and a 部门预算 report are generated, rendered to a text-layer PDF (text written in a
seeded content-stream order, varied page size, fonts, widths, number formats) and parsed by the pipeline; the
tables (name, code, unit, page range, row count, every value), the claims and the findings are compared with
what the generator knows. Agreement figures are logged (``pytest -s -k figures`` prints them).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from cnfiscal.models import DocumentRecord
from cnfiscal.pipeline import process
from tests.synth.final_compare import claims_found, table_diff, value_counts
from tests.synth.final_reports import Report, make_report, write_pdf

log = logging.getLogger(__name__)
SEEDS = range(6)
CASES = [(k, s) for k in ("final", "budget") for s in SEEDS]


# Tables ruled with horizontal lines only (三线表 / Word tables without vertical borders): the grid reader infers
# their columns from the words (extract/grid/hrules.py, hcolumns.py); every seed is read as the ruled version.
HRULE_CASES = CASES
_CACHE: dict[tuple[str, int, bool, bool, bool], tuple[Report, DocumentRecord]] = {}


def _parsed(
    kind: str, seed: int, tmp: Path, perturb: bool = False, verticals: bool = True, rows_ruled: bool = True
) -> tuple[Report, DocumentRecord]:
    """Generate, render and parse once per (kind, seed, perturb, verticals, rows_ruled) for the whole module."""
    key = (kind, seed, perturb, verticals, rows_ruled)
    if key not in _CACHE:
        rep = make_report(seed, kind, verticals, rows_ruled)
        if perturb:
            _perturb(rep)
        path = tmp / f"{kind}{seed}{'p' if perturb else ''}{'' if verticals else 'h'}{'' if rows_ruled else '3'}.pdf"
        write_pdf(rep, path)
        _CACHE[key] = rep, process(path)
    return _CACHE[key]


def _perturb(rep: Report) -> None:
    """Add one to the first printed amount of the first 项 row of the expenditure table."""
    table = next(t for t in rep.tables if t.expected.kind in ("final.expense", "budget.expense"))
    for cells in table.body:
        code = next((c for c in cells if c.isdigit()), "")
        if len("".join(c for c in cells[:3] if c.isdigit())) == 7 or len(code) == 7:
            i = next(i for i, c in enumerate(cells) if table.numeric[i] and c)
            cells[i] = cells[i].replace("0", "1", 1) if "0" in cells[i] else "9" + cells[i]
            return


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("final_synth")


@pytest.mark.parametrize(("kind", "seed"), CASES)
def test_tables_and_values(kind: str, seed: int, tmp: Path) -> None:
    rep, rec = _parsed(kind, seed, tmp)
    got = {t.name: t for t in rec.tables}
    diffs = [d for t in rep.tables for d in table_diff(t.expected, got.get(t.expected.name))]
    assert diffs == []


@pytest.mark.parametrize(("kind", "seed"), CASES)
def test_claims(kind: str, seed: int, tmp: Path) -> None:
    rep, rec = _parsed(kind, seed, tmp)
    _found, missing = claims_found(rep.claims, rec.claims)
    assert missing == []


@pytest.mark.parametrize(("kind", "seed"), CASES)
def test_consistent_report_has_no_error(kind: str, seed: int, tmp: Path) -> None:
    _, rec = _parsed(kind, seed, tmp)
    assert [(f.rule, f.message) for f in rec.findings if f.severity.value in ("error", "warning")] == []


@pytest.mark.parametrize(("kind", "seed"), CASES[::3])
def test_perturbed_figure_is_an_error(kind: str, seed: int, tmp: Path) -> None:
    _, rec = _parsed(kind, seed, tmp, perturb=True)
    rules = {f.rule for f in rec.findings if f.severity.value == "error"}
    assert rules & {"table.level_sum", "table.basic_plus_project", "table.rows_sum"}


@pytest.mark.parametrize(("kind", "seed"), HRULE_CASES)
def test_tables_horizontal_rules_only(kind: str, seed: int, tmp: Path) -> None:
    rep, rec = _parsed(kind, seed, tmp, verticals=False)
    got = {t.name: t for t in rec.tables}
    assert [d for t in rep.tables for d in table_diff(t.expected, got.get(t.expected.name))] == []


@pytest.mark.parametrize(("kind", "seed"), HRULE_CASES)
def test_horizontal_rules_only_no_error(kind: str, seed: int, tmp: Path) -> None:
    _, rec = _parsed(kind, seed, tmp, verticals=False)
    assert [(f.rule, f.message) for f in rec.findings if f.severity.value in ("error", "warning")] == []


def _figures(tmp: Path, verticals: bool, rows_ruled: bool = True) -> tuple[int, int, int, int, int, int]:
    t_ok = t_all = v_ok = v_all = c_ok = c_all = 0
    for kind, seed in CASES if verticals else [(k, s) for k in ("final", "budget") for s in (0, 1)]:
        rep, rec = _parsed(kind, seed, tmp, verticals=verticals, rows_ruled=rows_ruled)
        got = {t.name: t for t in rec.tables}
        t_all += len(rep.tables)
        for t in rep.tables:
            t_ok += not table_diff(t.expected, got.get(t.expected.name))
            right, total = value_counts(t.expected, got.get(t.expected.name))
            v_ok, v_all = v_ok + right, v_all + total
        found, _ = claims_found(rep.claims, rec.claims)
        c_ok, c_all = c_ok + found, c_all + len(rep.claims)
    figures = (t_ok, t_all, v_ok, v_all, c_ok, c_all)
    log.info("verticals=%s rows_ruled=%s: tables %d/%d, values %d/%d, claims %d/%d", verticals, rows_ruled, *figures)
    rules = f"verticals={verticals} rows_ruled={rows_ruled}"
    print(f"{rules}: tables {t_ok}/{t_all}, values {v_ok}/{v_all}, claims {c_ok}/{c_all}")
    return figures


def test_figures(tmp: Path) -> None:
    """Agreement over all seeds (logged; ``-s`` prints it): tables entirely right, values right, claims found."""
    t_ok, t_all, v_ok, v_all, c_ok, c_all = _figures(tmp, True)
    assert (t_ok, v_ok, c_ok) == (t_all, v_all, c_all)


def test_figures_hrules(tmp: Path) -> None:
    """The same cases with horizontal rules only (seeds 0-1): every claim found; tables measured
    (values right: 281/666 on 2026-11-23 when read from positioned words, 666/666 on 2026-12-05 with the columns
    inferred; the bound is a floor against regressions)."""
    _, _, v_ok, v_all, c_ok, c_all = _figures(tmp, False)
    assert c_ok == c_all and v_ok / v_all >= 0.98


def test_figures_three_line(tmp: Path) -> None:
    """The same cases as 三线表 (seeds 0-1: header cells ruled, body rows not, a rule closing each page's part):
    every claim found; values right 654/666 before two-rule parts and rows without amounts were read, 666/666 on
    2026-12-05 (seed 4 of the budget, not counted here, still loses a row: an amount wrapped above its row's
    label, 14,852 over ,539.89, is cut from it). The bound is a floor against regressions."""
    _, _, v_ok, v_all, c_ok, c_all = _figures(tmp, False, rows_ruled=False)
    assert c_ok == c_all and v_ok / v_all >= 0.98
