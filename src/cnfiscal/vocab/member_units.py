"""The words of the part of a department's document that lists its units (部门概况: ``机构设置``,
``部门机构设置及预算单位构成情况``, ``部门决算单位构成``): where it starts and ends, what opens the list, what a
line's note says, and the counts it states. Read by ``extract.narrative.units``; words only, never an office.
"""

from __future__ import annotations

# A heading of that part (a short line, perhaps numbered: ``二、部门决算单位构成``, ``X机构设置``).
SECTION_HEADING = r"机构设置|单位构成|所属单位情况"
MAX_HEADING_CHARS = 40
# A line that starts the next part: a numbered heading (``三、``, ``第二部分``) or a heading word of the parts
# that follow (``名词解释``).
NEXT_PART = r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|第[一二三四五六七八九十]+部分|名词解释)"
MAX_SECTION_PAGES = 2

# What opens the list of the units the budget (决算) includes. ``本部门下属单位包括`` (units outside the
# budget's scope) and ``内设机构…包括`` (the office's own divisions) do not.
LIST_OPENER = r"具体包括(?:[（(][^）)]{0,12}[)）])?\s*[:：]?|仅包[括含]|编制范围的(?:预算)?单位包括\s*[:：]?"
# A numbered item of the list: ``1.``, ``2．``, ``3、`` (not a decimal number).
ITEM_NUMBER = r"(?<![\d.．])(\d{1,2})\s*[.．、](?!\d)"
# Where an unnumbered list ends (``仅包括X，不含Y``).
UNNUMBERED_END = r"[，,。；;]|不含"
# The end of an item's name: its first comma or full stop (what follows is a note, or words about its
# divisions — ``X委本部，…机关设9个内设机构，包括：…`` — which are not units).
NAME_END = r"[，,。；;]"
# The kind of unit printed before a name (``下属事业单位X``).
KIND_PREFIX = r"^(?:下属|所属)?(行政单位|参公事业单位|参公单位|事业单位)"
# The department's own unit: a name ending with these (``X（本级）``, ``X本部``, ``厅机关本级``).
OWN_UNIT = r"(?:[（(](?:本级|本部)[)）]|本级|本部)$"
# A note saying the unit's budget is not its own (it is part of the department's own unit).
NOT_SEPARATE = r"不单列|并入本[级部]|纳入本[级部]"
# A note printed right after the name without a comma (``X不单列预算，并入本部``).
NOTE_START = r"(?:预算)?不单列|并入本[级部]|纳入本[级部]"
# The header cell naming the units' column in the table form (``序号|单位名称|备注``) and its note column.
TABLE_NAME_HEADER = r"^单位名称$"
TABLE_NOTE_HEADER = r"^备注$"

# Numbers as printed (``5``, ``一``, ``两``).
_N = r"(\d+|[一二两三四五六七八九十]+)"
# (kind, pattern with the count as group 1): the counts a document states.
COUNTS: tuple[tuple[str, str], ...] = (
    ("subordinate", rf"下属\s*{_N}\s*[家个](?:预算单位|事业单位|行政单位|单位)"),
    ("subordinate", rf"{_N}\s*个所属(?:预算|事业|行政)?单位"),
    ("total", rf"预算单位共计\s*{_N}\s*[家个]"),
    ("行政单位", rf"行政单位\s*{_N}\s*[家个]"),
    ("参公单位", rf"参公(?:事业)?单位\s*{_N}\s*[家个]"),
    ("事业单位", rf"(?<!参公)事业单位\s*{_N}\s*[家个]"),
)
KIND_COUNTS = ("行政单位", "参公单位", "事业单位")
CHINESE_DIGITS: dict[str, int] = {
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
}  # fmt: skip

# corpus.department.sum_units — which items of a department are the plain sum of its units'. 财政拨款 reaches each
# unit from the finance bureau directly (nothing passes through another unit of the department), so the 财政拨款
# totals, their 一般公共预算 / 政府性基金 / 国有资本经营 parts, the 三公 and 机关运行经费 (paid from 财政拨款) and the
# 一般公共预算 功能科目 lines add up exactly. Whole income and expenditure (收支总表, 支出预算总表 and its
# 基本/项目支出 and 功能科目 lines) can hold money moved inside the department (上级补助收入 / 对附属单位补助支出 /
# 上缴上级支出 / 附属单位上缴收入), which a consolidation removes: a difference there is a warning, with that reason.
SUM_PLAIN_ITEMS: frozenset[str] = frozenset({
    "财政拨款.收入", "财政拨款.支出", "一般公共预算.收入", "一般公共预算.支出", "政府性基金.收入", "政府性基金.支出",
    "国有资本经营.收入", "国有资本经营.支出", "三公", "三公.因公出国", "三公.公务用车购置及运行", "三公.公务用车购置",
    "三公.公务用车运行", "三公.公务接待", "机关运行经费",
})  # fmt: skip
# The tables whose 功能科目 lines are 一般公共预算 (财政拨款) money: plain sums (other tables' lines: transfers
# possible; the message template ``corpus.department.sum_units:transfers`` says so).
SUM_PLAIN_FUNCTION_TABLES: frozenset[str] = frozenset({"budget.general", "final.general"})
# corpus.unit.le_department — a line a unit prints that its department lacks: the 合计 row of a coded table, whose
# equality with Σ its 类 rows (and 类 = Σ款 = Σ项) says the table was read completely.
TABLE_TOTAL_ROW = r"^(?:合计|总计)$"
