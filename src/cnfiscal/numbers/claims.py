"""Numbers of narrative claims: amounts with their unit word, percentages as fractions."""

from __future__ import annotations

from decimal import Decimal

from cnfiscal.models import Money
from cnfiscal.numbers.parse import parse_decimal, parse_money


def amount(raw: str, unit: str, page: int | None) -> Money | None:
    try:
        return parse_money(f"{raw}{unit}", page=page)
    except ValueError:
        return None


def percent(raw: str) -> Decimal | None:
    try:
        value = parse_decimal(raw)
    except ValueError:
        return None
    return None if value is None else (value / 100).normalize()
