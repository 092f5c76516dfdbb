"""Cross-document checks: which item a narrative figure is about, which period a comparison names, and the
messages of the ``corpus.*`` rules.

An item is matched by the words of its label, never by an office's wording: the first pattern that matches
the subject of a claim gives the item (the longer, more specific ones come first). A 功能科目 line
(``人大事务（款）行政运行（项）支出``) is its own item, keyed by its names with the level marks and 支出 removed.
"""

from __future__ import annotations

# What stands before the words of a whole budget (收入预算总计): nothing, 本年/年度, or the office's name
# ending (``…办公厅本年收入预算合计``, ``…办事处收入预算``); a fund's name there (``财政专户管理资金收入预算``)
# makes it a part.
_WHOLE_OF = r"(?:^|本年|年度|[厅局委处院室部、])"
# A 功能科目 line without level marks is recognised by its list number (``2．社会保障和就业支出1608.51万元``).
FUNC_LIST_NUMBER = r"(?:^|[。；：\s])[\d一二三四五六七八九十]+\s*[．.、]\s*"
# (item id, pattern searched in the subject), first match wins.
ITEMS: tuple[tuple[str, str], ...] = (
    # the carry-over a budget counts among its income (``上年结转资金预算数为0万元``): a figure of the year itself
    ("上年结转.收入", r"^(?:上年结转|上年结余|上年财政拨款结转)"),
    ("机关运行经费", r"机关运行经费"),
    ("三公.因公出国", r"因公出国[（(]境[)）]"),
    ("三公.公务用车购置及运行", r"公务(?:用)?车(?:辆)?购置及运行"),
    ("三公.公务用车购置", r"公务(?:用)?车(?:辆)?购置"),
    ("三公.公务用车运行", r"公务(?:用)?车(?:用车)?运行"),
    ("三公.公务接待", r"公务接待"),
    ("三公", r"三公.{0,2}经费"),
    ("会议费", r"会议费"),
    ("培训费", r"培训费"),
    ("政府采购", r"政府采购"),
    ("基本支出", r"基本支出"),
    ("项目支出", r"项目支出"),
    ("预留机动经费", r"预留机动经费"),
    ("财政专户管理资金.收入", r"财政专户"),
    ("其他资金.收入", r"^其他资金收入"),
    ("政府性基金.收入", r"政府性基金.{0,4}收入"),
    ("政府性基金.支出", r"政府性基金"),
    ("国有资本经营.收入", r"国有资本经营.{0,4}收入"),
    ("国有资本经营.支出", r"国有资本经营"),
    ("一般公共预算.收入", r"一般公共预算.{0,4}收入"),
    ("一般公共预算.支出", r"一般公共预算"),
    ("财政拨款.收入", r"财政拨款.{0,2}收入"),
    ("财政拨款.支出", r"财政拨款收、?支"),  # 财政拨款收、支总计各增加X: the two totals are equal
    ("财政拨款.支出", r"财政拨款"),
    ("总计.收入", rf"{_WHOLE_OF}收入预算(?:总计|合计)?$"),
    ("总计.支出", rf"{_WHOLE_OF}支出?预算(?:总计|合计)?$"),
)
# The item named inside the comparison itself (``与上年相比，财政拨款收、支总计各增加…``) when the amount's subject
# was cut by the layout.
ITEM_IN_COMPARISON = r"(?:相比|比上年|较上年)[，,]?\s*(\p{Han}[\p{Han}、]{1,15}?)各?(?:增加|减少|增长|下降|持平)"
# How an item is named in a message (a 功能科目 item by its own names).
ITEM_LABELS: dict[str, str] = {
    "机关运行经费": "机关运行经费",
    "三公": "“三公”经费",
    "三公.因公出国": "因公出国（境）费",
    "三公.公务用车购置及运行": "公务用车购置及运行费",
    "三公.公务用车购置": "公务用车购置费",
    "三公.公务用车运行": "公务用车运行费",
    "三公.公务接待": "公务接待费",
    "总计.收入": "收入总计",
    "总计.支出": "支出总计",
    "财政拨款.收入": "财政拨款收入",
    "财政拨款.支出": "财政拨款支出",
    "一般公共预算.收入": "一般公共预算收入",
    "一般公共预算.支出": "一般公共预算支出",
    "政府性基金.收入": "政府性基金收入",
    "政府性基金.支出": "政府性基金支出",
    "国有资本经营.收入": "国有资本经营收入",
    "国有资本经营.支出": "国有资本经营支出",
    "财政专户管理资金.收入": "财政专户管理资金收入",
    "其他资金.收入": "其他资金收入",
    "预留机动经费": "单位预留机动经费",
    "上年结转.收入": "上年结转资金",
}
# A subject that is a movement, not a level (``增加基本支出844.15万元``): never a figure of its item.
MOVEMENT = r"^(?:增加|减少|压减|新增|调增|调减|比上年|与上年|较上年)"
# A subject about another period than the document's year (``2023年当年预算执行数``, ``上年结转``), or a budget
# figure a final account quotes (``一般公共预算财政拨款支出年初预算``): never a figure of the document's own kind.
OTHER_PERIOD = r"上年|上一年|以前年度|执行数|决算数|结转|年初预算|全年预算|调整预算"
# 功能科目 level marks and what surrounds a 功能科目 name in a sentence.
LEVEL_MARK = r"[（(](?:\d{1,3})?(?:类|款|项)[)）]"  # （类） or with its code: （204类）（06款）
FUNC_NOISE = r"^[\d一二三四五六七八九十]+[．.、]|[“”\"]|─\d+─|(?:预算)?支出$|支出(?=[（(](?:类|款|项)[)）])"
MIN_FUNC_KEY = 4  # a 功能科目 key shorter than this is a fragment (``休``, ``缴费``): not matched

# The period a comparison names. ``比2023年预算`` → budget; ``比2023年预算执行数`` → executed;
# ``与上年相比`` → not said.
BASE_EXECUTED = r"执行数|执行|决算|实际"
BASE_BUDGET = r"预算"
BASE_YEAR = r"((?:19|20)\d{2})年"
BASE_PREVIOUS = r"上年|上一年|上年度|去年"

# A level statement of year N about year N−1 (``2023年当年预算执行数为45.41万元``, ``上年预算数为X万元``): a subject
# naming the previous year (its number, or 上年) and a basis — the outturn (executed) or the budget as passed. An
# adjusted budget (调整预算, 全年预算) or a carry-over (上年结转) is neither, and a subject comparing two years
# (``本年数小于上年预算数403.75万元``: a difference) is no level: not recognised.
QUOTED_EXECUTED = r"执行数|决算数|实际支出数?"
QUOTED_BUDGET = r"年初预算数?|预算数"
QUOTED_NOT = r"调整|全年预算|结转|结余|本年|[小大多少高低]于|[增减]|[比较]|相比|相同|持平|一致"
# The words of such a subject that are not its item (``2023年当年预算执行数`` → nothing: the item is the line the
# paragraph is about).
QUOTED_WORDS = (
    r"(?:19|20)\d{2}年度?|上一?年度?|去年|当年|年初预算数?|预算执行数|执行数|决算数|预算数|实际支出数?|[为是：:，,]$"
)

# Standard summary tables: (table kind, side or None, pattern on the row label with its list number removed) → item.
SUMMARY_ROWS: tuple[tuple[str, str | None, str, str], ...] = (
    ("budget.total", "收入", r"^一般公共预算", "一般公共预算.收入"),
    ("budget.total", "收入", r"^财政拨款(?:收入)?$", "财政拨款.收入"),
    ("budget.total", "收入", r"^收入(?:合计|总计)$", "总计.收入"),
    ("budget.total", "支出", r"^支出(?:合计|总计)$", "总计.支出"),
    ("budget.income", None, r"^收入(?:合计|总计)$", "总计.收入"),
    ("budget.fiscal_total", "收入", r"^一般公共预算", "一般公共预算.收入"),
    ("budget.fiscal_total", "收入", r"^收入(?:合计|总计)$", "财政拨款.收入"),
    ("budget.fiscal_total", "支出", r"^支出(?:合计|总计)$", "财政拨款.支出"),
)
# The income of a summary table split into its sources: (table kind, side or None, pattern on the row label) → item,
# and the side's total row. When the sources printing an amount add up to the total, a source row printed with
# every amount cell blank holds nothing: the table states that item as 0 (``政府性基金小计`` left blank).
INCOME_PARTS: tuple[tuple[str, str | None, str, str], ...] = (
    ("budget.total", "收入", r"^(?:一般公共预算|公共财政预算)(?:拨款)?(?:收入)?$", "一般公共预算.收入"),
    ("budget.total", "收入", r"^政府性基金(?:预算)?(?:拨款)?(?:收入)?$", "政府性基金.收入"),
    ("budget.total", "收入", r"^财政专户管理资金(?:收入)?$", "财政专户管理资金.收入"),
    ("budget.total", "收入", r"^其他资金(?:收入)?$", "其他资金.收入"),
    ("budget.total", "收入", r"^(?:上年结转|上年结余)(?:资金|和结余资金|结余)?$", "上年结转.收入"),
    ("budget.income", None, r"^一般公共预算资金小计$", "一般公共预算.收入"),
    ("budget.income", None, r"^政府性基金小计$", "政府性基金.收入"),
    ("budget.income", None, r"^财政专户管理资金小计$", "财政专户管理资金.收入"),
    ("budget.income", None, r"^其他资金小计$", "其他资金.收入"),
    ("budget.income", None, r"^上年结转和结余资金小计$", "上年结转.收入"),
)
INCOME_TOTAL_ROW = r"^收入(?:合计|总计)$"
# Words saying an item is not there (a ``none`` claim's subject, ``本部门无政府性基金预算``): the items they state as 0.
# Only a whole fund, its income or its expense — never a part of it (``政府性基金基本支出预算表 … 无``).
NONE_ITEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"^(?:财政拨款)?政府性基金(?:预算)?(?:收支)?(?:预算)?表?$", ("政府性基金.收入", "政府性基金.支出")),
    (r"^(?:财政拨款)?政府性基金(?:预算)?支出(?:预算)?表?$", ("政府性基金.支出",)),
    (r"^(?:财政拨款)?政府性基金(?:预算)?收入(?:预算)?表?$", ("政府性基金.收入",)),
    (r"^国有资本经营(?:预算)?(?:收支)?(?:预算)?表?$", ("国有资本经营.收入", "国有资本经营.支出")),
    (r"^国有资本经营(?:预算)?支出(?:预算)?表?$", ("国有资本经营.支出",)),
    (r"^国有资本经营(?:预算)?收入(?:预算)?表?$", ("国有资本经营.收入",)),
)
# A table of one fund's expense printing no amount, with a note saying there is none (``(无政府性基金支出）``,
# ``注：本部门无相关收支项目``): the item it states as 0.
NONE_TABLES: dict[str, str] = {"budget.fund": "政府性基金.支出"}
NONE_NOTE = r"无(?:相关)?(?:政府性基金|国有资本经营)?(?:预算)?(?:收支|支出|收入)?(?:项目)?[)）。]?$|无数据|为空表"
# How a figure read from a blank row or from words saying there is none is shown (evidence, messages).
BLANK_WORD = "空白"
# The columns of a 支出预算总表's total row (row label empty or 合计/总计) → item.
EXPENSE_TOTAL_ROW = r"^(?:合计|总计)?$"
EXPENSE_COLUMNS: dict[str, str] = {
    "合计": "总计.支出",
    "基本支出": "基本支出",
    "项目支出": "项目支出",
    "单位预留机动经费": "预留机动经费",
}
# The columns of a 三公 table (whitespace removed) → item.
SANGONG_COLUMNS: dict[str, str] = {
    "“三公”经费预算数合计": "三公",
    "因公出国(境)费": "三公.因公出国",
    "公务接待费": "三公.公务接待",
    "公务用车购置及运行费小计": "三公.公务用车购置及运行",
    "购置费": "三公.公务用车购置",
    "运行费": "三公.公务用车运行",
    "机关运行经费预算数": "机关运行经费",
    # the form with 会议费 and 培训费 beside the 三公 (“三公”经费、会议费、培训费支出预算表)
    "“三公”经费小计": "三公",
    "因公出国（境）费": "三公.因公出国",
    "公务用车购置及运行维护费小计": "三公.公务用车购置及运行",
    "公务用车购置费": "三公.公务用车购置",
    "公务用车运行维护费": "三公.公务用车运行",
    "会议费": "会议费",
    "培训费": "培训费",
}
# A final account's (决算) table column holding a budget figure beside the outturn (``年初预算数``, ``调整预算数``,
# ``全年预算数``): never the figure of the year's outturn.
FINAL_BUDGET_COLUMN = r"年初预算|调整预算|调整后预算|全年预算|预算数"
LIST_NUMBER = r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d+\s*[、.．]|[（(][一二三四五六七八九十\d]+[)）])\s*"

# A self-evaluation form's 年初预算数 against its office's budget (``corpus.selfeval.initial_budget``).
# The 收入 row of a 收支预算总表 carrying the carry-over the budget counts in its total (``上年结转``, ``上年结余``).
CARRYOVER_ROW = r"^(?:上年结转|上年结余|上年财政拨款结转|上年结转结余)"
# A project code printed before a project's name (``51000021R000000019951-工资性支出``): not part of the name.
PROJECT_CODE = r"^[0-9A-Za-z]{8,}\s*[-—－_:：]?\s*"
# Dropped from a project name before names are compared (exactly, never fuzzily): whitespace and quote marks.
PROJECT_NAME_NOISE = r"[\s“”\"‘’'「」《》〈〉]"
# The columns of a 项目支出预算表 giving a project's whole amount, and its 财政拨款 amount.
PROJECT_TOTAL_COLUMN = r"^(?:合计|总计|小计|金额|预算数|预算金额|项目金额|本年预算)"
PROJECT_FISCAL_COLUMN = r"财政拨款|一般公共预算"
# How a form's funding row and a budget figure are named in a message.
SELFEVAL_ROW_LABELS: dict[str, str] = {
    "total": "年度资金总额",
    "fiscal": "财政拨款",
    "basic": "基本支出",
    "project": "项目支出",
}
SELFEVAL_BUDGET_LABELS: dict[str, str] = {
    "总计.支出": "支出总计",
    "财政拨款.支出": "财政拨款支出合计",
    "财政拨款.收入": "财政拨款收入",
    "基本支出": "基本支出",
    "项目支出": "项目支出",
    "project.total": "该项目合计",
    "project.fiscal": "该项目财政拨款",
}
# Why a clear mismatch of a 年初预算数 is only a warning: the note ending the message (Chinese, English).
SELFEVAL_NOTES: dict[str, str] = {
    "disagree": "；预算文件所载该数不一致",
    "unit": "；自评表的预算单位是该部门下属单位",
    "ocr": "；金额识别置信度低",
    "tables": "；单位仅由表格的编制部门识别",
}
# How a stated figure's basis and the previous year's document are named in a message.
QUOTED_BASE_WORDS: dict[str, str] = {"executed": "执行数", "budget": "预算数"}
ANY_BASE_WORD = "数"  # a figure whose basis the statement does not say
QUOTED_DOC_WORDS: dict[str, str] = {"final_account": "决算", "budget": "预算"}
CROSSDOC_WORDS: dict[str, str] = {
    QUOTED_DOC_WORDS["final_account"]: "final account",
    QUOTED_DOC_WORDS["budget"]: "budget",
    SELFEVAL_NOTES["disagree"]: "; the budget's own figures for it disagree",
    SELFEVAL_NOTES["unit"]: "; the form's 预算单位 is a unit under the office",
    SELFEVAL_NOTES["ocr"]: "; an amount was read with low OCR confidence",
    SELFEVAL_NOTES["tables"]: "; an office known only from its tables' 编制部门",
    SELFEVAL_BUDGET_LABELS["project.total"]: "the project's 合计",
    SELFEVAL_BUDGET_LABELS["project.fiscal"]: "the project's 财政拨款",
}

CROSSDOC_TEMPLATES: dict[str, tuple[str, str]] = {
    "corpus.yoy.change": (
        "{year}年文件称{item}{current}，比上年{word}{delta}，即上年{base_word}为{implied}；"
        "{prev_year}年文件（第{prev_page}页）所载为{prev}",
        "the {year} document says {item} {current}, {word} {delta} against the previous year, i.e. a previous"
        " {base_word} of {implied}; the {prev_year} document (p. {prev_page}) prints {prev}",
    ),
    "corpus.yoy.flat": (
        "{year}年文件称{item}{current}，与上年持平；{prev_year}年文件（第{prev_page}页）所载为{prev}",
        "the {year} document says {item} {current}, the same as the previous year; the {prev_year} document"
        " (p. {prev_page}) prints {prev}",
    ),
    # the previous year's row of the item printed blank (or words saying there is none): read as 0, maybe a miss
    "corpus.yoy.change:blank": (
        "{year}年文件称{item}{current}，比上年{word}{delta}，即上年{base_word}为{implied}；"
        "{prev_year}年文件（第{prev_page}页）“{prev_what}”，视为0（也可能是提取遗漏）",
        "the {year} document says {item} {current}, {word} {delta} against the previous year, i.e. a previous"
        " {base_word} of {implied}; the {prev_year} document (p. {prev_page}): “{prev_what}”, read as 0"
        " (an extraction miss is possible)",
    ),
    "corpus.yoy.flat:blank": (
        "{year}年文件称{item}{current}，与上年持平；{prev_year}年文件（第{prev_page}页）“{prev_what}”，"
        "视为0（也可能是提取遗漏）",
        "the {year} document says {item} {current}, the same as the previous year; the {prev_year} document"
        " (p. {prev_page}): “{prev_what}”, read as 0 (an extraction miss is possible)",
    ),
    "corpus.yoy.rate": (
        "{year}年文件称{item}比上年{word}{stated}；按{prev_year}年文件（第{prev_page}页）所载{prev}计算，"
        "（{current} − {prev}）÷ {prev} = {recomputed}",
        "the {year} document says {item} {word} {stated} against the previous year; from the {prev_year} document"
        " (p. {prev_page}),"
        " ({current} − {prev}) ÷ {prev} = {recomputed}",
    ),
    # a level statement about the previous year (``2023年当年预算执行数为45.41万元``) against that year's own document
    "corpus.yoy.quoted": (
        "{year}年文件称{base_year}年{item}{base_word}为{stated}；{prev_year}年{prev_kind}（第{prev_page}页）所载为{prev}",
        "the {year} document says the {base_year} {base_word} of {item} was {stated}; the {prev_year} {prev_kind}"
        " (p. {prev_page}) prints {prev}",
    ),
    "corpus.yoy.quoted:blank": (
        "{year}年文件称{base_year}年{item}{base_word}为{stated}；{prev_year}年{prev_kind}（第{prev_page}页）"
        "“{prev_what}”，视为0（也可能是提取遗漏）",
        "the {year} document says the {base_year} {base_word} of {item} was {stated}; the {prev_year} {prev_kind}"
        " (p. {prev_page}): “{prev_what}”, read as 0 (an extraction miss is possible)",
    ),
    "corpus.unit.le_department": (
        "单位{unit}的{item}{unit_value}大于其部门{dept}的{dept_value}",
        "unit {unit}: {item} {unit_value} is above its department {dept}'s {dept_value}",
    ),
    "corpus.unit.le_department:absent": (
        "单位{unit}的{item}{unit_value}（第{page}页，{code}）未列于其部门{dept}的{table}（第{dept_pages}页）；该表合计"
        "等于各类之和、类款项逐级相符，部门汇总其单位，应至少列出此数",
        "unit {unit}: {item} {unit_value} (p. {page}, {code}) is not in its department {dept}'s {table}"
        " (p. {dept_pages}), whose 合计 and 类/款/项 lines all add up: the department consolidates its units",
    ),
    "corpus.unit.le_department:absent_incomplete": (
        "单位{unit}的{item}{unit_value}（第{page}页，{code}）未见于其部门{dept}的{table}（第{dept_pages}页）；"
        "该表各行之和与合计不尽相符或有金额未读出，未必缺列，请人工核对",
        "unit {unit}: {item} {unit_value} (p. {page}, {code}) is not found in its department {dept}'s {table}"
        " (p. {dept_pages}); that table's lines do not all add up (or a cell was not read): perhaps not missing",
    ),
    "corpus.unit.le_department:absent_level": (
        "单位{unit}的{item}{unit_value}（第{page}页，{code}）未见于其部门{dept}的{table}（第{dept_pages}页）；"
        "该表在其上级科目下未列此级明细，未必缺列，请人工核对",
        "unit {unit}: {item} {unit_value} (p. {page}, {code}) is not found in its department {dept}'s {table}"
        " (p. {dept_pages}); that table prints no lines of this level under its parent: perhaps not missing",
    ),
    "corpus.unit.le_department:absent_item": (
        "单位{unit}的{item}{unit_value}（第{page}页）未见于其部门{dept}的{table}（第{dept_pages}页）；"
        "此项不是编码科目，部门表可能以其他名称列出，请人工核对",
        "unit {unit}: {item} {unit_value} (p. {page}) is not found in its department {dept}'s {table}"
        " (p. {dept_pages}); not a coded line: the department's table may name it otherwise",
    ),
    "corpus.final.initial_budget": (
        "{year}年决算所列{item}年初预算数{stated}，{year}年预算文件（第{prev_page}页）所载为{prev}",
        "the {year} final account's 年初预算数 of {item} is {stated}; the {year} budget (p. {prev_page}) prints {prev}",
    ),
    "corpus.selfeval.initial_budget": (
        "{year}年部门整体支出绩效自评表{item}年初预算数{stated}{ne}{year}年部门预算（第{prev_page}页）{target}{prev}{note}",
        "the {year} department self-evaluation's 年初预算数 of {item} is {stated} {ne} the {year} budget"
        " (p. {prev_page}): {target} {prev}{note}",
    ),
    "corpus.selfeval.initial_budget:project": (
        "{year}年项目支出绩效自评表（{project}）{item}年初预算数{stated}{ne}{year}年部门预算项目支出预算表"
        "（第{prev_page}页）{target}{prev}{note}",
        "the {year} project self-evaluation ({project}): 年初预算数 of {item} {stated} {ne} the {year} budget's"
        " 项目支出预算表 (p. {prev_page}): {target} {prev}{note}",
    ),
}
