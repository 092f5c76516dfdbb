"""Hand-built DocumentRecords for the report tests.

The values were read by hand from the bundled samples (page, bbox from PyMuPDF's words of the PDF):

- ``samples/pdf/self_eval_seed000_dept_2021.pdf`` page 1: 年度资金总额 1268万元 / 2226.98万元 / 2199.98万元, 分值 10,
  执行率 98.78% (bbox 463.1,133.4,484.7,139.7), 得分 9.88; 基本支出 — / 577.4万元 / 577.4万元; 项目支出 1268万元 /
  1268万元 / 1241万元; 上年项目结转资金 — / 381.58万元 / 381.58万元. 2199.98 / 2226.98 = 0.98788 → 98.79%: the
  printed 98.78% is truncated (an info finding). Page 2: 满意度指标（15分） (bbox 102.1,567.0,128.0,573.3) where
  the form's note says 服务对象满意度10分 (a warning); 总分 100 / 100.
- ``samples/text/seed004_dept_self_eval_qiannan_govservice_2023.txt``: 年度资金总额 752.03 / 752.03 / 592.18, 分值 10,
  执行率 79%, 得分 7.9; 基本支出 377.57 / 377.57 / 399.98 (executed above budget: a warning); 项目支出 374.46 /
  374.46 / 192.2; 总分 100 / 96.4; 自评结论 优.

The findings are written here for the report to show; they are not claims about what the validator finds.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from cnfiscal.models import (
    Conclusion,
    DocType,
    DocumentRecord,
    ErrorItem,
    Finding,
    FundingRow,
    Indicator,
    InputKind,
    Measure,
    Money,
    SelfEval,
    Severity,
    Source,
    Status,
    Total,
)

ROOT = Path(__file__).resolve().parents[2]
SEED000_PDF = str(ROOT / "samples/pdf/self_eval_seed000_dept_2021.pdf")
SEED004_TXT = str(ROOT / "samples/text/seed004_dept_self_eval_qiannan_govservice_2023.txt")
SHA_SEED000 = "a0" * 32
SHA_SEED004 = "b4" * 32
SHA_FAILED = "ff" * 32
OFFICE_000 = "黔南布依族苗族自治州大数据发展管理局"
OFFICE_004 = "黔南州人民政府政务服务中心"


def wan(raw: str, yuan: str, page: int = 1) -> Money:
    return Money(yuan=D(yuan), raw=raw, unit="万元", page=page)


def seed000() -> DocumentRecord:
    funding = [
        FundingRow(
            source="年度资金总额：",
            canonical="total",
            initial_budget=wan("1268万元", "12680000"),
            annual_budget=wan("2226.98万元", "22269800"),
            executed=wan("2199.98万元", "21999800"),
            weight=D("10"),
            rate=D("0.9878"),
            rate_raw="98.78%",
            score=D("9.88"),
            page=1,
            bbox=(99.8, 133.3, 510.7, 139.7),
        ),
        FundingRow(
            source="基本支出",
            canonical="basic",
            annual_budget=wan("577.4万元", "5774000"),
            executed=wan("577.4万元", "5774000"),
            page=1,
        ),
        FundingRow(
            source="项目支出",
            canonical="project",
            initial_budget=wan("1268万元", "12680000"),
            annual_budget=wan("1268万元", "12680000"),
            executed=wan("1241万元", "12410000"),
            page=1,
        ),
        FundingRow(
            source="上年项目结转资金",
            canonical="carryover",
            annual_budget=wan("381.58万元", "3815800"),
            executed=wan("381.58万元", "3815800"),
            page=1,
        ),
    ]
    indicators = [
        Indicator(
            level1="产出指标",
            level2="数量指标",
            level3="新增平台经济企业",
            target=Measure(raw="≧6户", op="≥", value=D("6"), unit="户", kind="quantity"),
            actual=Measure(raw="28户", value=D("28"), unit="户", kind="quantity"),
            weight=D("2"),
            score=D("2"),
            page=1,
            bbox=(173.1, 300.7, 475.7, 307.1),
        ),
        Indicator(
            level1="满意度指标",
            level2="服务对象满意度",
            level3="平台经济客户使用满意度",
            target=Measure(raw="≧95%", op="≥", value=D("0.95"), kind="percent"),
            actual=Measure(raw="100%", value=D("1"), kind="percent"),
            weight=D("5"),
            score=D("5"),
            level1_weight=D("15"),
            page=2,
        ),
    ]
    findings = [
        Finding(
            rule="funding.rate",
            severity=Severity.INFO,
            message="执行率 98.78% is 2199.98 / 2226.98 = 98.79% truncated, not rounded",
            stated="0.9878",
            recomputed="0.98788",
            difference="-0.00008",
            tolerance="0.0001",
            page=1,
            bbox=(463.1, 133.4, 484.7, 139.7),
            evidence="98.78%",
            where="self_evals[0].funding[0]",
        ),
        Finding(
            rule="selfeval.level1_weight",
            severity=Severity.WARNING,
            message="满意度指标 carries 15 points; the form's note sets 服务对象满意度 at 10",
            stated="15",
            recomputed="10",
            difference="5",
            page=2,
            bbox=(102.1, 567.0, 128.0, 573.3),
            evidence="（15分）",
            where="self_evals[0].indicators[1]",
        ),
    ]
    se = SelfEval(
        kind="dept",
        unit_name=OFFICE_000,
        year=2021,
        money_unit="万元",
        page_start=1,
        page_end=2,
        funding=funding,
        indicators=indicators,
        total=Total(weight=D("100"), score=D("100"), page=2),
    )
    return DocumentRecord(
        doc_type=DocType.DEPT_SELF_EVAL,
        unit_name=OFFICE_000,
        year=2021,
        source=Source(path=SEED000_PDF, sha256=SHA_SEED000, pages=2, input_kind=InputKind.PDF_TEXT),
        self_evals=[se],
        findings=findings,
    )


def seed004() -> DocumentRecord:
    def m(raw: str, yuan: str) -> Money:
        return Money(yuan=D(yuan), raw=raw, unit="万元", page=1)

    funding = [
        FundingRow(
            source="年度资金总额：",
            canonical="total",
            initial_budget=m("752.03", "7520300"),
            annual_budget=m("752.03", "7520300"),
            executed=m("592.18", "5921800"),
            weight=D("10"),
            rate=D("0.79"),
            rate_raw="79%",
            score=D("7.9"),
            page=1,
        ),
        FundingRow(
            source="基本支出",
            canonical="basic",
            initial_budget=m("377.57", "3775700"),
            annual_budget=m("377.57", "3775700"),
            executed=m("399.98", "3999800"),
            page=1,
        ),
        FundingRow(
            source="项目支出",
            canonical="project",
            initial_budget=m("374.46", "3744600"),
            annual_budget=m("374.46", "3744600"),
            executed=m("192.2", "1922000"),
            page=1,
        ),
    ]
    findings = [
        Finding(
            rule="funding.executed_over_budget",
            severity=Severity.WARNING,
            message="基本支出 executed 399.98 exceeds its full-year budget 377.57 (万元)",
            stated="3999800",
            recomputed="3775700",
            difference="224100",
            page=1,
            where="self_evals[0].funding[1]",
        ),
    ]
    se = SelfEval(
        kind="dept",
        unit_name=OFFICE_004,
        year=2023,
        money_unit="万元",
        page_start=1,
        funding=funding,
        total=Total(weight=D("100"), score=D("96.4")),
        conclusion=Conclusion(grade="优"),
    )
    return DocumentRecord(
        doc_type=DocType.DEPT_SELF_EVAL,
        unit_name=OFFICE_004,
        year=2023,
        source=Source(path=SEED004_TXT, sha256=SHA_SEED004, pages=1, input_kind=InputKind.TEXT),
        self_evals=[se],
        findings=findings,
    )


def failed() -> DocumentRecord:
    return DocumentRecord(
        status=Status.FAILED,
        source=Source(path="inbox/locked.pdf", sha256=SHA_FAILED, input_kind=InputKind.PDF_TEXT),
        errors=[ErrorItem(stage="input", reason="the PDF needs a password", error_type="EncryptedPDFError")],
    )


def corpus() -> list[DocumentRecord]:
    return [seed000(), seed004(), failed()]
