"""Numbers as governments print them → exact Decimals.

``19, 704. 57`` → 19704.57; ``96,282,213.44``; full-width ``１２３．４``; ``(1,234.00)`` and ``-12`` negative;
``—`` / ``— — —`` / empty → None. Never float.
"""

from __future__ import annotations

import functools
import unicodedata
from decimal import Decimal, InvalidOperation

import regex

from cnfiscal.models import Money, MoneyUnit
from cnfiscal.vocab.units import EMPTY_MARKS, MONEY_SCALE_WORDS, MONEY_UNITS

# A number with optional thousands separators and spaces inside (OCR): "19, 704. 57", "1 565. 61".
NUMBER_SRC = r"[-−﹣]?\s*\d{1,3}(?:\s*,\s*\d{3})+(?:\s*\.\s*\d+)?|[-−﹣]?\s*\d+(?:\s*\.\s*\d+)?"
NUMBER = regex.compile(NUMBER_SRC)
# The same without a sign, for text where a dash is a range or a separator (``2021年1月-12月底``, ``≥95%``).
UNSIGNED_NUMBER_SRC = r"\d{1,3}(?:\s*,\s*\d{3})+(?:\s*\.\s*\d+)?|\d+(?:\s*\.\s*\d+)?"
# A token that is a whole amount as printed, nothing around it and no space inside (``1,234.50``, ``-12``, ``204``).
AMOUNT_TOKEN = regex.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
# The same with a thousands separator or decimals (``1,234``, ``161.90``): never a row number or a code (``204``).
MONEY_TOKEN = regex.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)$")
_FULL_NUMBER = regex.compile(rf"^\(?\s*(?:{NUMBER_SRC})\s*\)?$")
_SPACES = regex.compile(r"\s+")
_MONEY = regex.compile(rf"^(?P<num>{NUMBER_SRC})\s*(?P<unit>亿元|万元|元|万|亿)?$")
_RATE = regex.compile(rf"^(?P<num>{NUMBER_SRC})\s*(?P<pct>[%％])?$")
_DECIMALS = regex.compile(r"\.(\d+)")
_MARK_CHARS = "".join(m for m in EMPTY_MARKS if len(m) == 1)


def fold(text: str) -> str:
    """NFKC-fold full-width digits, letters and punctuation (``１２３．４％`` → ``123.4%``)."""
    return unicodedata.normalize("NFKC", text)


def is_empty(text: str | None) -> bool:
    """True for a cell that prints nothing, or only dashes/slashes (``—``, ``— — —``, ``/``)."""
    if text is None:
        return True
    stripped = _SPACES.sub("", fold(text))
    if not stripped:
        return True
    return not stripped.strip(_MARK_CHARS) or stripped in EMPTY_MARKS  # every character is a mark


def parse_decimal(text: str | None) -> Decimal | None:
    """Parse one number; None when empty. ``ValueError`` when the text is not a number."""
    if is_empty(text):
        return None
    assert text is not None
    s = fold(text).strip()
    negative = s.startswith("(") and s.endswith(")")
    if not _FULL_NUMBER.match(s):
        raise ValueError(f"not a number: {text!r}")
    try:
        value = _number(s.strip("()"))
    except InvalidOperation as e:
        raise ValueError(f"not a number: {text!r}") from e
    return -value if negative else value


def _number(s: str) -> Decimal:
    """The value of a folded ``NUMBER`` match (``19, 704. 57``, ``-12``): no parentheses, never empty."""
    return Decimal(_SPACES.sub("", s).replace(",", "").replace("−", "-").replace("﹣", "-"))


def parse_money(
    text: str | None,
    default_unit: MoneyUnit = "元",
    page: int | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    confidence: float | None = None,
) -> Money | None:
    """``2226.98万元`` → Money(yuan=22269800, unit=万元). A bare number takes ``default_unit`` (the table's)."""
    if is_empty(text):
        return None
    assert text is not None
    s = fold(text).strip()
    m = _MONEY.match(s)
    if not m:
        raise ValueError(f"not an amount: {text!r}")
    value = _number(m["num"])
    unit: MoneyUnit = MONEY_SCALE_WORDS[m["unit"]] if m["unit"] else default_unit  # type: ignore[assignment]
    return Money(yuan=to_yuan(value, unit), raw=text.strip(), unit=unit, page=page, bbox=bbox, confidence=confidence)


def to_yuan(value: Decimal, unit: str) -> Decimal:
    """Exact conversion to 元, without a spurious exponent (``Decimal('22269800')`` not ``2.22698E+7``)."""
    result = value * MONEY_UNITS[unit]
    return result.quantize(Decimal(1)) if result == result.to_integral_value() else result.normalize()


def parse_rate(text: str | None) -> Decimal | None:
    """A rate as a fraction: ``98.78%`` → 0.9878; ``100.00`` / ``92.18`` (percent without sign) → 1 / 0.9218.

    A bare number ≤ 1.5 with no % is taken as a fraction already (``0.95``); above that, as percent.
    """
    if is_empty(text):
        return None
    assert text is not None
    m = _RATE.match(fold(text).strip())
    if not m:
        raise ValueError(f"not a rate: {text!r}")
    value = parse_decimal(m["num"])
    if value is None:
        return None
    if m["pct"] or value > Decimal("1.5"):
        value = value / 100
    return value.normalize() if value != 0 else Decimal(0)


@functools.lru_cache(maxsize=4096)  # the rules ask again for the precision of the same amounts
def decimals_of(text: str) -> int:
    """How many decimals a printed number shows (``46. 84%`` → 2): the precision for tolerance checks."""
    s = _SPACES.sub("", fold(text))
    m = _DECIMALS.search(s)
    return len(m.group(1)) if m else 0
