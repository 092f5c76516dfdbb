"""Comparison operators: symbols and words → the five canonical operators of a Measure."""

from __future__ import annotations

# Symbols, longest first where they overlap.
OPERATOR_SYMBOLS: dict[str, str] = {
    ">=": "≥",
    "≥": "≥",
    "≧": "≥",
    "⩾": "≥",
    "<=": "≤",
    "≤": "≤",
    "≦": "≤",
    "⩽": "≤",
    "＝": "=",
    "=": "=",
    "＞": ">",
    ">": ">",
    "＜": "<",
    "<": "<",
    # OCR confusions: ``≪41.5元`` is a misread ``≤41.5元``, ``≫`` a misread ``≥``.
    "≪": "≤",
    "≫": "≥",
}
# Words placed before the value.
OPERATOR_PREFIX_WORDS: dict[str, str] = {
    "不低于": "≥",
    "不少于": "≥",
    "不小于": "≥",
    "大于等于": "≥",
    "至少": "≥",
    "不超过": "≤",
    "不高于": "≤",
    "不大于": "≤",
    "小于等于": "≤",
    "最多": "≤",
    "控制在": "≤",
    "大于": ">",
    "高于": ">",
    "超过": ">",
    "小于": "<",
    "低于": "<",
    "等于": "=",
}
# Words placed after the value (``100个以上``, ``2小时内``).
OPERATOR_SUFFIX_WORDS: dict[str, str] = {
    "以上": "≥",
    "及以上": "≥",
    "或以上": "≥",
    "以内": "≤",
    "以下": "≤",
    "及以下": "≤",
    "内": "≤",
    "之内": "≤",
}
# Approximation words right after the number: ``280余项``, ``300多个`` mean "more than" → ``>``.
APPROX_MORE_WORDS: dict[str, str] = {"余": ">", "多": ">", "多余": ">"}
# Words after a date that make it a deadline (``12月底前``, ``2024年1月前完成``, ``2024年度内``) → ``≤``.
DEADLINE_WORDS: tuple[str, ...] = ("之前", "以前", "前", "截止", "为止", "以内", "之内", "内")
