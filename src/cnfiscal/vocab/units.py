"""Money units, measure units, scale words, OCR confusions and empty-cell marks."""

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
# Scale words in front of a quantity unit (``2.59亿条``, ``8亿人次``): the value is multiplied out.
QUANTITY_SCALES: dict[str, Decimal] = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}

# Units of quantity indicators (extend freely; longest match wins in the parser).
# Scaled forms (万人次, 亿条) are not listed: the scale is applied to the value, the unit stays 人次 / 条.
MEASURE_UNITS: tuple[str, ...] = (
    "个",
    "户",
    "家",
    "次",
    "人",
    "项",
    "套",
    "台",
    "条",
    "分",
    "天",
    "小时",
    "份",
    "件",
    "篇",
    "场",
    "期",
    "名",
    "所",
    "座",
    "辆",
    "间",
    "处",
    "批",
    "类",
    "人次",
    "平方米",
    "公里",
    "千米",
    "米",
    "亩",
    "吨",
    "GB",
    "TB",
    "个月",
    "月",
    "年",
    "日",
    "周",
    "起",
    "级",
    "单位",
    "部",
    "本",
    "册",
    "张",
    "页",
    "节",
    "门",
    "支",
    "栋",
    "户次",
    "家次",
    "Mbps",
    "G",
    "县",
    "分钟",
    "秒",
    "工作日",
    "个工作日",
    "笔",
    "宗",
    "例",
    "床",
    "盏",
    "块",
    "棵",
    "株",
    "头",
    "只",
    "公顷",
    "立方米",
    "平方公里",
    "千瓦",
    "兆瓦",
    "千瓦时",
    "度",
    "Gbps",
    "PB",
)
# A rate printed in percent or per mille: sign → power of ten it divides by (``95%`` → 0.95, ``1.5‰`` → 0.0015).
PERCENT_SIGNS: dict[str, int] = {"%": 2, "％": 2, "‰": 3, "百分比": 2}  # ``≥100百分比`` (Anhui template)
PERCENT_WORDS: dict[str, str] = {"百分比": "%"}  # a percent written as a word: the unit a record shows

# OCR confusions seen right after a number (``≥44↑`` is an OCR'd ``≥44个``): printed → meant.
OCR_UNIT_CONFUSIONS: dict[str, str] = {"↑": "个"}

# A cell holding only one of these (possibly repeated, with spaces) is empty → null, never 0.
EMPTY_MARKS: frozenset[str] = frozenset({"—", "-", "－", "–", "―", "─", "/", "／", "无", "_", "——"})
