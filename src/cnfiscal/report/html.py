"""HTML building blocks: the page shell with its inline CSS, escaped tables, value formatting.

Plain f-strings and ``html.escape``; no template engine, no script, nothing fetched from the internet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape

import pandas as pd

from cnfiscal import __version__
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
"""


def page(title: str, body: str, home: str | None = None) -> str:
    """A whole HTML document; ``home`` is the relative link back to the overview (None on the overview)."""
    nav = f'<nav><a href="{escape(home)}">← 总览 overview</a></nav>' if home else ""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{nav}\n"
        f"<h1>{escape(title)}</h1>\n{body}\n"
        f'<footer class="muted"><hr>cnfiscal {escape(__version__)} · {stamp}</footer>\n</body>\n</html>\n'
    )


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


def text(value: object) -> str:
    """Escaped display text; missing values as an empty string."""
    if is_missing(value):
        return ""
    if isinstance(value, Decimal):
        return escape(fmt_decimal(value))
    if isinstance(value, float) and value.is_integer():  # integer columns with nulls come out as float
        return str(int(value))
    return escape(str(value))


def fmt_decimal(value: Decimal) -> str:
    """A Decimal without trailing zeros of the column scale (``9.8800000000`` → ``9.88``)."""
    if value == value.to_integral():
        return f"{value.quantize(Decimal(1)):f}"
    return f"{value.normalize():f}"


def fmt_rate(value: object) -> str:
    if not isinstance(value, Decimal) or value.is_nan():
        return ""
    return f"{fmt_decimal((value * 100).quantize(Decimal('0.01')))}%"


def money_cell(raw: object, yuan: object) -> str:
    """A money cell: the amount as printed, with its exact value in 元 as a tooltip."""
    if is_missing(raw) and is_missing(yuan):
        return '<td class="num"></td>'
    title = f' title="= {text(yuan)} 元"' if not is_missing(yuan) else ""
    return f'<td class="num"{title}>{text(raw) if not is_missing(raw) else text(yuan)}</td>'


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], row_classes: Iterable[str] | None = None) -> str:
    """A table; ``rows`` hold ready cells (``<td>…</td>``), see ``td``."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    classes = list(row_classes) if row_classes is not None else None
    body = []
    for i, cells in enumerate(rows):
        cls = f' class="{classes[i]}"' if classes and classes[i] else ""
        body.append(f"<tr{cls}>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def td(value: object, num: bool = False) -> str:
    return f'<td class="num">{text(value)}</td>' if num else f"<td>{text(value)}</td>"


def severity_badge(severity: str) -> str:
    return f'<span class="badge sev-{escape(severity)}">{escape(severity)}</span>'


def counts_table(frame: pd.DataFrame, index_name: str) -> str:
    """A crosstab (DataFrame of counts) as a table, with row totals."""
    if frame.empty:
        return '<p class="muted">(none)</p>'
    headers = [index_name, *[str(c) for c in frame.columns], "合计"]
    rows = [
        [td(idx), *[td(int(v), num=True) for v in row], td(int(sum(row)), num=True)]
        for idx, row in zip(frame.index, frame.to_numpy().tolist(), strict=True)
    ]
    return table(headers, rows)
