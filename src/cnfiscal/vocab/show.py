"""Figures as an auditor reads them in a finding's message: amounts as printed with their unit, sums and
recomputed amounts in the unit of the figure they are compared with, rates as percentages at the printed
precision (``98.79%``, not ``0.98787…``).

Pure functions of Decimals and ``Money``; the message templates (``vocab.messages``) take their output.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from cnfiscal.models import Money
from cnfiscal.vocab.units import MONEY_UNITS

UNIT_SUFFIXES = ("亿元", "万元", "元")
EXTRA_DIGITS = 2  # when a recomputed figure rounds to the printed one, show it with this many more digits


def plain(value: Decimal) -> str:
    """A Decimal as plain text without exponent or trailing zeros (``1E+3`` → ``1000``, ``0.0100`` → ``0.01``)."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def compact(text: str) -> str:
    """Printed text without the spaces OCR or copy-paste put inside a number (``19, 704. 57`` → ``19,704.57``)."""
    return "".join(text.split())


def decimals(text: str) -> int:
    """Digits after the decimal point of a number as printed (``2,226.98万元`` → 2; ``98.78%`` → 2)."""
    digits = "".join(ch for ch in text if ch.isdigit() or ch in ".．")
    for dot in ".．":
        if dot in digits:
            return len(digits.split(dot, 1)[1])
    return 0


def amount(money: Money) -> str:
    """An amount as printed, with its unit (``2226.98`` in a 万元 table → ``2226.98万元``; ``0.3万元`` stays)."""
    raw = compact(money.raw)
    if not raw:
        return f"0{money.unit}"
    return raw if raw.endswith(UNIT_SUFFIXES) else f"{raw}{money.unit}"


def like(yuan: Decimal, money: Money, *others: Money) -> str:
    """An amount in 元 written like ``money`` (its unit, the most decimals printed among it and ``others``)."""
    places = max(decimals(m.raw) for m in (money, *others))
    unit = money.unit
    value = yuan / MONEY_UNITS.get(unit, Decimal(1))
    shown = value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    if shown != value:
        shown = value.normalize() if value != value.to_integral_value() else value.quantize(Decimal(1))
    grouped = "," in money.raw  # written like the stated figure: 2,946.26万元
    return f"{shown:,f}{unit}" if grouped else f"{shown:f}{unit}"


def percent(fraction: Decimal, places: int = 2) -> str:
    """A fraction as a percentage with ``places`` decimals (0.98787 → ``98.79%``)."""
    value = (fraction * 100).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{value:f}%"


def printed_rate(fraction: Decimal, raw: str | None) -> str:
    """A stated rate as printed (``98.78%``); a bare ``98.78`` or ``0.95`` gets its percent sign."""
    if raw and raw.strip():
        text = compact(raw)
        return text if text.endswith(("%", "％")) else percent(fraction, _percent_places(fraction, text))
    return percent(fraction, max(0, -int(fraction.normalize().as_tuple().exponent) - 2))


def _percent_places(fraction: Decimal, text: str) -> int:
    places = decimals(text)
    try:
        as_printed = Decimal(text.replace(",", ""))
    except ArithmeticError:
        return places
    return places if as_printed != fraction else max(0, places - 2)  # 0.9878 printed as a fraction → 98.78%


def recomputed_rate(recomputed: Decimal, stated: Decimal, stated_text: str) -> str:
    """The recomputed rate at the precision of the stated one; more digits when the two would look equal."""
    places = max(0, decimals(stated_text)) if stated_text.endswith(("%", "％")) else 2
    shown = percent(recomputed, places)
    if shown == percent(stated, places) and recomputed != stated:
        shown = percent(recomputed, places + EXTRA_DIGITS)
    return shown


def short(value: Decimal, places: int = 2) -> str:
    """A recomputed score: as is when it has at most ``places`` decimals, else rounded to ``places`` (≈ 4.68)."""
    step = Decimal(1).scaleb(-places)
    rounded = value.quantize(step, ROUND_HALF_UP)
    return plain(value) if rounded == value else f"{plain(rounded)}"
