"""The output contract: pydantic v2 records of ``SPEC.md``.

Field names listed in SPEC.md are fixed (add fields freely, never rename or drop them).
Money is exact: ``Decimal`` end to end; pydantic serialises ``Decimal`` as a string in JSON mode.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

BBox = tuple[float, float, float, float]


class Record(BaseModel):
    """Base for every record: strict field names, JSON-friendly."""

    model_config = ConfigDict(extra="forbid", ser_json_inf_nan="strings")


class DocType(StrEnum):
    DEPT_SELF_EVAL = "dept_self_eval"
    PROJECT_SELF_EVAL = "project_self_eval"
    SELF_EVAL_REPORT = "self_eval_report"
    FINAL_ACCOUNT = "final_account"
    BUDGET = "budget"
    UNKNOWN = "unknown"


class InputKind(StrEnum):
    PDF_TEXT = "pdf-text"
    PDF_SCANNED = "pdf-scanned"
    TEXT = "text"
    XLSX = "xlsx"
    XLS = "xls"
    DOCX = "docx"
    HTML = "html"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Status(StrEnum):
    OK = "ok"
    PARTIAL = "partial"
    FAILED = "failed"


MoneyUnit = Literal["元", "万元", "亿元"]


class Money(Record):
    """An amount as printed, with its exact value in 元 and where it was read."""

    yuan: Decimal
    raw: str
    unit: MoneyUnit
    page: int | None = None
    bbox: BBox | None = None
    confidence: float | None = None  # OCR confidence of the text it came from; None for text layers


MeasureKind = Literal["quantity", "percent", "money", "date", "qualitative"]
Operator = Literal["≥", "≤", "=", ">", "<"]


class Measure(Record):
    """An indicator target or actual: ``≧6户`` → op ≥, value 6, unit 户."""

    raw: str
    op: Operator | None = None
    value: Decimal | None = None
    unit: str | None = None
    kind: MeasureKind = "qualitative"


FundingCanonical = Literal["total", "basic", "project", "carryover", "fiscal", "superior", "own", "other"]


class FundingRow(Record):
    source: str  # label as printed
    canonical: FundingCanonical | None
    initial_budget: Money | None = None
    annual_budget: Money | None = None
    executed: Money | None = None
    weight: Decimal | None = None
    rate: Decimal | None = None  # fraction, "0.9878"
    rate_raw: str | None = None
    score: Decimal | None = None
    is_breakdown: bool = False  # a 其中： row (part of the row above, not a component of the total)
    page: int | None = None
    bbox: BBox | None = None
    line: int | None = None  # source line of a text input


class Goals(Record):
    expected: str | None = None
    actual: str | None = None


class Indicator(Record):
    level1: str | None = None
    level2: str | None = None
    level3: str | None = None
    target: Measure | None = None
    actual: Measure | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    reason: str | None = None
    is_subtotal: bool = False
    level1_weight: Decimal | None = None  # as printed in the first-level label, e.g. 产出指标（50分）
    score_coefficient: Decimal | None = None  # 得分系数 (a fraction: 100% → 1) where the form has that column
    page: int | None = None
    bbox: BBox | None = None
    confidence: float | None = None
    line: int | None = None  # source line of a text input (the line holding its 分值 / 得分)


class Total(Record):
    weight: Decimal | None = None
    score: Decimal | None = None
    page: int | None = None


Grade = Literal["优", "良", "中", "差"]


class Conclusion(Record):
    grade: Grade | None = None
    score_stated: Decimal | None = None
    text: str | None = None
    page: int | None = None


class Contact(Record):
    name: str | None = None
    phone: str | None = None


class SelfEval(Record):
    kind: Literal["dept", "project"]
    unit_name: str | None = None
    project_name: str | None = None
    department: str | None = None  # 主管部门及代码
    year: int | None = None
    fill_date: dt.date | None = None
    money_unit: MoneyUnit | None = None
    page_start: int | None = None
    page_end: int | None = None
    funding: list[FundingRow] = Field(default_factory=list)
    goals: Goals = Field(default_factory=Goals)
    indicators: list[Indicator] = Field(default_factory=list)
    total: Total = Field(default_factory=Total)
    conclusion: Conclusion = Field(default_factory=Conclusion)
    contact: Contact | None = None
    notes: list[str] = Field(default_factory=list)  # the 注 footnotes, as printed
    # weights printed in the headings of the form's parts: 预算执行情况(10分) → {"预算执行情况": 10}, 绩效指标(90分)
    part_weights: dict[str, Decimal] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)


TableRowLevel = Literal["类", "款", "项"]


class TableRow(Record):
    code: str | None = None
    name: str | None = None
    level: TableRowLevel | None = None
    values: dict[str, Money | None] = Field(default_factory=dict)
    side: Literal["收入", "支出"] | None = None  # for two-sided tables
    page: int | None = None
    bbox: BBox | None = None


class Table(Record):
    name: str
    code: str | None = None
    kind: str | None = None  # canonical kind id from the vocabulary
    unit: MoneyUnit | None = None
    unit_name: str | None = None  # 编制部门/单位
    year: int | None = None
    page_start: int | None = None
    page_end: int | None = None
    columns: list[str] = Field(default_factory=list)
    rows: list[TableRow] = Field(default_factory=list)
    empty: bool = False
    notes: list[str] = Field(default_factory=list)


ClaimKind = Literal["amount", "share", "change", "rate", "count", "none"]  # none: words saying an item is not there


class Claim(Record):
    text: str
    page: int | None = None
    kind: ClaimKind
    subject: str | None = None
    value: Decimal | None = None  # yuan for amounts; fraction for share/rate; signed for change
    unit: str | None = None  # as printed: 万元, 元, %, 个 …
    base: str | None = None  # what a share/change/rate is taken of (or the compared period)
    amount: Money | None = None
    bbox: BBox | None = None
    line: int | None = None  # source line number (text inputs)
    group: str | None = None  # claims stated together and checked together (a 资金使用 sentence, a list)
    role: str | None = None  # role inside its group: budget|executed|rate|whole|part|total|item|count|child
    value_raw: str | None = None  # the value as printed (``1565. 61``, ``两``): its precision, for tolerances


class MemberUnit(Record):
    """A unit a department's document lists as part of its budget (部门概况: 机构设置, 预算/决算单位构成)."""

    name: str  # as printed, without its list number, kind words or note
    own: bool = False  # the department's own unit (X本级, X（本部）, X委本部)
    kind: str | None = None  # 行政单位 / 事业单位 … where the line names it (下属事业单位X)
    note: str | None = None  # the 备注 or the words after the name (预算不单列，并入本级)
    separate: bool = True  # its budget is its own (False: 不单列预算, 并入本级/本部)
    page: int | None = None
    bbox: BBox | None = None
    raw: str = ""  # the printed line (or table row)


class UnitCount(Record):
    """A count of units the document states: ``下属5家预算单位`` (subordinate), ``共计1家`` (total),
    ``行政单位1家`` (kind 行政单位)."""

    kind: str  # "subordinate" | "total" | the unit kind as printed (行政单位, 参公单位, 事业单位)
    count: int
    raw: str
    page: int | None = None


class Finding(Record):
    finding_id: str | None = None  # ``identity(sha256)``, set by the pipeline once the document's hash is known
    rule: str
    severity: Severity
    message: str  # Chinese by default; rendered from ``message_key`` and ``message_params`` (vocab.messages)
    stated: str | None = None
    recomputed: str | None = None
    difference: str | None = None
    tolerance: str | None = None
    page: int | None = None
    bbox: BBox | None = None
    evidence: str | None = None
    where: str | None = None  # which part of the record: "self_evals[2].indicators[5]", "tables[公开01表]"
    message_key: str | None = None  # template key in vocab.messages (the rule id, or ``rule:variant``)
    message_params: dict[str, str] = Field(default_factory=dict)  # the figures as printed, with their units
    page_b: int | None = None  # the other figure of a comparison, where it is printed (a table on another page)
    bbox_b: BBox | None = None

    def identity(self, sha256: str) -> str:
        """A stable id of this finding in the document with content ``sha256``: the same content, rule and
        location (where, page, the values compared, the evidence) give the same id on every run, whatever
        the message's wording or language. 16 hex digits."""
        key = [sha256, self.rule, self.where, self.page, self.stated, self.recomputed, self.evidence]
        return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode()).hexdigest()[:16]


class Source(Record):
    path: str
    sha256: str
    pages: int | None = None
    input_kind: InputKind
    ocr: bool = False
    bytes: int | None = None
    encoding: str | None = None  # for text inputs


class ErrorItem(Record):
    """A problem that stopped a stage or a page, recorded rather than raised."""

    stage: str
    reason: str
    page: int | None = None
    error_type: str | None = None


class DocumentRecord(Record):
    schema_version: str = SCHEMA_VERSION
    doc_type: DocType = DocType.UNKNOWN
    unit_name: str | None = None
    year: int | None = None
    fill_date: dt.date | None = None
    source: Source
    status: Status = Status.OK
    self_evals: list[SelfEval] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    units: list[MemberUnit] = Field(default_factory=list)  # the units a department's document lists
    unit_counts: list[UnitCount] = Field(default_factory=list)  # the counts of units it states
    findings: list[Finding] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    errors: list[ErrorItem] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)
    versions: dict[str, str] = Field(default_factory=dict)


def json_schema() -> dict[str, object]:
    """JSON Schema of DocumentRecord (written to docs/schema.json by ``make schema``)."""
    return DocumentRecord.model_json_schema(mode="serialization")
