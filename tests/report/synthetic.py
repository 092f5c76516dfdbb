"""A synthetic corpus for the report at scale: N DocumentRecords built directly (no pipeline run), written to a
DuckDB file with the corpus writer, some findings reviewed. Used by the filter test (small N) and by the
``report_1000`` bench (N = 1000).

Every document: an office out of ``offices`` (Chinese names), a year 2021–2024, a kind, one self-evaluation with a
total funding row (so the charts have data), and 4–12 findings of several rules and severities whose messages come
from the real templates.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal as D
from pathlib import Path

from cnfiscal.corpus.reviews import Decision, record_decision
from cnfiscal.corpus.rows import record_to_rows
from cnfiscal.corpus.store import connect, write_document
from cnfiscal.models import (
    DocType,
    DocumentRecord,
    Finding,
    FundingRow,
    InputKind,
    Money,
    SelfEval,
    Severity,
    Source,
    Total,
)
from cnfiscal.vocab.messages import msg

PLACES = ("黔南州", "贵阳市", "遵义市", "六盘水市", "安顺市", "毕节市", "铜仁市", "黔东南州", "黔西南州", "普陀区")
BUREAUS = ("财政局", "大数据发展管理局", "教育局", "卫生健康局", "民政局", "交通运输局", "司法局", "商务局")
KINDS = (DocType.DEPT_SELF_EVAL, DocType.PROJECT_SELF_EVAL, DocType.FINAL_ACCOUNT, DocType.BUDGET)
RULES = (
    ("selfeval.funding.rate", Severity.INFO),
    ("selfeval.funding.sum", Severity.ERROR),
    ("selfeval.indicator.reason_missing", Severity.WARNING),
    ("table.rows_sum", Severity.INFO),
    ("claim.share", Severity.ERROR),
    ("doc.blank_page", Severity.INFO),
)


def offices(n: int) -> list[str]:
    return [f"{PLACES[i % len(PLACES)]}{BUREAUS[(i // len(PLACES)) % len(BUREAUS)]}" for i in range(n)]


def _wan(value: D) -> Money:
    return Money(yuan=value * 10000, raw=f"{value:.2f}", unit="万元", page=1)


def _finding(i: int, j: int) -> Finding:
    rule, severity = RULES[(i + j) % len(RULES)]
    budget, executed = D(1000 + i), D(900 + i + j)
    message = {
        "selfeval.funding.rate": msg(
            rule,
            row="年度资金总额",
            executed=f"{executed}万元",
            budget=f"{budget}万元",
            recomputed="90.10%",
            stated="90.00%",
        ),
        "selfeval.funding.sum": msg(
            rule,
            row="年度资金总额",
            column="全年预算数",
            stated=f"{budget}万元",
            parts=f"基本支出{budget - 1}万元",
            sum=f"{budget - 1}万元",
        ),
        "selfeval.indicator.reason_missing": msg(rule, label=f"指标{j}", score="8", weight="10"),
        "table.rows_sum": msg(
            rule, table="支出决算表", column="合计", stated=f"{budget}万元", n=4, sum=f"{budget}万元"
        ),
        "claim.share": msg(
            rule,
            subject="基本支出",
            part=f"{executed}万元",
            whole_subject="本年支出合计",
            whole=f"{budget}万元",
            recomputed="90.10%",
            stated="91.00%",
        ),
        "doc.blank_page": msg(rule, page=j + 1),
    }[rule]
    return Finding(
        rule=rule,
        severity=severity,
        message=message.render(within=severity is Severity.INFO),
        message_key=message.key,
        message_params=dict(message.params),
        stated=str(budget * 10000),
        recomputed=str(executed * 10000),
        page=j + 1,
        where=f"self_evals[0].funding[{j}]",
    )


def record(i: int, names: list[str]) -> DocumentRecord:
    office, year, kind = names[i % len(names)], 2021 + i % 4, KINDS[i % len(KINDS)]
    sha = hashlib.sha256(f"synthetic-{i}".encode()).hexdigest()
    budget, executed = D(1000 + i), D(900 + i % 150)
    total = FundingRow(
        source="年度资金总额",
        canonical="total",
        annual_budget=_wan(budget),
        executed=_wan(executed),
        weight=D(10),
        rate=(executed / budget).quantize(D("0.0001")),
        score=D(9),
        page=1,
    )
    se = SelfEval(kind="dept", unit_name=office, year=year, funding=[total], total=Total(weight=D(100), score=D(90)))
    return DocumentRecord(
        doc_type=kind,
        unit_name=office,
        year=year,
        source=Source(path=f"synthetic/{office}/{year}/{i:04d}.txt", sha256=sha, pages=3, input_kind=InputKind.TEXT),
        self_evals=[se],
        findings=[_finding(i, j) for j in range(4 + i % 9)],
    )


def write_corpus(db: Path, n: int, n_offices: int = 80, reviewed_every: int = 7) -> list[DocumentRecord]:
    """Write ``n`` synthetic documents to ``db``; every ``reviewed_every``-th document's first finding is dismissed."""
    names = offices(n_offices)
    records = [record(i, names) for i in range(n)]
    con = connect(db)
    try:
        for r in records:
            write_document(con, record_to_rows(r))
        for r in records[::reviewed_every]:
            fid = r.findings[0].identity(r.source.sha256)
            record_decision(con, fid, Decision.DISMISSED, "合成数据 synthetic", who="bench")
    finally:
        con.close()
    return records
