"""The raw (as printed) parts of one 绩效自评表, handed from the section finder to the normalizer.

Strings are kept exactly as printed (after joining cells and wrapped lines); ``normalize.selfeval``
turns them into typed values. ``line`` is the first source line of a text input; ``page`` the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cnfiscal.models import BBox


@dataclass(slots=True)
class RawFunding:
    label: str  # as printed (spaces removed)
    canonical: str | None
    is_breakdown: bool
    values: list[str | None]  # initial_budget, annual_budget, executed, weight, rate, score
    page: int | None = None
    line: int | None = None
    bbox: BBox | None = None
    boxes: list[BBox | None] = field(default_factory=list)  # one per value, where the cell had one
    confidences: list[float | None] = field(default_factory=list)  # OCR confidence per value (None: text layer)


@dataclass(slots=True)
class RawIndicator:
    level1: str | None = None
    level1_weight: str | None = None
    level2: str | None = None
    level3: str | None = None
    target: str | None = None
    actual: str | None = None
    weight: str | None = None
    score: str | None = None
    reason: str | None = None
    coefficient: str | None = None  # 得分系数, as printed
    is_subtotal: bool = False
    page: int | None = None
    line: int | None = None
    bbox: BBox | None = None
    confidence: float | None = None  # lowest OCR confidence of the row's cells (None: text layer)


@dataclass(slots=True)
class RawSelfEval:
    kind: str  # "dept" | "project"
    title: str
    page_start: int | None = None
    page_end: int | None = None
    line_start: int | None = None
    line_end: int | None = None
    year: str | None = None
    unit_name: str | None = None
    project_name: str | None = None
    department: str | None = None
    fill_date: str | None = None
    money_unit: str | None = None
    funding_columns: tuple[str, ...] | None = None  # the funding header's slots in printed order (``columns``)
    funding: list[RawFunding] = field(default_factory=list)
    goals_expected: str | None = None
    goals_actual: str | None = None
    indicators: list[RawIndicator] = field(default_factory=list)
    total_weight: str | None = None
    total_score: str | None = None
    total_page: int | None = None
    conclusion: list[str] = field(default_factory=list)  # text lines of the conclusion, in order
    conclusion_page: int | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    notes: list[str] = field(default_factory=list)
    part_weights: dict[str, str] = field(default_factory=dict)  # 预算执行情况(10分), 绩效指标(90分) → label: weight
    warnings: list[str] = field(default_factory=list)
