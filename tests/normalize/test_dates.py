import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cnfiscal.normalize.dates import parse_date, parse_year


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # the printed forms met in samples/text (填报日期 lines), hand-read
        ("2022.7.21", dt.date(2022, 7, 21)),  # seed000
        ("2024.2.16", dt.date(2024, 2, 16)),  # seed004
        ("填报日期: 2025.7.21", dt.date(2025, 7, 21)),  # seed003 项目一
        ("埴报日期 2025 2 8", dt.date(2025, 2, 8)),  # seed003 项目二, OCR lost the dots
        ("填报日期: 2025. 2. 8", dt.date(2025, 2, 8)),  # seed003 项目二, table header copy
        ("2025.2. 8", dt.date(2025, 2, 8)),
        ("填报日期: 2025/02/06", dt.date(2025, 2, 6)),  # seed003 项目三/四/五
        ("填报日期: 2025年2月28日", dt.date(2025, 2, 28)),  # seed003 项目六
        ("2025/02/23", dt.date(2025, 2, 23)),  # seed003 项目七
        ("2025-02-06", dt.date(2025, 2, 6)),
        ("２０２５．２．８", dt.date(2025, 2, 8)),  # full-width
        ("20250206", dt.date(2025, 2, 6)),
    ],
)
def test_parse_date(raw: str, expected: dt.date) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "填报日期：",
        "2025-02-30",  # impossible
        "2025.28",  # glued: 2-8, or 2.28 with a digit lost → ambiguous, not guessed
        "2024.12",  # a month, not a day
        "2024年12月",
        "12345",
        "(2,024年度)",
    ],
)
def test_parse_date_none_when_absent_or_ambiguous(raw: str | None) -> None:
    assert parse_date(raw) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("（2021年度）", 2021),  # seed000
        ("（2023年度）", 2023),  # seed004
        ("(2024年度)", 2024),  # seed003 项目一
        ("(2,024年度)", 2024),  # seed003 项目三, OCR comma
        ("2024年度", 2024),
        ("部门整体支出绩效目标自评表（2021年度）", 2021),
        ("二〇二四年度", 2024),
        ("（２０２１年度）", 2021),
    ],
)
def test_parse_year(raw: str, expected: int) -> None:
    assert parse_year(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "年度", "(12年度)", "(3024年度)", "1,2345年"])
def test_parse_year_none(raw: str | None) -> None:
    assert parse_year(raw) is None


_FORMATS = [
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
    lambda d: f"{d.year}-{d.month:02d}-{d.day:02d}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d.year}. {d.month}. {d.day}",
    lambda d: f"{d.year} {d.month} {d.day}",
    lambda d: f"填报日期：{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}{d.month:02d}{d.day:02d}",
]


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)), st.sampled_from(_FORMATS))
def test_dates_round_trip(date: dt.date, fmt) -> None:  # type: ignore[no-untyped-def]
    assert parse_date(fmt(date)) == date


@given(st.integers(min_value=1950, max_value=2099), st.sampled_from(["（{}年度）", "({}年度)", "{}年度", "{}年"]))
def test_years_round_trip(year: int, fmt: str) -> None:
    assert parse_year(fmt.format(year)) == year
    s = str(year)
    assert parse_year(fmt.format(f"{s[0]},{s[1:]}")) == year  # OCR thousands comma


@given(st.text())
def test_never_raises(text: str) -> None:
    parse_date(text)
    parse_year(text)
