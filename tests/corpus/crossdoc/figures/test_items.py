"""Item keys: a sentence and a table row naming the same 功能科目 line meet, whatever level marks it prints."""

from __future__ import annotations

import pytest

from cnfiscal.corpus.crossdoc.figures.items import item_of

KEY = "功能:司法行政运行"


@pytest.mark.parametrize(
    "subject",
    [
        "公共安全支出（类）司法（款）行政运行（项）",  # the marks alone
        "公共安全支出（204类）司法（06款）行政运行（01项）",  # the marks with their codes (司法局 2026 p8)
        "公共安全支出(204类)司法(06款)行政运行(01项)支出",  # half-width brackets, 支出 after
    ],
)
def test_a_line_is_keyed_by_its_kuan_and_xiang_whatever_the_level_marks(subject: str) -> None:
    assert item_of(subject) == KEY


def test_a_number_in_brackets_that_is_no_level_mark_is_no_line() -> None:
    assert item_of("行政运行（2026年）") is None
