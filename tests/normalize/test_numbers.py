from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cnfiscal.numbers.parse import decimals_of, is_empty, parse_decimal, parse_money, parse_rate


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("19, 704. 57", Decimal("19704.57")),
        ("96,282,213.44", Decimal("96282213.44")),
        ("87267272.44", Decimal("87267272.44")),
        ("-12.5", Decimal("-12.5")),
        ("(1,234.00)", Decimal("-1234.00")),
        ("１２３．４", Decimal("123.4")),
        ("0.00", Decimal("0.00")),
    ],
)
def test_parse_decimal(raw: str, expected: Decimal) -> None:
    assert parse_decimal(raw) == expected


@pytest.mark.parametrize("raw", ["—", "— — —", "", "  ", "-", "/", None])
def test_empty_is_none_never_zero(raw: str | None) -> None:
    assert is_empty(raw)
    assert parse_decimal(raw) is None
    assert parse_money(raw) is None


def test_money_units_to_exact_yuan() -> None:
    m = parse_money("2226.98万元")
    assert m is not None and m.yuan == Decimal("22269800") and m.unit == "万元"
    m = parse_money("19, 704. 57", default_unit="万元")
    assert m is not None and m.yuan == Decimal("197045700") and m.raw == "19, 704. 57"
    m = parse_money("1.5亿元")
    assert m is not None and m.yuan == Decimal("150000000")
    assert str(parse_money("577.4万元").yuan) == "5774000"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("raw", "fraction"),
    [("98.78%", "0.9878"), ("100.00", "1"), ("92.18", "0.9218"), ("46. 84%", "0.4684"), ("0.95", "0.95"), ("0%", "0")],
)
def test_rates_are_fractions(raw: str, fraction: str) -> None:
    assert parse_rate(raw) == Decimal(fraction)


def test_not_a_number_raises() -> None:
    with pytest.raises(ValueError):
        parse_decimal("12月底前")


def test_decimals_of() -> None:
    assert decimals_of("46. 84%") == 2
    assert decimals_of("1268万元") == 0


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_thousands_separators_and_spaces_round_trip(value: Decimal) -> None:
    printed = f"{value:,.2f}"
    assert parse_decimal(printed) == value
    spaced = printed.replace(",", ", ").replace(".", ". ")
    assert parse_decimal(spaced) == value


@given(st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
def test_money_in_wan_is_exact(value: Decimal) -> None:
    m = parse_money(f"{value}万元")
    assert m is not None and m.yuan == value * 10000
