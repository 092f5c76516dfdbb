"""Money units, measure units and empty-cell marks."""

from __future__ import annotations

from decimal import Decimal

# Money unit → factor to 元.
MONEY_UNITS: dict[str, Decimal] = {
    "元": Decimal(1),
    "万元": Decimal(10_000),
    "亿元": Decimal(100_000_000),
}
# Bare scale words met in cells and prose (``4.6万``, ``15亿``): scale → canonical money unit.
MONEY_SCALE_WORDS: dict[str, str] = {"万": "万元", "亿": "亿元", "万元": "万元", "亿元": "亿元", "元": "元"}

# Units of quantity indicators (extend freely; longest match wins in the parser).
MEASURE_UNITS: tuple[str, ...] = (
    "个", "户", "家", "次", "人", "项", "套", "台", "条", "分", "天", "小时", "份", "件", "篇",
    "场", "期", "名", "所", "座", "辆", "间", "处", "批", "类", "万人次", "人次", "平方米", "公里",
    "千米", "米", "亩", "吨", "GB", "TB", "个月", "月", "年", "日", "周", "起", "级", "单位", "部",
    "本", "册", "张", "页", "节", "门", "支", "栋", "户次", "家次", "万条", "亿条", "Mbps", "G",
)

# A cell holding only one of these (possibly repeated, with spaces) is empty → null, never 0.
EMPTY_MARKS: frozenset[str] = frozenset({"—", "-", "－", "–", "―", "─", "/", "／", "无", "_", "——"})
