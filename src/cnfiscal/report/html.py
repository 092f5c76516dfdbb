"""The report's inline CSS and the display of cell values (missing, Decimal, rates); the markup itself is in
the Jinja2 templates (``report/templates``, autoescaped), nothing is fetched from the internet."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from cnfiscal.report.fonts import CSS_FONT_STACK

CSS = f"""
body {{ font-family: {CSS_FONT_STACK}; margin: 0 auto; max-width: 1200px; padding: 1em 2em; color: #222;
  line-height: 1.45; }}
h1 {{ font-size: 1.6em; border-bottom: 2px solid #1f618d; padding-bottom: .2em; }}
h2 {{ font-size: 1.25em; margin-top: 1.6em; color: #1f618d; }}
h3 {{ font-size: 1.05em; margin-top: 1.2em; }}
table {{ border-collapse: collapse; margin: .5em 0 1em; font-size: .9em; }}
th, td {{ border: 1px solid #ccc; padding: .25em .5em; vertical-align: top; text-align: left; max-width: 32em;
  overflow-wrap: break-word; }}
th {{ background: #eef3f8; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; max-width: 16em; }}
tr.subtotal td {{ background: #f7f7f7; font-style: italic; }}
.sev-error {{ color: #fff; background: #c0392b; }} .sev-warning {{ background: #f5cba7; }}
.sev-info {{ background: #e5e8e8; }}
.badge {{ padding: 0 .4em; border-radius: 3px; font-size: .85em; }}
.charts {{ display: flex; flex-wrap: wrap; gap: 1em; }}
figure {{ margin: 0; border: 1px solid #ddd; padding: .5em; background: #fff; flex: 1 1 540px; max-width: 590px; }}
figure img {{ max-width: 100%; height: auto; }}
figcaption {{ font-size: .85em; color: #555; }}
.evidence img {{ max-width: 100%; border: 1px solid #999; }}
.muted {{ color: #777; font-size: .9em; }}
.cards {{ display: flex; gap: 1em; flex-wrap: wrap; }}
.card {{ border: 1px solid #ddd; border-radius: 4px; padding: .4em .9em; min-width: 7em; }}
.card b {{ display: block; font-size: 1.5em; }}
nav a {{ margin-right: 1em; }}
.dec-confirmed {{ background: #d4efdf; }} .dec-dismissed {{ background: #d6dbdf; text-decoration: line-through; }}
.dec-pending {{ background: #fcf3cf; }}
.finding.decided-dismissed h3 {{ color: #777; }}
.review {{ margin: .2em 0; }}
.filters {{ display: flex; flex-wrap: wrap; gap: .6em 1.2em; margin: .5em 0; }}
.filters select {{ max-width: 18em; }}
.pager {{ margin: .3em 0 1.2em; }} .pager button {{ min-width: 2.4em; }}
td.sev-error, td.sev-warning, td.sev-info {{ white-space: nowrap; }}
#findings-table td:nth-child(4) {{ min-width: 26em; }}
"""


def is_missing(value: object) -> bool:
    """None, NaN, NA and NaT (scalars as they come out of the frames)."""
    if value is None or isinstance(value, str):
        return value is None
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def flag(value: object) -> bool:
    """A boolean cell; missing is False."""
    return not is_missing(value) and bool(value)


def text_or_none(value: object) -> str | None:
    """A string cell as ``str``, missing as None (safe to compare: pandas' NA is not)."""
    return None if is_missing(value) else str(value)


def plain_text(value: object) -> str:
    """Display text of a cell value, not escaped (templates escape); missing values as an empty string."""
    if is_missing(value):
        return ""
    if isinstance(value, Decimal):
        return fmt_decimal(value)
    if isinstance(value, float) and value.is_integer():  # integer columns with nulls come out as float
        return str(int(value))
    return str(value)


def fmt_decimal(value: Decimal) -> str:
    """A Decimal without trailing zeros of the column scale (``9.8800000000`` → ``9.88``)."""
    if value == value.to_integral():
        return f"{value.quantize(Decimal(1)):f}"
    return f"{value.normalize():f}"


def fmt_rate(value: object) -> str:
    if not isinstance(value, Decimal) or value.is_nan():
        return ""
    return f"{fmt_decimal((value * 100).quantize(Decimal('0.01')))}%"
