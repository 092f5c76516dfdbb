"""Saved web pages of an office's site: the header block a saved page carries, and the words that cut a page
whose table was flattened into one long line back into lines.

A saved page starts with metadata lines (``标题: …``, ``发布时间: …``, ``栏目: …``) closed by a ``==== 正文 ====``
line; the title names the office and the year, the other fields are no text of the document.
"""

from __future__ import annotations

from dataclasses import dataclass

# A metadata line of the header block: ``label: value`` (the value may be empty).
META_LINE = (
    r"^\s*(标题|发布时间|发布日期|文号|索引号|发布机构|发文机关|来源|栏目|所属栏目|原文链接|本地目录|页面链接)"
    r"\s*[:：]\s*(.*)$"
)
TITLE_FIELD = "标题"  # the field whose value is the page's title (kept as the document's first line)
BODY_MARK = r"^\s*={3,}\s*正\s*文\s*={3,}\s*$"  # the line closing the header block
HEADER_MAX_LINES = 15  # a header block is at the top: its closing line within the first lines

# A table a page shows as one long line (an HTML table flattened): the title is ``<year>年…表`` (a catalogue title);
# the words that start a line of their own after it; the page's trailer that ends the table.
FLAT_MIN_CHARS = 200
FLAT_TITLE = r"(?:19|20)\d{2}\s*年度?[^\s，。：:]{2,40}?表"
FLAT_LINE_STARTS = (r"附件\s*\d", r"部\s*门\s*(?:[（(]单位[)）])?\s*[:：]", r"单\s*位\s*[:：]\s*(?:万元|亿元|元)")
FLAT_TRAILER = r"来源\s*[:：]"
# The header of a key-value table (项目 | 金额 | 备注): its words, spaces allowed inside.
FLAT_HEADER_WORDS = (r"项\s*目", r"金\s*额", r"备\s*注", r"行\s*次", r"栏\s*次")

# Code rows (``204 公共安全支出 161.90 …``): the total row's label (no code), the leading columns written out, and
# the name of a value column when the header is no known template's (``列1``, ``列2`` …).
FLAT_CODE_TOTAL = "合计"
FLAT_CODE_LEADING = ("科目编码", "科目名称")
FLAT_CODE_COLUMN = "列{}"


@dataclass(frozen=True, slots=True)
class FlatHeader:
    """A table's header as a flattened page prints it (its words, whitespace removed), the value columns it
    names left to right, and the sums that hold in every row (total column, part columns: indexes)."""

    words: str
    columns: tuple[str, ...]
    sums: tuple[tuple[int, tuple[int, ...]], ...]


# The 2014 template's 公共预算财政拨款收入支出决算表 (附件1-2 of the 决算批复): 年初结转和结余 (合计 基本 项目),
# 本年收入, 本年支出 (合计, 基本支出 小计 人员经费 日常公用经费, 项目支出), 年末结转和结余 (合计 基本 项目).
FLAT_CODE_HEADERS: tuple[FlatHeader, ...] = (
    FlatHeader(
        "项目年初结转和结余本年收入本年支出年末结转和结余支出功能分类科目编码科目名称合计基本支出项目支出合计基本支出"
        "项目支出合计基本支出结转项目支出结转和结余小计人员经费日常公用经费类款项",
        (
            "年初结转和结余合计",
            "年初结转和结余基本支出",
            "年初结转和结余项目支出",
            "本年收入",
            "本年支出合计",
            "本年支出基本支出小计",
            "本年支出人员经费",
            "本年支出日常公用经费",
            "本年支出项目支出",
            "年末结转和结余合计",
            "年末结转和结余基本支出结转",
            "年末结转和结余项目支出结转和结余",
        ),
        ((0, (1, 2)), (4, (5, 8)), (5, (6, 7)), (9, (10, 11))),
    ),
)

# A page rendering a spreadsheet's table with its amounts apart from their labels: the 行次 column is printed and the
# amounts come in runs (``8 11,122,315.04 13,628,965.89 9 10 …``); the rows cannot be matched to their amounts.
APART_HEADER_WORD = r"^行\s*次$"
APART_RUN = 2  # amounts one after the other, no label between
