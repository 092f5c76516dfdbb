"""Generalisation of the 绩效自评表 parser, measured on synthetic forms whose contents are known.

Each seed draws one form (``selfeval_forms``) and renders it three ways: a text-layer PDF, tab-separated
OCR-like text and space-separated OCR-like text (``selfeval_render``). ``cnfiscal.pipeline.process`` reads
each; every field is compared with the record built from the generator's own data. The field agreement
per rendering is printed by ``python -m tests.synth.test_selfeval_synth`` (and by ``-s`` on
``test_field_agreement``). The validate stage is checked on the same forms: a consistent form yields no
``error``; one perturbed figure yields exactly one new finding.
"""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from tempfile import mkdtemp

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnfiscal.models import DocumentRecord, SelfEval, Severity, Source
from cnfiscal.pipeline import process
from cnfiscal.validate import run_rules
from tests.synth.compare import field_counts, field_diff
from tests.synth.selfeval_forms import Form, expected, make_form
from tests.synth.selfeval_render import render_pdf, render_text

SEEDS = range(30)
MODES = ("pdf", "tab", "space")
# (seed, rendering) → why the parser cannot read it yet. Strict xfail: a fix makes the test fail until
# the entry is removed.
_MID_CELL = (
    "tab text with level-2 labels printed mid-cell, but no level-1 block starts with unlabelled rows, so the "
    "mid-cell printing is not detected and labels are carried down from the row they are read on"
)
KNOWN_FAILING: dict[tuple[int, str], str] = {
    (3, "tab"): _MID_CELL,
    (4, "tab"): _MID_CELL,
    (8, "tab"): _MID_CELL + "; the 成本指标 subtotal rows then fall under 时效指标 and their bare amounts are "
    "not read as money",
}


@dataclass
class Outcome:
    form: Form
    expected: SelfEval
    actual: SelfEval | None
    record: DocumentRecord


@cache
def _workdir() -> Path:
    return Path(mkdtemp(prefix="synth_selfeval_"))


def render(form: Form, mode: str, where: Path) -> tuple[Path, SelfEval]:
    """Write ``form`` as ``mode`` under ``where``; return the file and the record a parser should give."""
    if mode == "pdf":
        path = where / f"form{form.seed}.pdf"
        pages = render_pdf(form, path)
        return path, expected(form, pages)
    path = where / f"form{form.seed}_{mode}.txt"
    path.write_text(render_text(form, mode), encoding="utf-8")
    return path, expected(form, spaced=form.spaced and mode == "tab")


@cache
def outcome(seed: int, mode: str) -> Outcome:
    form = make_form(seed)
    path, exp = render(form, mode, _workdir())
    record = process(path)
    return Outcome(form, exp, record.self_evals[0] if record.self_evals else None, record)


def _cases() -> list[object]:
    out: list[object] = []
    for seed in SEEDS:
        for mode in MODES:
            reason = KNOWN_FAILING.get((seed, mode))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(seed, mode, marks=marks, id=f"{mode}-{seed}"))
    return out


@pytest.mark.parametrize(("seed", "mode"), _cases())
def test_form_read_exactly(seed: int, mode: str) -> None:
    got = outcome(seed, mode)
    assert len(got.record.self_evals) == 1
    assert field_diff(got.expected, got.actual) == {}


def agreement_table() -> list[tuple[str, int, int, int, int, int]]:
    """Per rendering: (mode, fields right, fields, forms exact, indicator rows found, indicator rows)."""
    rows = []
    for mode in MODES:
        right = total = exact = found = inds = 0
        for seed in SEEDS:
            got = outcome(seed, mode)
            r, n = field_counts(got.expected, got.actual)
            right, total, exact = right + r, total + n, exact + (r == n)
            levels = {(i.level3, i.weight) for i in got.actual.indicators} if got.actual else set()
            found += sum((i.level3, i.weight) in levels for i in got.expected.indicators)
            inds += len(got.expected.indicators)
        rows.append((mode, right, total, exact, found, inds))
    return rows


def test_field_agreement() -> None:
    for mode, right, total, exact, found, inds in agreement_table():
        print(
            f"{mode:6} fields {right}/{total} = {right / total:.2%}; forms exact {exact}/{len(SEEDS)}; "
            f"indicator rows found {found}/{inds}"
        )
        assert found == inds
        assert right / total >= 0.99


# ---- validate ---------------------------------------------------------------------------------------


def _document(se: SelfEval) -> DocumentRecord:
    return DocumentRecord(source=Source(path="synthetic", sha256="0" * 64, input_kind="text"), self_evals=[se])


def _findings(se: SelfEval) -> list[tuple[str, str, str | None]]:
    found, errors = run_rules(_document(se))
    assert errors == []
    return [(f.rule, f.severity.value, f.where) for f in found]


def perturbed(form: Form) -> SelfEval:
    """The expected record with one component's executed amount raised by ten units of the coarsest digit its
    funding block prints, and printed so (a 本级安排 row of a project form: only 财政拨款 = 上级补助 + 本级安排
    recomputes it; 基本支出 of a department form: only 年度资金总额 = Σ components). Ten units: beyond what
    rounding or truncation of the printed figures can explain (one unit can be: 455.6 is 456 rounded, 455
    truncated; and a total printed in whole 万元 hides up to 1 万元 of its components' decimals)."""
    se = expected(form)
    row = next(r for r in se.funding if r.canonical in ("own", "basic"))
    assert row.executed is not None
    scale = Decimal(10000) if form.money_unit == "万元" else Decimal(1)
    coarsest = min(_printed(r.executed.raw)[0] for r in se.funding if r.executed is not None)
    decimals, suffix = _printed(row.executed.raw)  # a unit may follow the number (470.98万元)
    printed = (row.executed.yuan / scale + Decimal(10).scaleb(-coarsest)).quantize(Decimal(1).scaleb(-decimals))
    row.executed = row.executed.model_copy(update={"yuan": printed * scale, "raw": f"{printed:f}{suffix}"})
    return se


def _printed(raw: str) -> tuple[int, str]:
    """Decimals printed, and what follows the number."""
    digits = re.fullmatch(r"[\d,]+(?:\.(\d+))?(.*)", raw)
    assert digits is not None, raw
    return len(digits[1] or ""), digits[2]


def _check_validate(seed: int) -> None:
    form = make_form(seed)
    base = _findings(expected(form))
    assert [f for f in base if f[1] == Severity.ERROR.value] == []
    after = _findings(perturbed(form))
    new = [f for f in after if f not in base]
    assert len(new) == 1, new
    assert new[0][1] == Severity.ERROR.value


@pytest.mark.parametrize("seed", SEEDS)
def test_validate_consistent_and_perturbed(seed: int) -> None:
    _check_validate(seed)


@pytest.mark.parametrize("seed", [s for s in SEEDS if (s, "pdf") not in KNOWN_FAILING])
def test_pipeline_findings_have_no_error(seed: int) -> None:
    errors = [f for f in outcome(seed, "pdf").record.findings if f.severity == Severity.ERROR]
    assert errors == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=1000, max_value=10**9))
def test_validate_property(seed: int) -> None:
    _check_validate(seed)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=1000, max_value=10**9), st.sampled_from(("tab", "space")))
def test_text_rows_property(seed: int, mode: str) -> None:
    """Any drawn form, read from text: one table, every funding row and indicator row found."""
    form = make_form(seed)
    path, exp = render(form, mode, _workdir())
    record = process(path)
    assert len(record.self_evals) == 1
    got = record.self_evals[0]
    assert [r.canonical for r in got.funding] == [r.canonical for r in exp.funding]
    assert [(i.level3, i.weight, i.score) for i in got.indicators] == [
        (i.level3, i.weight, i.score) for i in exp.indicators
    ]


if __name__ == "__main__":
    logging.disable(logging.WARNING)
    for mode, right, total, exact, found, inds in agreement_table():
        sys.stdout.write(
            f"{mode:6} fields {right}/{total} = {right / total:.2%}; forms exact {exact}/{len(SEEDS)}; "
            f"indicator rows found {found}/{inds}\n"
        )
