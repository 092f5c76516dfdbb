"""Words of 情况说明 prose: change verbs, share / rate phrases, comparison words, template residue."""

from __future__ import annotations

# Change verbs → sign of the change.
CHANGE_WORDS: dict[str, int] = {
    "增加": 1,
    "增长": 1,
    "上升": 1,
    "提高": 1,
    "减少": -1,
    "下降": -1,
    "降低": -1,
    "减": -1,
}
# A page number printed in the footer or header (``— 5 —``, ``-5-``, ``─11─``, ``第5页 共20页``): not part of the
# prose it interrupts (``…增长`` / ``— 5 —`` / ``10.87%``).
PAGE_FOOTER = r"^[-—–－~─]+\s*\d{1,4}\s*[-—–－~─]+$|^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$"
# A bare number on a line of its own (``24``): a page number when it is the first or the last line of its page.
PAGE_NUMBER = r"^\d{1,4}$"
# A change word right after one of these is an instruction or a measure (压减10%, 缩减, 核减), not a change of the item.
CHANGE_NOT_AFTER = "压缩削核"
FLAT_WORDS: tuple[str, ...] = ("持平", "基本持平", "无变化")
# The same as the previous year, said with words that elsewhere compare two figures of one year (``与上年预算数一致``,
# ``与上年数一致``, ``与上年相同``): flat only right after 与上年.
SAME_AS_PREVIOUS = r"(?<=与上年度?(?:预算)?数?(?:保持)?)(?:一致|相同|相等)"
# The item just stated is new this year (``…580.01万元，此项支出是今年新增支出``, ``此项级科目为今年新增科目``): a
# change from nothing, by the whole amount.
NEW_ITEM = r"此项级?(?:支出|科目)?(?:是|为)(?:今年|本年|当年)新增"
# Comparison words between 决算数 and 预算数 (or two amounts) → the relation they assert.
DIRECTION_WORDS: dict[str, str] = {
    "大于": ">",
    "高于": ">",
    "多于": ">",
    "小于": "<",
    "低于": "<",
    "少于": "<",
    "等于": "=",
    "持平": "=",
    "一致": "=",
}
SHARE_WORD = r"占(?P<base>[^，,。；;%％\d]{0,20}?)的?"
RATE_WORD = r"完成(?P<base>(?:年初|调整后)?预算(?:数)?)的"
BUDGET_WORD = r"(?:年初)?预算(?:数)?为?"
EXECUTED_WORD = r"(?:支出)?决算(?:数)?为?"
# Words that lead a subject and carry no meaning of their own.
SUBJECT_NOISE = r"^(?:其中|主要用于以下方面|主要包括|具体为|分别为|合计)?[:：]?\s*"
SUBJECT_TAIL = r"(?:为|是|共计)?$"
# Template residue left in a published report.
TEMPLATE_RESIDUE: tuple[str, ...] = (
    r"X{2,}",
    r"增加（减少）",
    r"增加\(减少\)",
    r"增长（下降）",
    r"主要原因是?[:：]?\s*。",  # an unfinished 主要原因是。 (a reason left out)
)

# Words saying an item does not exist (``本部门无政府性基金预算``; a heading ``七、政府性基金支出预算表情况说明``
# followed by ``无``): a ``none`` claim whose subject is the item named — by the words, or by the heading above.
NONE_NAMED = (
    r"^(?:本(?:部门|单位)|我(?:部门|单位))?(?:没有|无)(?P<subject>(?:政府性基金|国有资本经营)\p{Han}{0,10}?)"
    r"(?:安排|项目)?[。.；;]?$"
)
NONE_ALONE = r"^(?:无|没有|本(?:部门|单位)(?:无|没有)(?:此项|该项|相关)?(?:收支|预算|数据)?(?:项目|情况)?)[。.]?$"
NONE_HEADING = r"(?P<subject>\p{Han}+?)(?:情况)?说明[:：]?$"
