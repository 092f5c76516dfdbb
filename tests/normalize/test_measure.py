"""parse_measure: the examples of the task/SPEC, every distinct target/actual of the samples, properties."""

import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from cnfiscal.normalize.measure import parse_measure
from cnfiscal.vocab.operators import OPERATOR_PREFIX_WORDS, OPERATOR_SUFFIX_WORDS, OPERATOR_SYMBOLS
from cnfiscal.vocab.units import MEASURE_UNITS, MONEY_UNITS

from .sample_measures import SAMPLE_MEASURES

D = Decimal

# (raw, op, value, unit, kind) — each checked by hand against the meaning of the printed text.
SPEC_EXAMPLES = [
    ("≧6户", "≥", D("6"), "户", "quantity"),
    ("≤10起", "≤", D("10"), "起", "quantity"),
    ("≥95%", "≥", D("0.95"), "%", "percent"),
    ("=100%", "=", D("1"), "%", "percent"),
    ("100%", None, D("1"), "%", "percent"),
    ("≧15亿", "≥", D("1500000000"), "元", "money"),  # a bare 亿 is money (SPEC), in 元
    ("≤67.88万元", "≤", D("678800"), "元", "money"),
    ("98. 53分", None, D("98.53"), "分", "quantity"),  # OCR space inside the number
    ("280余项", ">", D("280"), "项", "quantity"),  # 余 = more than
    ("300多个", ">", D("300"), "个", "quantity"),
    ("7*24小时", None, D("24"), "小时/天", "quantity"),  # round the clock: 24 hours a day
    ("=24小时/天", "=", D("24"), "小时/天", "quantity"),
    ("2小时内", "≤", D("2"), "小时", "quantity"),
    ("2小时响应", None, D("2"), "小时", "quantity"),  # no operator printed
    ("2小时内响应", "≤", D("2"), "小时", "quantity"),
    ("12月底前", "≤", None, None, "date"),  # deadline → ≤
    ("12月前", "≤", None, None, "date"),
    ("2024年12月31日前", "≤", None, None, "date"),
    ("2021年1月-12月底", None, None, None, "date"),  # a period, not a deadline
    ("2024年1月前完成", "≤", None, None, "date"),
    ("2024年底前", "≤", None, None, "date"),
    ("≥44↑", "≥", D("44"), "个", "quantity"),  # ↑ is an OCR'd 个
    ("≤预算批复数", "≤", None, None, "qualitative"),
    ("１２个", None, D("12"), "个", "quantity"),  # full-width digits
    ("≥９５％", "≥", D("0.95"), "%", "percent"),
    ("不低于30次", "≥", D("30"), "次", "quantity"),
    ("不少于5项", "≥", D("5"), "项", "quantity"),
    ("不超过5万元", "≤", D("50000"), "元", "money"),
    ("不高于3%", "≤", D("0.03"), "%", "percent"),
    ("大于80分", ">", D("80"), "分", "quantity"),
    ("小于1小时", "<", D("1"), "小时", "quantity"),
    ("100个以上", "≥", D("100"), "个", "quantity"),
    ("5天以内", "≤", D("5"), "天", "quantity"),
    ("3次以下", "≤", D("3"), "次", "quantity"),
    (">=90%", "≥", D("0.9"), "%", "percent"),
    ("<=5天", "≤", D("5"), "天", "quantity"),
    ("⩾3套", "≥", D("3"), "套", "quantity"),
    ("≦2台", "≤", D("2"), "台", "quantity"),
    ("＞1000人", ">", D("1000"), "人", "quantity"),
    ("＜5%", "<", D("0.05"), "%", "percent"),
    ("＝7个", "=", D("7"), "个", "quantity"),
    ("1,000人次", None, D("1000"), "人次", "quantity"),
    ("3个月", None, D("3"), "个月", "quantity"),  # longest unit wins over 个
    ("2.59亿条", None, D("259000000"), "条", "quantity"),  # a scale before a quantity unit is multiplied out
    ("8亿人次", None, D("800000000"), "人次", "quantity"),
    # ranges have no single value; a dash between numbers is never a minus sign
    ("3-5天", None, None, None, "qualitative"),
    ("90%~95%", None, None, None, "qualitative"),
    ("1-2个", None, None, None, "qualitative"),
    ("≥13家（2023-2024年）", "≥", D("13"), "家", "quantity"),  # a range later in the text is not the value's
    ("≤-5%", "≤", D("-0.05"), "%", "percent"),
    ("1.5‰", None, D("0.0015"), "‰", "percent"),
    # per-units
    ("≤50元/平方米", "≤", D("50"), "元/平方米", "money"),
    ("≥1次/月", "≥", D("1"), "次/月", "quantity"),
    # a short label before the value
    ("完成率达到100%", None, D("1"), "%", "percent"),
    ("服务对象≥38家行政事业单位", "≥", D("38"), "家", "quantity"),
    ("3年内", "≤", D("3"), "年", "quantity"),  # a duration, not a date
    # more dates
    ("≤12月底", "≤", None, None, "date"),
    ("年底前完成", "≤", None, None, "date"),
    ("2024年度内", "≤", None, None, "date"),
    ("2024-12-31前", "≤", None, None, "date"),
    ("2024年第4季度前", "≤", None, None, "date"),
    ("2024年12月", None, None, None, "date"),
]
QUALITATIVE = [
    "有效",
    "显著",
    "按时保质完成",
    "达成预期指标",
    "优秀",
    "规范",
    "及时",
    "通过",
    "建立健全",
    "长效",
    "持续形成",
]


@pytest.mark.parametrize(("raw", "op", "value", "unit", "kind"), SPEC_EXAMPLES)
def test_spec_examples(raw: str, op: str | None, value: Decimal | None, unit: str | None, kind: str) -> None:
    m = parse_measure(raw)
    assert (m.op, m.value, m.unit, m.kind) == (op, value, unit, kind)
    assert m.raw == raw


@pytest.mark.parametrize("raw", QUALITATIVE)
def test_qualitative_words(raw: str) -> None:
    m = parse_measure(raw)
    assert (m.op, m.value, m.unit, m.kind) == (None, None, None, "qualitative")


@pytest.mark.parametrize("raw", ["", "—", "— — —", "/", None])
def test_empty_cell_has_no_value(raw: str | None) -> None:
    m = parse_measure(raw)
    assert m.value is None and m.op is None and m.kind == "qualitative"


def test_table_money_unit_makes_bare_numbers_money() -> None:
    # seed004's 成本 rows print bare amounts in a 资金（万元） table
    m = parse_measure("377.57", money_unit="万元")
    assert (m.value, m.unit, m.kind) == (D("3775700"), "元", "money")
    assert parse_measure("377.57").kind == "quantity"
    assert parse_measure("95%", money_unit="万元").kind == "percent"


def test_percent_keeps_exact_digits() -> None:
    assert parse_measure("46. 84%").value == D("0.4684")
    assert str(parse_measure("100.00%").value) == "1"
    assert str(parse_measure("≥99.5%").value) == "0.995"


# ---- properties -------------------------------------------------------------------------------------------------

# ``N月`` with a small N reads as a month (``12月以内`` is a date), so 月 is left out of the generated units.
_QUANTITY_UNITS = [u for u in MEASURE_UNITS if u != "月"]
_NUMBERS = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


def _printed(value: Decimal, style: str) -> str:
    if style == "comma":
        return f"{value:,}"
    if style == "ocr_space":  # ``98. 53``
        return str(value).replace(".", ". ")
    if style == "fullwidth":
        return str(value).translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    return str(value)


@st.composite
def measures(draw: st.DrawFn) -> tuple[str, str | None, Decimal, str, str]:
    """A printed measure and what it means: (raw, op, value, unit, kind)."""
    number = draw(_NUMBERS)
    printed = _printed(number, draw(st.sampled_from(["plain", "comma", "ocr_space", "fullwidth"])))
    unit = draw(st.sampled_from([*_QUANTITY_UNITS, "%", *MONEY_UNITS]))
    if unit == "%":
        value, out_unit, kind = number / 100, "%", "percent"
    elif unit in MONEY_UNITS:
        value, out_unit, kind = number * MONEY_UNITS[unit], "元", "money"
    else:
        value, out_unit, kind = number, unit, "quantity"
    where = draw(st.sampled_from(["none", "symbol", "prefix", "suffix"]))
    if where == "none":
        return f"{printed}{unit}", None, value, out_unit, kind
    if where == "suffix":
        word = draw(st.sampled_from(sorted(OPERATOR_SUFFIX_WORDS)))
        return f"{printed}{unit}{word}", OPERATOR_SUFFIX_WORDS[word], value, out_unit, kind
    table = OPERATOR_SYMBOLS if where == "symbol" else OPERATOR_PREFIX_WORDS
    word = draw(st.sampled_from(sorted(table)))
    space = draw(st.sampled_from(["", " "]))
    return f"{word}{space}{printed}{unit}", table[word], value, out_unit, kind


@given(measures())
def test_generated_measures_parse_back(case: tuple[str, str | None, Decimal, str, str]) -> None:
    raw, op, value, unit, kind = case
    m = parse_measure(raw)
    assert (m.op, m.unit, m.kind) == (op, unit, kind), raw
    assert m.value == value, raw
    assert m.raw == raw


@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    m = parse_measure(text)
    assert m.raw == text
    assert m.kind in {"quantity", "percent", "money", "date", "qualitative"}
    assert m.kind != "qualitative" or m.value is None


@given(st.text(alphabet="≥≤=<>％%万亿元个项0123456789.,， 年月日前底内以上余多*/-—", max_size=20))
def test_never_raises_on_measure_like_text(text: str) -> None:
    parse_measure(text)


# ---- every target/actual of the bundled samples -------------------------------------------------------------------

_SAMPLES = Path(__file__).parents[2] / "samples" / "text"
_CASES = [(name, *case) for name, cases in SAMPLE_MEASURES.items() for case in cases]


def _squeeze(text: str) -> str:
    return regex.sub(r"\s+", "", text)


@pytest.mark.parametrize(("sample", "raw", "op", "value", "unit", "kind"), _CASES)
def test_sample_measures(
    sample: str, raw: str, op: str | None, value: Decimal | None, unit: str | None, kind: str
) -> None:
    m = parse_measure(raw)
    assert (m.op, m.value, m.unit, m.kind) == (op, value, unit, kind)


@pytest.mark.parametrize("sample", sorted(SAMPLE_MEASURES))
def test_sample_measures_are_printed_in_the_sample(sample: str) -> None:
    """Guards the table against typos: every raw string occurs in its sample (whitespace and wrapping ignored)."""
    printed = _squeeze(unicodedata.normalize("NFC", (_SAMPLES / sample).read_text(encoding="utf-8")))
    missing = [raw for raw, *_ in SAMPLE_MEASURES[sample] if _squeeze(raw) not in printed]
    assert missing == []


_DEADLINE_FORMATS = ["{y}年{m}月{d}日前", "{m}月底前", "{y}年{m}月前完成", "{y}年{m}月底之前", "{y}-{m:02d}-{d:02d}前"]
_PERIOD_FORMATS = ["{y}年{m}月-12月底", "{y}年{m}月至12月", "{y}年{m}月"]


@given(
    st.integers(min_value=1990, max_value=2099),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=28),
    st.sampled_from(_DEADLINE_FORMATS + _PERIOD_FORMATS),
)
def test_generated_dates_are_dates(y: int, m: int, d: int, fmt: str) -> None:
    raw = fmt.format(y=y, m=m, d=d)
    measure = parse_measure(raw)
    assert measure.kind == "date", raw
    assert measure.value is None
    assert measure.op == ("≤" if fmt in _DEADLINE_FORMATS else None), raw


@given(_NUMBERS, _NUMBERS, st.sampled_from(["-", "~", "～", "至", "—"]), st.sampled_from(["个", "%", "天", "万元", ""]))
def test_generated_ranges_have_no_value(low: Decimal, high: Decimal, dash: str, unit: str) -> None:
    m = parse_measure(f"{low}{unit}{dash}{high}{unit}")
    assert (m.value, m.kind) == (None, "qualitative")
