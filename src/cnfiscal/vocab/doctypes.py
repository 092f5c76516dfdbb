"""Title patterns deciding the document kind, checked in order (first match wins).

Patterns are ``regex`` sources matched against the document's text with whitespace removed.
"""

from __future__ import annotations

from cnfiscal.models import DocType

# (doc_type, pattern, where) — "head": the first HEAD_CHARS characters; "any": anywhere.
DOC_TYPE_PATTERNS: tuple[tuple[DocType, str, str], ...] = (
    (DocType.FINAL_ACCOUNT, r"决算", "head"),
    (DocType.SELF_EVAL_REPORT, r"绩效(?:运行)?(?:日常监控)?自评(?:情况)?报告|绩效自评(?:工作)?(?:情况)?报告", "head"),
    # a self-evaluation table's title before 部门预算: Sichuan's is 部门预算项目支出绩效自评表
    (DocType.DEPT_SELF_EVAL, r"部门(?:整体)?(?:支出)?绩效(?:目标|评价)?自评表", "head"),
    (DocType.PROJECT_SELF_EVAL, r"项目支出绩效(?:目标)?自评表", "head"),
    (DocType.BUDGET, r"预算(?:公开|编制说明|情况说明|报告|总表|支出表|表)|单位预算|部门预算", "head"),
)
HEAD_CHARS = 600
