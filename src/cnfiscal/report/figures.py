"""A finding's figures as the document prints them: stated, recomputed and difference in the unit of the stated
amount (万元 where the document prints 万元), taken from the message's parameters; the exact values in 元 (as
stored) stay next to them as tooltips.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from cnfiscal.report.html import plain_text
from cnfiscal.vocab.show import plain
from cnfiscal.vocab.units import MONEY_UNITS

UNITS = ("亿元", "万元", "元")
RECOMPUTED_KEYS = ("sum", "recomputed", "other")
# the tolerance's basis as validate words it → as the report shows it
TOLERANCE_WORDS = {
    "(rounding or truncation to the printed digit)": "（印刷位数的四舍五入或截断 rounding or truncation）",
    "(尾数误差 of the rounded parts and total)": "（各项与合计的尾数误差 rounding of the parts and total）",
    "(exact)": "（须相等 exact）",
    "(an upper bound)": "（上限 an upper bound）",
}


@dataclass(frozen=True, slots=True)
class Figures:
    stated: str
    recomputed: str
    difference: str
    exact: str | None  # "stated 3000 元, recomputed 29616800 元" when the shown figures are in another unit


def params_of(value: object) -> dict[str, str]:
    if not isinstance(value, str) or not value:
        return {}
    try:
        loaded = json.loads(value)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}


def unit_of(text: str) -> str | None:
    return next((u for u in UNITS if text.endswith(u)), None)


def figures(stated: object, recomputed: object, difference: object, params: object) -> Figures:
    """The figures to show; money figures in the stated amount's unit (from the message parameters)."""
    p = params_of(params)
    raw = (plain_text(stated), plain_text(recomputed), plain_text(difference))
    shown_stated = p.get("stated", "")
    unit = unit_of(shown_stated)
    if shown_stated.endswith(("%", "％")):  # a rate: as printed, recomputed at the printed precision
        other = next((p[k] for k in RECOMPUTED_KEYS if k in p), raw[1])
        return Figures(shown_stated, other, _percent_points(raw[2]), f"= {raw[0]} / {raw[1]}")
    if unit is None:
        return Figures(*raw, exact=None)
    other = next((p[k] for k in RECOMPUTED_KEYS if k in p and unit_of(p[k])), raw[1])
    exact = f"= {raw[0]} 元 / {raw[1]} 元" if raw[0] and raw[1] else None
    return Figures(shown_stated, other, _in_unit(raw[2], unit), exact)


def _percent_points(fraction: str) -> str:
    try:
        return f"{plain(Decimal(fraction) * 100)}%"
    except InvalidOperation:
        return fraction


def _in_unit(yuan: str, unit: str) -> str:
    try:
        value = Decimal(yuan) / MONEY_UNITS[unit]
    except (InvalidOperation, KeyError):
        return yuan
    return f"{plain(value)}{unit}"


def tolerance(text: object, params: object) -> str:
    """The tolerance as shown: its basis in Chinese, a money tolerance in the unit of the stated amount."""
    shown = plain_text(text)
    for english, chinese in TOLERANCE_WORDS.items():
        shown = shown.replace(f" {english}", chinese)
    unit = unit_of(params_of(params).get("stated", ""))
    head, _, rest = shown.partition("（")
    if unit is None or not head.startswith(("±", "<")) or "尾数" not in rest:
        return shown
    return f"{head[0]}{_in_unit(head[1:], unit)}（{rest}"
