"""Targets, actuals and scores of synthetic indicator rows, with the Measure a correct parser returns.

Each kind draws a printed target (operator symbol or word: ≥ ≧ ＝ 不低于 不少于 以上 ≤ 不超过 以内),
an actual, and the score the form's own 注 prescribes: a positive quantitative target (≥) scores
B/A × weight capped at the weight, a negative one (≤) A/B × weight; qualitative and date targets score
the full weight. The Measure is written from the drawn numbers (value as a fraction for percent, in 元
for money), not by parsing the printed text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from cnfiscal.models import Measure
from tests.synth import selfeval_words as W

CENT = Decimal("0.01")


@dataclass
class Drawn:
    raw: str
    measure: Measure


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")


def draw_measure(rng: random.Random, kind: str, weight: Decimal, money_unit: str) -> tuple[Drawn, Drawn, Decimal]:
    """(target, actual, score) of one indicator row of ``kind``."""
    return _KINDS[kind](rng, weight)


def _score(ratio: Decimal, weight: Decimal) -> Decimal:
    return min(weight, (ratio * weight).quantize(CENT, ROUND_HALF_UP))


def _quantity(rng: random.Random, weight: Decimal) -> tuple[Drawn, Drawn, Decimal]:
    unit = rng.choice(W.COUNT_UNITS)
    a = Decimal(rng.randint(2, 60))
    short = rng.random() < 0.15
    b = (a - rng.randint(1, int(a) - 1)) if short else a + rng.choice((0, 0, rng.randint(1, 20)))
    form = rng.choice(("sym", "sym2", "eq", "word", "after", "bare"))
    op, raw = {
        "sym": ("≥", f"≥{_fmt(a)}{unit}"),
        "sym2": ("≥", f"≧{_fmt(a)}{unit}"),
        "eq": ("=", f"＝{_fmt(a)}{unit}"),
        "word": ("≥", f"不少于{_fmt(a)}{unit}"),
        "after": ("≥", f"{_fmt(a)}{unit}以上"),
        "bare": (None, f"{_fmt(a)}{unit}"),
    }[form]
    target = Drawn(raw, Measure(raw=raw, op=op, value=a, unit=unit, kind="quantity"))
    actual_raw = f"{_fmt(b)}{unit}"
    actual = Drawn(actual_raw, Measure(raw=actual_raw, value=b, unit=unit, kind="quantity"))
    return target, actual, _score(b / a, weight)


def _percent(rng: random.Random, weight: Decimal) -> tuple[Drawn, Drawn, Decimal]:
    a = Decimal(rng.choice((80, 85, 90, 95, 98, 100)))
    short = rng.random() < 0.15 and a > 80
    b = a - Decimal(rng.randint(1, 500)) / 100 if short else a + (Decimal(rng.randint(0, int((100 - a) * 10))) / 10)
    form = rng.choice(("sym", "word", "bare"))
    if a == 100 and form == "word":
        form = "sym"
    op, raw = {"sym": ("≥", f"≥{_fmt(a)}%"), "word": ("≥", f"不低于{_fmt(a)}%"), "bare": (None, f"{_fmt(a)}%")}[form]
    target = Drawn(raw, Measure(raw=raw, op=op, value=a / 100, unit="%", kind="percent"))
    actual_raw = f"{_fmt(b)}%"
    actual = Drawn(actual_raw, Measure(raw=actual_raw, value=b / 100, unit="%", kind="percent"))
    return target, actual, _score(b / a, weight)


def _money(rng: random.Random, weight: Decimal) -> tuple[Drawn, Drawn, Decimal]:
    a = Decimal(rng.randint(1000, 90000)) / 100  # 万元
    b = a - Decimal(rng.randint(0, int(a * 10))) / 100 if rng.random() < 0.8 else a
    form = rng.choice(("sym", "word"))
    raw = f"≤{_fmt(a)}万元" if form == "sym" else f"不超过{_fmt(a)}万元"
    target = Drawn(raw, Measure(raw=raw, op="≤", value=a * 10000, unit="元", kind="money"))
    actual_raw = f"{_fmt(b)}万元"
    actual = Drawn(actual_raw, Measure(raw=actual_raw, value=b * 10000, unit="元", kind="money"))
    return target, actual, weight  # A/B ≥ 1: full weight


def _date(rng: random.Random, weight: Decimal) -> tuple[Drawn, Drawn, Decimal]:
    raw = rng.choice(("12月底前", "11月底前", "6月底前"))
    target = Drawn(raw, Measure(raw=raw, op="≤", kind="date"))
    actual_raw = rng.choice(("按时完成", "已完成"))
    return target, Drawn(actual_raw, Measure(raw=actual_raw, kind="qualitative")), weight


def _hours(rng: random.Random, weight: Decimal) -> tuple[Drawn, Drawn, Decimal]:
    a = Decimal(rng.choice((2, 4, 8, 24)))
    b = a - Decimal(rng.randint(0, int(a) - 1))
    raw = rng.choice((f"≤{_fmt(a)}小时", f"{_fmt(a)}小时以内"))
    target = Drawn(raw, Measure(raw=raw, op="≤", value=a, unit="小时", kind="quantity"))
    actual_raw = f"{_fmt(b)}小时"
    return target, Drawn(actual_raw, Measure(raw=actual_raw, value=b, unit="小时", kind="quantity")), weight


def _qualitative(rng: random.Random, weight: Decimal) -> tuple[Drawn, Drawn, Decimal]:
    raw = rng.choice(W.QUALITATIVE_TARGETS)
    actual_raw = rng.choice(W.QUALITATIVE_ACTUALS)
    target = Drawn(raw, Measure(raw=raw, kind="qualitative"))
    return target, Drawn(actual_raw, Measure(raw=actual_raw, kind="qualitative")), weight


_KINDS = {
    "quantity": _quantity,
    "percent": _percent,
    "money": _money,
    "date": _date,
    "hours": _hours,
    "qualitative": _qualitative,
}
