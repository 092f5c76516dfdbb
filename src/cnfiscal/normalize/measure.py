"""Indicator targets and actuals (年度指标值 / 实际完成值) → :class:`~cnfiscal.models.Measure`.

Decisions (documented here and in the tests):

* Operators: symbols (``≧ ≥ >= ⩾ ≦ ≤ <= ＝ = ＞ > ＜ <``, OCR ``≪``) and words before the value (不低于, 不超过, 大于 …)
  or after it (以上, 以内, 内, 以下 …), all from :mod:`cnfiscal.vocab.operators`.
* ``280余项`` / ``300多个``: 余/多 mean "more than" → op ``>`` (unless an explicit operator is printed).
* Percent: ``≥95%`` → value ``0.95`` (a fraction, like every rate in a record), unit ``%``, kind ``percent``;
  ``1.5‰`` → ``0.0015``, unit ``‰``.
* Money: ``≤67.88万元`` → value in 元 (``678800``), unit ``元``, kind ``money``; a bare scale counts as money
  (``≧15亿`` → ``1500000000`` 元), as SPEC says. ``raw`` always keeps what was printed.
* A scale before a quantity unit is multiplied out: ``2.59亿条`` → ``259000000`` 条.
* ``7*24小时`` and ``=24小时/天`` → value 24, unit ``小时/天`` (round-the-clock service); ``N*M`` means M hours a day.
* Dates (``12月底前``, ``2024年12月31日前``, ``2021年1月-12月底``, ``2024年1月前完成``, ``年底前``, ``第4季度``,
  ``2024年``) → kind ``date``, value None; op ``≤`` when a deadline word (前, 之前, 以前, 内) follows, else the
  printed operator (``≤12月底``) or None (a period such as ``2021年1月-12月底``).
* Ranges (``3-5天``, ``90%~95%``) have no single value → qualitative. A sign is read only at the start or right
  after an operator (``≤-5%``), never from a dash between two numbers.
* ``2小时响应`` → value 2, unit 小时, op None (no operator printed); ``2小时内响应`` → op ``≤``.
* Anything else is ``qualitative`` (有效, 按时保质完成 …); a leading operator is kept (``≤预算批复数`` → op ``≤``).
  A long narrative that merely contains numbers stays qualitative. The parser never raises.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import regex

from cnfiscal.models import Measure, MeasureKind
from cnfiscal.numbers.parse import UNSIGNED_NUMBER_SRC, fold, is_empty, parse_decimal, to_yuan
from cnfiscal.vocab.operators import (
    APPROX_MORE_WORDS,
    DEADLINE_WORDS,
    OPERATOR_PREFIX_WORDS,
    OPERATOR_SUFFIX_WORDS,
    OPERATOR_SYMBOLS,
)
from cnfiscal.vocab.units import (
    MEASURE_UNITS,
    MONEY_SCALE_WORDS,
    OCR_UNIT_CONFUSIONS,
    PERCENT_SIGNS,
    PERCENT_WORDS,
    QUANTITY_SCALES,
)

log = logging.getLogger(__name__)

# Text allowed around the value: a short label before (``服务对象≥13家``), a short tail after (``2小时响应``).
MAX_LABEL = 12
MAX_TAIL_WITHOUT_OPERATOR = 6
MAX_LABEL_WITHOUT_OPERATOR = 8


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so that the longest match wins."""
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


_OPS = _alternation([*OPERATOR_SYMBOLS, *OPERATOR_PREFIX_WORDS])
_SUFFIX_OPS = _alternation(OPERATOR_SUFFIX_WORDS)
_APPROX = _alternation(APPROX_MORE_WORDS)
_UNITS = _alternation(MEASURE_UNITS)
_SCALES = _alternation(QUANTITY_SCALES)
_MONEY_WORDS = _alternation(MONEY_SCALE_WORDS)
_PCT = _alternation(PERCENT_SIGNS)
_DEADLINES = _alternation(DEADLINE_WORDS)

_NUM = UNSIGNED_NUMBER_SRC
_NUMERIC = regex.compile(
    rf"""^(?P<label>.*?)(?:(?P<op>{_OPS})\s*)?(?P<sign>(?<![\d.])[-−﹣](?=\d))?(?P<num>{_NUM})\s*(?P<approx>{_APPROX})?\s*
    (?:(?P<pct>{_PCT})
      |(?P<scale>{_SCALES})?\s*(?P<unit>{_UNITS})
      |(?P<money>{_MONEY_WORDS}))?
    (?:\s*/\s*(?P<per>{_UNITS}))?
    \s*(?P<suffix>{_SUFFIX_OPS})?(?P<tail>.*)$""",
    regex.X | regex.S,
)
# A range (``3-5天``, ``90%~95%``) has no single value: it stays qualitative rather than get a wrong one.
_RANGE = regex.compile(
    rf"(?<![\d.])(?:{_NUM})\s*(?:{_PCT}|{_MONEY_WORDS}|{_UNITS})?\s*(?:[-~～—–]|至|到)\s*(?:{_NUM})(?![\d.])"
)
# ``7*24小时``, ``7×24``: round-the-clock service → M hours a day.
_ROUND_CLOCK = regex.compile(
    rf"^(?P<label>.{{0,{MAX_LABEL}}}?)(?P<op>{_OPS})?\s*\d{{1,2}}\s*[*×xX]\s*(?P<hours>\d{{1,2}})\s*(?:小时)?"
    r"(?:\s*/\s*天)?(?P<tail>.{0,6})$",
    regex.S,
)
_YEAR = r"(?:19|20)\d{2}\s*年度?"
_MONTH = r"\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?份?"
_PERIOD_END = r"(?:底|末|中旬|上旬|下旬)"
_DATE_PART = (
    rf"(?:{_YEAR}\s*)?{_MONTH}\s*{_PERIOD_END}?"
    rf"|{_YEAR}\s*{_PERIOD_END}?"
    rf"|(?:当|本)?年度?\s*{_PERIOD_END}"
    rf"|(?:{_YEAR}\s*)?第?[1-4一二三四]\s*季度\s*{_PERIOD_END}?"
    r"|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}"
)
_DATE = regex.compile(
    rf"^(?P<label>\D{{0,{MAX_LABEL}}}?)(?:{_DATE_PART})"
    rf"(?P<range>\s*[-—–~～至到]\s*(?:{_DATE_PART}))?\s*(?P<deadline>{_DEADLINES})?(?P<tail>\D{{0,6}})$",
    regex.S,
)
_LEADING_OP = regex.compile(rf"^\s*(?P<op>{_OPS})")
_OCR_UNIT = regex.compile(rf"(?<=\d\s*)(?:{_alternation(OCR_UNIT_CONFUSIONS)})")
_LINE_BREAK = regex.compile(r"\s*\n\s*")


def parse_measure(raw: str | None, money_unit: str | None = None) -> Measure:
    """Parse one target/actual cell. ``money_unit`` (the table's, e.g. ``万元``) makes a bare number money.

    Never raises: text that is not understood becomes ``kind="qualitative"``.
    """
    raw = raw or ""
    if is_empty(raw):
        return Measure(raw=raw, kind="qualitative")
    text = _clean(raw)
    try:
        return (
            _parse_date(raw, text)
            or _parse_round_clock(raw, text)
            or _parse_numeric(raw, text, money_unit)
            or _qualitative(raw, text)
        )
    except (ValueError, InvalidOperation, KeyError) as e:  # defensive: odd input is data, not a crash
        log.warning("measure %r not understood (%s); kept as qualitative", raw, e)
        return _qualitative(raw, text)


def _clean(raw: str) -> str:
    """Fold full-width forms, join wrapped lines, undo the OCR unit confusions (``44↑`` → ``44个``)."""
    text = _LINE_BREAK.sub("", fold(raw).strip())
    return _OCR_UNIT.sub(lambda m: OCR_UNIT_CONFUSIONS[m.group()], text)


def _op(word: str | None) -> str | None:
    if not word:
        return None
    return OPERATOR_SYMBOLS.get(word) or OPERATOR_PREFIX_WORDS.get(word) or OPERATOR_SUFFIX_WORDS.get(word)


def _parse_date(raw: str, text: str) -> Measure | None:
    m = _DATE.match(text)
    if not m:
        return None
    if m["deadline"] and not m["range"]:
        return Measure(raw=raw, op="≤", kind="date")
    lead = _LEADING_OP.match(m["label"])  # ``≤12月底``
    return Measure(raw=raw, op=_op(lead["op"]) if lead else None, kind="date")


def _parse_round_clock(raw: str, text: str) -> Measure | None:
    m = _ROUND_CLOCK.match(text)
    if not m:
        return None
    return Measure(raw=raw, op=_op(m["op"]), value=Decimal(m["hours"]), unit="小时/天", kind="quantity")


def _parse_numeric(raw: str, text: str, money_unit: str | None) -> Measure | None:
    m = _NUMERIC.match(text)
    if not m or not _plausible(m) or _RANGE.match(text, m.start("num")):
        return None
    op = _op(m["op"]) or _op(m["suffix"]) or (APPROX_MORE_WORDS[m["approx"]] if m["approx"] else None)
    value = parse_decimal((m["sign"] or "") + m["num"])
    if value is None:
        return None
    kind, value, unit = _value_and_unit(m, value, money_unit)
    return Measure(raw=raw, op=op, value=value, unit=unit, kind=kind)


def _plausible(m: regex.Match[str]) -> bool:
    """A measure, not a sentence: a short label and tail, unless an operator says it is a bound."""
    if m["op"] or m["suffix"]:
        return len(m["label"]) <= MAX_LABEL
    return len(m["label"]) <= MAX_LABEL_WITHOUT_OPERATOR and len(m["tail"]) <= MAX_TAIL_WITHOUT_OPERATOR


def _value_and_unit(
    m: regex.Match[str], value: Decimal, money_unit: str | None
) -> tuple[MeasureKind, Decimal, str | None]:
    per = f"/{m['per']}" if m["per"] else ""
    if m["pct"]:
        return "percent", _exact(value.scaleb(-PERCENT_SIGNS[m["pct"]])), PERCENT_WORDS.get(m["pct"], m["pct"]) + per
    if m["unit"]:
        if m["scale"]:
            value = _exact(value * QUANTITY_SCALES[m["scale"]])
        return "quantity", value, m["unit"] + per
    printed_unit: str | None = m["money"] or money_unit
    if printed_unit:
        return "money", to_yuan(value, MONEY_SCALE_WORDS[printed_unit]), "元" + per
    return "quantity", value, per[1:] or None


def _exact(value: Decimal) -> Decimal:
    """Drop a spurious exponent or trailing zeros: ``1.00`` → ``1``, ``2.59E+8`` → ``259000000``."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _qualitative(raw: str, text: str) -> Measure:
    m = _LEADING_OP.match(text)
    return Measure(raw=raw, op=_op(m["op"]) if m else None, kind="qualitative")
