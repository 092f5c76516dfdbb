"""Printed-precision tolerance: is a difference explained by how the figures were printed?

Every validate rule (self-evaluation tables, reports, and the final-account/budget table rules) compares a
*stated* figure with a figure *recomputed* from other stated figures, and asks this module how bad the
difference is:

- no difference → no finding at all;
- a difference explained by printed precision → ``info``:
  * a single figure printed with ``d`` decimals may be rounded *or truncated* from the exact value, so any
    difference strictly below one unit of the last printed digit (``ulp``) is explained
    (``98.78%`` for 2199.98/2226.98 = 98.7876… is a truncation; ``4.38`` for 4.375 is a rounding);
  * a sum of printed parts carries the 尾数误差 of each part: when amounts in 元 are converted to 万元 and
    rounded, each rounded part can be off by half a unit of its last digit, so a sum may differ from the
    separately rounded total by up to ``Σ ulp(part)/2 + ulp(total)/2`` (``sum_tolerance``); figures that are
    exact anyway (an amount in 元, a whole score) add nothing (``Precision.exact``);
- anything else → the rule's mismatch severity (``error`` for an identity, ``warning`` for a convention).

An OCR value whose confidence is below ``LOW_CONFIDENCE`` downgrades an ``error`` to a ``warning``
(``downgrade_for_confidence``): the difference may be a misread digit rather than a printed mistake.

Precision helpers: ``money_ulp`` (a ``Money``: decimals of its raw text × its unit, in 元), ``decimal_ulp``
(a ``Decimal`` kept as printed: ``Decimal("4.38")`` → 0.01), ``rate_ulp`` (a rate as a fraction, from the
printed text ``98.78%`` → 0.0001).

Example (what every rule does)::

    tol = Tolerance.single(decimal_ulp(stated))
    verdict = judge(stated, recomputed, tol)
    if verdict is not None:  # None: equal
        ...  Finding(severity=verdict.severity, difference=str(verdict.difference), tolerance=tol.text, ...)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from cnfiscal.models import Money, Severity
from cnfiscal.numbers.parse import NUMBER, decimals_of, fold, parse_decimal
from cnfiscal.vocab.units import MONEY_UNITS

LOW_CONFIDENCE = 0.80
HALF = Decimal("0.5")


@dataclass(frozen=True, slots=True)
class Tolerance:
    """The largest difference explained by printed precision, and how it was derived."""

    value: Decimal
    inclusive: bool  # sums: |diff| ≤ value; single figures: |diff| < value (one ulp, exclusive)
    basis: str

    @classmethod
    def single(cls, ulp: Decimal) -> Tolerance:
        """One figure printed to ``ulp``: rounding (≤ ulp/2) or truncation (< ulp) explain a difference."""
        return cls(ulp, False, f"<{fmt(ulp)} (rounding or truncation to the printed digit)")

    @classmethod
    def of_sum(cls, total: Precision, parts: Iterable[Precision]) -> Tolerance:
        """A stated total against the sum of printed parts: 尾数误差 of each rounded part plus the total's."""
        value = sum_tolerance(total, parts)
        return cls(value, True, f"±{fmt(value)} (尾数误差 of the rounded parts and total)")

    @property
    def text(self) -> str:
        return self.basis

    def explains(self, difference: Decimal) -> bool:
        d = abs(difference)
        return d <= self.value if self.inclusive else d < self.value


@dataclass(frozen=True, slots=True)
class Verdict:
    severity: Severity
    difference: Decimal  # stated − recomputed


def judge(
    stated: Decimal, recomputed: Decimal, tolerance: Tolerance, mismatch: Severity = Severity.ERROR
) -> Verdict | None:
    """None when equal; ``info`` when the printed precision explains the difference; else ``mismatch``."""
    difference = stated - recomputed
    if difference == 0:
        return None
    severity = Severity.INFO if tolerance.explains(difference) else mismatch
    return Verdict(severity, difference)


def sum_tolerance(total: Precision, parts: Iterable[Precision]) -> Decimal:
    """Σ ulp/2 over the rounded parts (exact ones add nothing), plus the total's ulp/2 when it is rounded."""
    return sum((p.error_bound for p in parts), Decimal(0)) + total.error_bound


@dataclass(frozen=True, slots=True)
class Precision:
    """How a printed figure was rounded: one unit of its last digit, and whether it is exact anyway
    (a whole score, an amount in 元)."""

    ulp: Decimal
    exact: bool = False
    truncated: bool = False  # may be truncated rather than rounded (scores): off by up to one ulp

    @property
    def error_bound(self) -> Decimal:
        if self.exact:
            return Decimal(0)
        return self.ulp if self.truncated else self.ulp * HALF


def score_precision(value: Decimal) -> Precision:
    """A score or weight: a whole number is exact; ``4.6`` may be 4.684 rounded or truncated to 0.1."""
    ulp = decimal_ulp(value)
    return Precision(ulp, exact=ulp >= 1, truncated=True)


def money_precision(money: Money) -> Precision:
    """An amount: in 元 it is exact; in 万元/亿元 it was rounded to its last printed digit."""
    return Precision(money_ulp(money), exact=money.unit == "元")


def decimal_ulp(value: Decimal) -> Decimal:
    """One unit of the last printed digit of a Decimal kept as printed (``4.38`` → 0.01, ``5`` → 1)."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= 0:
        return Decimal(1)
    return Decimal(1).scaleb(exponent)


def money_ulp(money: Money) -> Decimal:
    """One unit of the last printed digit of an amount, in 元 (``577.4万元`` → 1000; ``19,704.57`` 元 → 0.01)."""
    return Decimal(1).scaleb(-decimals_of(money.raw)) * MONEY_UNITS[money.unit]


def measure_precision(raw: str, value: Decimal) -> Precision:
    """A number inside a printed measure (``377.57`` in a 万元 column stored as 3775700 元): one unit of its last
    printed digit, scaled like the value; rounded unless it is a whole number of 元 or of a count."""
    m = NUMBER.search(fold(raw))
    number = parse_decimal(m.group(0)) if m else None
    if not number:
        return score_precision(value)
    scale = value / number
    ulp = Decimal(1).scaleb(-decimals_of(m.group(0) if m else raw)) * scale
    return Precision(ulp, exact=scale == 1 and ulp >= 1)


def rate_ulp(rate: Decimal, raw: str | None) -> Decimal:
    """One unit of the last printed digit of a rate, as a fraction.

    ``98.78%`` → 0.0001; ``92.18`` (percent without the sign) → 0.0001; ``0.95`` → 0.01. Without the printed
    text the Decimal's own exponent is used, read as a percent when the value was stored as a fraction.
    """
    if raw is not None and raw.strip():
        decimals = decimals_of(raw)
        percent = "%" in raw or "％" in raw or _looks_percent(raw)
        step = Decimal(1).scaleb(-decimals)
        return step / 100 if percent else step
    return decimal_ulp(rate)


def _looks_percent(raw: str) -> bool:
    try:
        value = parse_decimal(raw)
    except ValueError:
        return False
    return value is not None and value > Decimal("1.5")


def downgrade_for_confidence(severity: Severity, confidences: Iterable[float | None]) -> Severity:
    """An ``error`` on a figure read by OCR with low confidence becomes a ``warning``."""
    if severity is Severity.ERROR and any(c is not None and c < LOW_CONFIDENCE for c in confidences):
        return Severity.WARNING
    return severity


def fmt(value: Decimal) -> str:
    """A Decimal as plain text, no exponent (``1E+3`` → ``1000``, ``0.0100`` → ``0.01``)."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")
