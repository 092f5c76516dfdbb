"""Saved web pages of an office's site: the header block a saved page carries, and the words that cut a page
whose table was flattened into one long line back into lines.

A saved page starts with metadata lines (``标题: …``, ``发布时间: …``, ``栏目: …``) closed by a ``==== 正文 ====``
line; the title names the office and the year, the other fields are no text of the document.
"""

from __future__ import annotations

# A metadata line of the header block: ``label: value`` (the value may be empty).
META_LINE = (
    r"^\s*(标题|发布时间|发布日期|文号|索引号|发布机构|发文机关|来源|栏目|所属栏目|原文链接|本地目录|页面链接)"
    r"\s*[:：]\s*(.*)$"
)
TITLE_FIELD = "标题"  # the field whose value is the page's title (kept as the document's first line)
BODY_MARK = r"^\s*={3,}\s*正\s*文\s*={3,}\s*$"  # the line closing the header block
HEADER_MAX_LINES = 15  # a header block is at the top: its closing line within the first lines
