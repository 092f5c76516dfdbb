"""Fill dates (填报日期) and report years (（2021年度）) as printed → ``datetime.date`` / ``int``.

Fill dates: ``2022.7.21``, ``2025/02/06``, ``2025-02-06``, ``2025年2月28日``, ``2025.2. 8`` (OCR spaces),
``2025 2 8`` (OCR lost the dots: read only as three space-separated numbers, year first), ``20250206`` (eight
digits). Anything less explicit is ambiguous and gives None: ``2025.28`` may be 2-8 or a lost ``2.28``, ``2024.12`` is
a month. Impossible dates (2025-02-30) → None. Years: ``（2021年度）``, ``(2,024年度)`` (an OCR'd thousands comma),
``2024年度``, ``二〇二四年度``.
"""

from __future__ import annotations

import datetime as dt

import regex

from cnfiscal.numbers.parse import fold

MIN_YEAR = 1949
MAX_YEAR = 2100

# Year, month, day with any of the printed separators; spaces inside allowed (OCR).
_YMD = regex.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[年./\-]\s*|\s+)(?P<m>\d{1,2})\s*(?:[月./\-]\s*|\s+)(?P<d>\d{1,2})(?!\d)"
)
_COMPACT = regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)")
_YEAR = regex.compile(r"(?<![\d,])(?P<y>[12]\s*,?\s*\d\s*\d\s*\d)\s*年")
_CN_YEAR = regex.compile(r"(?P<y>[〇零一二三四五六七八九]{4})\s*年")
_CN_DIGITS = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_SPACES_COMMAS = regex.compile(r"[\s,]")


def parse_date(raw: str | None) -> dt.date | None:
    """The first date in ``raw``, or None when there is none or it is ambiguous or impossible."""
    if not raw:
        return None
    text = fold(raw)
    m = _YMD.search(text) or _COMPACT.search(text)
    return _date(m["y"], m["m"], m["d"]) if m else None


def parse_year(raw: str | None) -> int | None:
    """The year of ``（2021年度）``, ``(2,024年度)``, ``2024年``, ``二〇二四年度``; None when absent."""
    if not raw:
        return None
    text = fold(raw)
    m = _YEAR.search(text)
    if m:
        year = int(_SPACES_COMMAS.sub("", m["y"]))
    else:
        c = _CN_YEAR.search(text)
        if not c:
            return None
        year = int("".join(_CN_DIGITS[ch] for ch in c["y"]))
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
