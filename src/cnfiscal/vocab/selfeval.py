"""Labels of the 绩效自评表 (department overall and project forms), as data.

Every pattern is a ``regex`` source matched against *folded* text: NFKC (full-width ``（：＝`` →
``(:=``) with all whitespace removed, so ``资 金 来 源`` and ``资金（万元）`` match ``资金来源`` and
``资金\\(万元\\)``. Section finders and normalizers import from here; nothing re-types a label.
"""

from __future__ import annotations

# Title of a table and its kind.
TITLE = r"(?P<kind>部门(?:整.)?|项目)(?:支出)?绩效(?:目标|评价)?自评表"  # 整. : OCR reads 整体 as 整亿
KIND_OF_TITLE: dict[str, str] = {"部门": "dept", "项目": "project"}  # by the first two characters

# ``（2021年度）``, OCR ``(2,024年度)``.
YEAR = r"\((?P<year>\d[\d,]{3,5})年度?\)"

# Header fields: label → value follows on the same line (after a colon or in the next cell).
FILL_DATE_LABEL = r"[填埴]报日期:?"
UNIT_LABELS: tuple[str, ...] = (r"部门\(单位\)名称", r"单位\(盖章\):?", r"实施单位(?:\(盖章\))?:?")
PROJECT_NAME_LABEL = r"项目名名?称:?"  # OCR splits it: ``项目名⇥名称``
# A date on the 项目名称 row (``202⇥0/02/0``): the 单位(盖章)/填报日期 line printed over it (scan overlay),
# so the text after the label is that line, not the project name.
OVERLAID_DATE = r"\d\s*[/.]\s*\d{1,2}\s*[/.]"
DEPARTMENT_LABEL = r"(?:.?管)?部门及(?:代?码)?:?|主管部门:?"  # ``主管⇥部门及⇥代码``, ``E管部门⇥及代码``
# A department name is complete once it ends like an organ's name (optionally with its code): the cells
# after it belong to the next column (``某市某某发⇥展管理局⇥大⇥…``: 实施单位 OCR'd as ``大``).
ORGAN_END = r"(?:局|委员会|委|厅|办公室|办|院|中心|部|所|站|处|馆|署|会)(?:\(\d+\))?$"

# Money unit of the funding block: ``资金（万元）`` / ``项目资金（元）`` / a lone ``(元)`` cell.
MONEY_UNIT = r"(?:资金)?\((?P<unit>万元|元|亿元)\)"

# An amount printed with its unit (``1268万元``): the table's unit when no header names one.
CELL_UNIT = r"\d(?P<unit>万元|亿元|元)$"

# The funding block.
FUNDING_HEADER = r"资金来源|年初预算数"
# (pattern, canonical, is_breakdown), tried in order on the folded label.
FUNDING_LABELS: tuple[tuple[str, str, bool], ...] = (
    (r"^年度资金总额", "total", False),
    # Sichuan: 总额, then 其中：财政资金 / 财政专户管理资金 / 单位资金 / 其他资金
    (r"^(?:总额|资金总额|合计):?$", "total", False),
    (r"^(?:其中:?)?(?:本年)?财政(?:资金|拨款)(?!.*小计)", "fiscal", False),
    (r"^(?:其中:?)?财政专户管理资金", "other", False),
    (r"^(?:其中:?)?单位(?:自有)?资金", "other", False),  # the unit's own money: not 本级安排 (a part of 财政拨款)
    (r"^基本支出(?!小计)", "basic", False),
    (r"^项目支出(?!小计)", "project", False),
    (r"^上年(?:项目)?结转资金", "carryover", False),
    (r"^(?:其中:?)?上级补助", "superior", True),
    (r"^(?:其中:?)?本级安排", "own", False),
    (r"^(?:其中:?)?其他(?:资金)?:?$", "other", False),
)
# The columns of a funding row after its label, in printed order.
FUNDING_COLUMNS: tuple[str, ...] = ("initial_budget", "annual_budget", "executed", "weight", "rate", "score")
# Column headers of the funding block (folded, matched whole) → the slot they fill; ``reason`` is read and not
# kept. A form whose header orders them otherwise (Sichuan: 年初预算 调整后预算数 预算执行数 预算执行率 权重 得分
# 原因) is read by its header.
FUNDING_HEADER_COLUMNS: tuple[tuple[str, str], ...] = (
    (r"年初预算数?(?:\(.*\))?", "initial_budget"),
    (r"(?:全年|调整后)(?:\(调整\))?预算数?(?:\(.*\))?", "annual_budget"),
    (r"(?:全年|预算)执行数(?:\(.*\))?", "executed"),
    (r"(?:预算)?执行率(?:\(.*\))?", "rate"),
    (r"分值|权重", "weight"),
    (r"(?:执行率)?得分", "score"),
    (r"原因|偏差原因.*", "reason"),
)

# Goals.
GOALS_LABEL = r"年度总?体?目标|总体目标"
GOALS_LABEL_PIECE = r"年?度?总?体?目?标?"  # a piece of the vertical label 年度总体目标 left in a cell
GOALS_HEADER = r"预期目标"
GOALS_ACTUAL_HEADER = r"实际完成情况"
# Goal columns by their header: 预期目标 / 项目年度目标 / 年初绩效目标, and 实际完成情况 / 年度目标完成情况.
GOALS_EXPECTED_COLUMN = r"预期|项目年度目标|年初绩效目标"
GOALS_ACTUAL_COLUMN = r"实际|完成情况"

# The indicator table.
INDICATOR_HEADER = r"一级指标?|二级指标|三级指标|年度指标值"
# The level-3 header cell with text after it: the first row's label overflowed into the header row.
LEVEL3_HEADER_OVERFLOW = r"^三级指标(?P<rest>.*\p{Han}.*)$"
BLOCK_LABEL = r"^绩效指标$"  # the vertical label in front of the indicator table
# Pieces of that block label and of split level labels, left in the label columns by OCR.
BLOCK_DEBRIS = r"^(?:绩效?|绩效指标?|指标?)$"
AS_PRINTED = ""  # a label kept as printed (no canonical name)
# First-level labels (folded; OCR may cut them: ``产出指`` + ``标``).
LEVEL1_LABELS: tuple[tuple[str, str], ...] = (
    (r"产出(?:指标?)?|出指标?", "产出指标"),
    (r"效益(?:指标?)?|益指标?", "效益指标"),
    (r"满意度(?:指标?)?|意度指标?|满意度?指?标", "满意度指标"),
    # 部门整体支出绩效评价自评表 (规划/执行/效果 kind): first-level labels as printed
    (r"(?:部门)?(?:投入|决策|规划|过程|执行|管理|效果)(?:指标)?", AS_PRINTED),
)
LEVEL1_WEIGHT = r"\((?P<weight>\d+)(?:分|\)|$)"  # ``(50分)``, OCR ``(50`` … ``分)``
# Second-level labels: printed form (folded) → canonical.
LEVEL2_LABELS: tuple[tuple[str, str], ...] = (
    (r"数量指?标?", "数量指标"),
    (r"质量指?标?", "质量指标"),
    (r"时效指?标?", "时效指标"),
    (r"成本指?标?", "成本指标"),
    (r"经济效益指?标?", "经济效益指标"),
    (r"社会(?:效益)?指?标?", "社会效益指标"),
    (r"生态效益指?标?", "生态效益指标"),
    (r"可持续(?:影响?)?指?标?|影响指标?", "可持续影响指标"),
    (r"服务对象(?:满意度)?指?标?", "服务对象满意度指标"),
    (r"满意度指标", "满意度指标"),
)
# The first-level label each second-level label belongs to.
LEVEL2_PARENT: dict[str, str] = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "满意度指标": "满意度指标",
}
# Words of a level-3 label that name its level-2 group: the last row before a newly printed level-2 label
# belongs to that label when its own label says so (a merged cell's label is printed in its vertical
# middle, one row below the cell's first row): ``设备处理及时性`` → 时效, ``物业服务人员全年成本`` → 成本.
LEVEL2_WORDS: dict[str, str] = {
    "质量指标": r"合格率|质量",
    "时效指标": r"及时",
    "成本指标": r"成本|费用",
}
SUBTOTAL = r"小计$"
TOTAL = r"^总分$"
TOTAL_LABEL = r"总分|^合计$"  # the row after the indicators: 总分 (Guizhou), 合计 (Sichuan)

# Conclusion, contact, footnotes.
CONCLUSION_LABEL = r"^(?:.?评结论?|绩效结论|评价结论|自评|结论|论)$"  # .评: OCR reads 自 as 目
CONCLUSION_HEADINGS = r"^[一二三四]、"
# A heading of a sectioned conclusion; printed on a line of its own (a cell joins it to the text after it).
CONCLUSION_HEADING = r"[一二三四五]、[^\s，。,:：、]{0,6}?(?:自评结论|存在的?问题|工作计划|改进措施|整改措施|意见建议)"
CONCLUSION_START = r"一、绩效自评结论|自评结论|^自评"
# Grade: ``自评等级为"优"``, ``自评结论为良好``, a lone ``优`` cell.
GRADE = r"(?:等级|结论|评价)为?[\"“”']?(?P<grade>优秀|良好|优|良|中|差)"
GRADE_ALONE = r"^(?P<grade>优秀|良好|优|良|中|差)$"
GRADE_CANONICAL: dict[str, str] = {"优秀": "优", "良好": "良", "优": "优", "良": "良", "中": "中", "差": "差"}
SCORE_STATED = r"(?:得分?|自评)(?P<score>\d+(?:\.\d+)?)分"
CONTACT_LINE = r"联系人|联系电话|^(?:项目|财务|单位)?负责人:"
CONTACT_NAME = r"联系人:?(?P<name>[^\s:联]{2,4})"
CONTACT_PHONE = r"联系电话:?(?P<phone>[\d\-]{7,})"
NOTE_START = r"^注:"
# A 注 counting the funding block's 分值 in the 总分 (``预算资金执行率10分`` … ``总分应为100分``): both must be in it.
NOTE_FUNDING_PART = r"预算(?:资金)?执行(?:率|情况)(?:为|占)?\(?(?P<weight>\d+(?:\.\d+)?)分"
NOTE_TOTAL_STATED = r"(?:总分|满分)应?为?(?P<total>\d+)分"
NOTE_ITEM = r"^\d+\."

# -- columns of the indicator table, by their header (folded, matched whole) ------------------------------
# Read by header when the table has columns the right-anchored reading does not know (指标性质, 度量单位) or a
# row lacks its 分值/得分 pair (an unfilled form).
INDICATOR_HEADER_COLUMNS: tuple[tuple[str, str], ...] = (
    (r"一级指标", "level1"),
    (r"二级指标", "level2"),
    (r"三级指标|指标名称", "level3"),
    (r"指标性质", "op"),
    (r"(?:年度|年初)?指标值(?:\(A\))?", "target"),
    (r"度量单位|计量单位", "unit"),
    (r"(?:实际|全年)?完成值(?:\(B\))?", "actual"),
    (r"分值|权重|指标分值|指标权重(?:\(分\))?", "weight"),
    (r"得分|自评得分|指标得分(?:\(分\))?", "score"),
    (r"未完成原因分析|偏差原因分析及改进措施|原因|未完成原因", "reason"),
    (r"得分系数(?:\(%\))?", "coefficient"),
)

# -- copied web pages: which cells start a row when the page comes one cell a line -----------------------
# Header cells (a run of them is one header row): the funding, goals and indicator column headers.
COLUMN_HEADER_CELL = (
    r"(?:项目)?资金(?:\((?:万元|元|亿元)\))?|资金来源|年度预算数(?:\(.*\))?|年初预算数?|全年预算数(?:\(A\))?"
    r"|调整后预算数|全年执行数(?:\(B\))?|预算执行数|执行率|预算执行率|分值|权重|得分|原因"
    r"|年度总体目标|预期目标|实际完成情况|项目年度目标|年度目标完成情况"
    r"|绩效指标|一级指标|二级指标|三级指标|指标性质|年度指标值(?:\(A\))?|指标值|度量单位"
    r"|实际完成值(?:\(B\))?|完成值|未完成原因分析|偏差原因分析及改进措施|自评得分"
)
# The indicator columns of a header run (its width: the cells of a full indicator row).
INDICATOR_COLUMN_CELL = (
    r"一级指标|二级指标|三级指标|指标性质|年度指标值(?:\(A\))?|指标值|度量单位|实际完成值(?:\(B\))?|完成值"
    r"|分值|权重|得分|自评得分|未完成原因分析|偏差原因分析及改进措施|原因"
)
# Labels that start a row (matched at the start of the folded cell).
ROW_START = (
    r"项目名称|主管部门|实施单位|单位\(盖章\)|部门\(单位\)名称|填报日期|报表编号|项目负责人|财务负责人|联系人|联系电话"
    r"|项目基本情况|\d\.项目|预算执行情况|绩效指标\(|自评结论|评价结论|绩效结论|存在问题|改进措施|注:"
)
# A heading that weighs a part of the form: 预算执行情况(10分), 绩效指标(90分) (Sichuan). The funding part and the
# indicator part; the label is kept as printed.
PART_WEIGHT = r"^(?P<label>预算执行情况|预算资金执行率|资金执行情况|绩效指标)\((?P<weight>\d+(?:\.\d+)?)分\)$"
FUNDING_PARTS = ("预算执行情况", "预算资金执行率", "资金执行情况")
# OCR text whose cells ran together (``backends.runtogether``): the template ending in 是否核心指标.
RUN_TOGETHER_HEADER = r"指标名称计量单位指标性质.{0,40}?是否核心指标"
RUN_TOGETHER_COLUMNS = (
    "指标名称",
    "计量单位",
    "指标性质",
    "年初指标值",
    "调整指标值",
    "全年完成值",
    "得分系数",
    "指标权重",
    "指标得分",
    "是否核心指标",
)
RUN_TOGETHER_UNITS = r"%|次|份|篇|个|户|人|家|项|天|万元|元"
RUN_TOGETHER_WORDS = "高好低中差优良"  # a qualitative value printed as one character
RUN_TOGETHER_PAGE_MARK = r"^\d+、"  # a preview's page number before its text
RUN_TOGETHER_DEBRIS = r"^(?:绩效指标|[“”\"'])+"  # the vertical block label, quotes: not part of a row's name
NOTE_CONTINUES = r"^\d+\.(?!\d)"  # after the table, a numbered note is a line of its own
