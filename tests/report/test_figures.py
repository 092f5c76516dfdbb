"""A finding's figures as shown: in the unit the document prints (from the message parameters), exact 元 kept."""

from __future__ import annotations

import json

from cnfiscal.report.figures import figures, tolerance


def test_money_figures_in_the_stated_unit() -> None:
    """final_finance_2024 p.21: 总计 0.3万元 in the text, 2,961.68万元 in the table (the issue's case)."""
    params = json.dumps({"stated": "0.3万元", "other": "2,961.68万元", "subject": "…", "table": "…"})
    shown = figures("3000", "29616800", "-29613800", params)
    assert (shown.stated, shown.recomputed, shown.difference) == ("0.3万元", "2,961.68万元", "-2961.38万元")
    assert shown.exact == "= 3000 元 / 29616800 元"
    assert tolerance("±550 (尾数误差 of the rounded parts and total)", params) == (
        "±0.055万元（各项与合计的尾数误差 rounding of the parts and total）"
    )


def test_other_figures_unchanged() -> None:
    params = json.dumps({"stated": "88.22", "total": "79"})
    shown = figures("88.22", "79", "9.22", params)
    assert (shown.stated, shown.recomputed, shown.difference, shown.exact) == ("88.22", "79", "9.22", None)
    assert figures("0.9878", "0.98788", "-0.00008", None).stated == "0.9878"
    assert tolerance("<0.01 (rounding or truncation to the printed digit)", params) == (
        "<0.01（印刷位数的四舍五入或截断 rounding or truncation）"
    )


def test_rates_as_percentages() -> None:
    """A rate finding shows the printed and the recomputed percentage; the fractions stay in the tooltip."""
    params = json.dumps(
        {"executed": "2199.98万元", "budget": "2226.98万元", "recomputed": "98.79%", "stated": "98.78%"}
    )
    shown = figures("0.9878", "0.98787686", "-0.00007686", params)
    assert (shown.stated, shown.recomputed, shown.difference) == ("98.78%", "98.79%", "-0.007686%")
    assert shown.exact == "= 0.9878 / 0.98787686"
