"""Synthetic 绩效自评表 with known contents: the ground truth of the generalisation tests.

``make_form(seed) -> Form`` draws one department (部门整体支出绩效自评表) or project (项目支出绩效自评表) form:
names from neutral word lists, year, fill date in one of the printed formats, money in 万元 or 元 (a
header unit or a 万元 suffix in each cell), a funding block whose total is the sum of its components, a
3-level indicator table whose scores follow the scoring rule of the form's own 注 (positive ≥: B/A ×
weight, capped; negative ≤: A/B × weight), optional subtotal rows and reasons, 总分, 自评结论, contact and
注. ``expected(form) -> SelfEval`` is the record a correct parser returns; it is built from the drawn data,
never from the parser. Rendering: ``selfeval_render`` (text-layer PDF and OCR-like text).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import regex

from cnfiscal.models import Conclusion, Contact, FundingRow, Goals, Indicator, Measure, Money, SelfEval, Total
from tests.synth import selfeval_words as W
from tests.synth.selfeval_measures import Drawn, draw_measure

CENT = Decimal("0.01")
FUNDING_WEIGHT = Decimal(10)


@dataclass
class Fund:
    label: str
    canonical: str
    is_breakdown: bool
    amounts: list[Decimal | None]  # initial, annual, executed — in the table's unit (万元 or 元)
    weight: Decimal | None = None
    rate_raw: str = "—"
    rate: Decimal | None = None
    score: Decimal | None = None


@dataclass
class Ind:
    level1: str
    level1_weight: Decimal | None
    level2_printed: str
    level2: str
    level3: str
    target: Drawn
    actual: Drawn
    weight: Decimal
    score: Decimal
    reason: str | None = None
    is_subtotal: bool = False


@dataclass
class Form:
    seed: int
    kind: str  # dept | project
    year: int
    unit_name: str
    project_name: str | None
    department: str | None
    fill_date: dt.date
    fill_date_raw: str
    money_unit: str  # 万元 | 元
    suffix: bool  # amounts printed with a 万元 suffix in each cell
    funding: list[Fund]
    goals: tuple[str, str]
    indicators: list[Ind]
    total_weight: Decimal
    total_score: Decimal
    grade: str
    conclusion_style: str  # cell | sentence | sections
    conclusion_lines: list[str]
    score_quoted: Decimal | None
    contact: tuple[str, str] | None
    notes: list[str] = field(default_factory=list)
    title: str = ""
    spaced: bool = False  # tab-text rendering prints funding amounts OCR-spaced: ``608369. 99``

    def amount_text(self, value: Decimal | None) -> str:
        if value is None:
            return "—"
        text = _plain(value)
        return f"{text}万元" if self.suffix else text


def ocr_spaced(text: str) -> str:
    """A bare amount as OCR prints it with a space after the decimal point: ``608369. 99``."""
    return regex.sub(r"^(\d+)\.(\d+)$", r"\1. \2", text)


def make_form(seed: int) -> Form:
    rng = random.Random(seed)
    kind = rng.choice(("dept", "project"))
    year = rng.randint(2019, 2025)
    unit = _unit_name(rng)
    money_unit = "万元" if kind == "dept" or rng.random() < 0.3 else "元"
    funding = _funding(rng, kind, money_unit)
    funding_score = funding[0].score or Decimal(0)
    level1_weights = rng.choice(((50, 30, 10), (40, 30, 20), (50, 25, 15)))
    indicators = _indicators(rng, level1_weights, money_unit)
    suffix = money_unit == "万元" and rng.random() < 0.4
    if kind == "dept" and money_unit == "万元" and not suffix and rng.random() < 0.5:
        indicators = with_subtotals(rng, indicators)
    total_score = funding_score + sum((i.score for i in indicators if not i.is_subtotal), Decimal(0))
    total_weight = FUNDING_WEIGHT + sum(Decimal(w) for w in level1_weights)
    grade = "优" if total_score >= 90 else "良" if total_score >= 80 else "中" if total_score >= 60 else "差"
    style = rng.choice(("cell", "sentence", "sections"))
    quoted = total_score if style != "cell" else None
    fill, fill_raw = _fill_date(rng, year)
    return Form(
        seed=seed,
        kind=kind,
        year=year,
        unit_name=unit,
        project_name=_project_name(rng) if kind == "project" else None,
        department=_unit_name(rng) if kind == "project" else None,
        fill_date=fill,
        fill_date_raw=fill_raw,
        money_unit=money_unit,
        suffix=suffix,
        funding=funding,
        goals=(rng.choice(W.GOAL_EXPECTED), rng.choice(W.GOAL_ACTUAL)),
        indicators=indicators,
        total_weight=total_weight,
        total_score=total_score,
        grade=grade,
        conclusion_style=style,
        conclusion_lines=_conclusion(rng, style, grade, quoted),
        score_quoted=quoted,
        contact=_contact(rng) if kind == "dept" or rng.random() < 0.5 else None,
        notes=list(W.NOTES) if rng.random() < 0.7 else [],
        spaced=rng.random() < 0.3,
        title=("部门整体支出绩效目标自评表" if kind == "dept" else "项目支出绩效自评表"),
    )


def _unit_name(rng: random.Random) -> str:
    place = rng.choice(W.PLACE_FIRST) + rng.choice(W.PLACE_SECOND) + rng.choice(W.PLACE_KIND)
    return place + rng.choice(W.TOPICS) + rng.choice(W.ORGANS)


def _project_name(rng: random.Random) -> str:
    return "".join(rng.choice(words) for words in W.PROJECT_WORDS)


def _contact(rng: random.Random) -> tuple[str, str]:
    name = rng.choice(W.PEOPLE_FAMILY) + "".join(rng.choice(W.PEOPLE_GIVEN) for _ in range(rng.randint(1, 2)))
    phone = rng.choice(("1", "0")) + "".join(str(rng.randint(0, 9)) for _ in range(10))
    return name, phone


def _fill_date(rng: random.Random, year: int) -> tuple[dt.date, str]:
    d = dt.date(year + 1, rng.randint(1, 8), rng.randint(1, 28))
    fmt = rng.choice(
        (
            f"{d.year}.{d.month}.{d.day}",
            f"{d.year}/{d.month:02d}/{d.day:02d}",
            f"{d.year}年{d.month}月{d.day}日",
            f"{d.year}-{d.month:02d}-{d.day:02d}",
            f"{d.year}.{d.month}. {d.day}",
        )
    )
    return d, fmt


def _money(rng: random.Random, unit: str, low: int, high: int) -> Decimal:
    if unit == "万元":
        return Decimal(rng.randint(low * 100, high * 100)) / 100
    return Decimal(rng.randint(low, high) * rng.choice((1, 10, 100))) * 10


def _funding(rng: random.Random, kind: str, unit: str) -> list[Fund]:
    """A total row and its components (each column sums), plus breakdown rows for project forms."""
    low, high = (20, 900) if unit == "万元" else (20000, 900000)
    if kind == "dept":
        names = [("基本支出", "basic"), ("项目支出", "project")]
        if rng.random() < 0.5:
            names.append(("上年项目结转资金", "carryover"))
    else:
        names = [("财政拨款", "fiscal")]
    parts: list[Fund] = []
    for label, canonical in names:
        annual = _money(rng, unit, low, high)
        initial = annual if rng.random() < 0.6 else _money(rng, unit, low, high)
        executed = min(annual, (annual * Decimal(rng.randint(60, 100)) / 100).quantize(CENT))
        parts.append(Fund(label, canonical, False, [initial, annual, executed]))
    totals = [sum((p.amounts[k] or Decimal(0) for p in parts), Decimal(0)) for k in range(3)]
    total = Fund("年度资金总额", "total", False, totals, weight=FUNDING_WEIGHT)
    rate = (totals[2] / totals[1] * 100).quantize(CENT, ROUND_HALF_UP)
    total.rate_raw = f"{_plain(rate)}%"
    total.rate = rate / 100
    total.score = min(FUNDING_WEIGHT, (total.rate * FUNDING_WEIGHT).quantize(CENT, ROUND_HALF_UP))
    rows = [total, *parts]
    if kind == "project":
        fiscal = parts[0]
        rows.append(Fund("其中：上级补助", "superior", True, [None, None, None]))
        rows.append(Fund("本级安排", "own", False, list(fiscal.amounts)))
        rows.append(Fund("其他资金", "other", False, [None, None, None]))
    elif rng.random() < 0.5:
        rows.append(Fund("其他资金", "other", False, [None, None, None]))
    return rows


def _split(rng: random.Random, total: int, n: int) -> list[int]:
    """``n`` positive integer weights summing to ``total``."""
    cuts = sorted(rng.sample(range(1, total), n - 1)) if n > 1 else []
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _indicators(rng: random.Random, level1_weights: tuple[int, ...], money_unit: str) -> list[Ind]:
    out: list[Ind] = []
    for level1, block_weight in zip(W.LEVEL1, level1_weights, strict=True):
        printed_weight = Decimal(block_weight) if rng.random() < 0.9 else None
        groups = _pick_level2(rng, level1)
        n_rows = [rng.randint(1, min(3, len(W.LEVEL3[canonical][0]))) for _, canonical in groups]
        weights = _split(rng, block_weight, sum(n_rows))
        for (printed, canonical), n in zip(groups, n_rows, strict=True):
            stems = rng.sample(W.LEVEL3[canonical][0], n)
            rows = []
            for stem in stems:
                w = Decimal(weights.pop(0))
                kind = rng.choice(W.LEVEL3[canonical][1])
                target, actual, score = draw_measure(rng, kind, w, money_unit)
                reason = rng.choice(W.REASONS) if score < w else None
                rows.append(Ind(level1, printed_weight, printed, canonical, stem, target, actual, w, score, reason))
            out.extend(rows)
    return out


def with_subtotals(rng: random.Random, inds: list[Ind]) -> list[Ind]:
    """Replace the 成本指标 rows of the 产出 block by 基本支出小计 / 项目支出小计 rows, each followed by its
    items (target: the amount in the table's unit, bare; actual: the execution rate); the subtotal's weight
    and score are the sums of its items'. The block's weight is unchanged."""
    cost = [i for i in inds if i.level2 == "成本指标"]
    if not cost:
        return inds
    weight = sum((i.weight for i in cost), Decimal(0))
    first = cost[0]
    halves = [(weight / 2).quantize(Decimal("0.1")), weight - (weight / 2).quantize(Decimal("0.1"))]
    new: list[Ind] = []
    for name, half in zip(("基本支出小计", "项目支出小计"), halves, strict=True):
        items = []
        for k, share in enumerate((half / 2, half - half / 2)):
            amount = Decimal(rng.randint(1000, 60000)) / 100
            pct = Decimal(rng.choice((100, 100, 100, 98, 91, 104)))
            score = share if pct >= 100 else (share * pct / 100).quantize(CENT, ROUND_HALF_UP)
            label = f"{k + 1}.{rng.choice(('人员类', '运转类', '特定目标类'))}项目支出"
            items.append(_cost_row(first, label, amount, pct, share, score))
        total_amount = sum((i.target.measure.value or Decimal(0) for i in items), Decimal(0)) / 10000
        pct_sub = Decimal(100)
        sub = _cost_row(first, name, total_amount, pct_sub, half, sum((i.score for i in items), Decimal(0)))
        sub.is_subtotal = True
        new += [sub, *items]
    at = inds.index(first)
    return inds[:at] + new + [i for i in inds[at:] if i.level2 != "成本指标"]


def _cost_row(like: Ind, label: str, amount: Decimal, pct: Decimal, weight: Decimal, score: Decimal) -> Ind:
    raw = _plain(amount)
    target = Drawn(raw, Measure(raw=raw, value=amount * 10000, unit="元", kind="money"))
    actual = Drawn(f"{_plain(pct)}%", Measure(raw=f"{_plain(pct)}%", value=pct / 100, unit="%", kind="percent"))
    reason = "严格控制成本支出" if score < weight else None
    return Ind(
        like.level1, like.level1_weight, like.level2_printed, like.level2, label, target, actual, weight, score, reason
    )


def _pick_level2(rng: random.Random, level1: str) -> list[tuple[str, str]]:
    seen: dict[str, tuple[str, str]] = {}
    options = list(W.LEVEL2[level1])
    rng.shuffle(options)
    for printed, canonical in options[: rng.randint(1, 3)]:
        seen.setdefault(canonical, (printed, canonical))
    order = [c for _, c in W.LEVEL2[level1]]
    return sorted(seen.values(), key=lambda pc: order.index(pc[1]))


def _conclusion(rng: random.Random, style: str, grade: str, quoted: Decimal | None) -> list[str]:
    if style == "cell":
        return [grade]
    sentence = f"该项目自评得{_plain(quoted or Decimal(0))}分，自评等级为“{grade}”。"
    if style == "sentence":
        return [sentence]
    return [
        "一、绩效自评结论",
        sentence,
        "二、存在的问题",
        rng.choice(W.PROBLEMS),
        "三、下一步工作计划",
        rng.choice(W.PLANS),
    ]


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def money_of(form: Form, value: Decimal | None, page: int | None, spaced: bool) -> Money | None:
    if value is None:
        return None
    yuan = value * 10000 if form.money_unit == "万元" else value
    raw = ocr_spaced(form.amount_text(value)) if spaced else form.amount_text(value)
    return Money(yuan=yuan, raw=raw, unit=form.money_unit, page=page)


def expected(form: Form, pages: dict[str, int] | None = None, spaced: bool = False) -> SelfEval:
    """The record a correct parser returns for ``form`` (``pages``: where each part was drawn; ``spaced``:
    the rendering printed the funding amounts OCR-spaced, see ``ocr_spaced``)."""
    pages = pages or {}
    page = pages.get("funding", 1)
    funding = [
        FundingRow(
            source=f.label.replace("：", ":"),
            canonical=f.canonical,  # type: ignore[arg-type]
            initial_budget=money_of(form, f.amounts[0], page, spaced),
            annual_budget=money_of(form, f.amounts[1], page, spaced),
            executed=money_of(form, f.amounts[2], page, spaced),
            weight=f.weight,
            rate=f.rate,
            rate_raw=f.rate_raw,
            score=f.score,
            is_breakdown=f.is_breakdown,
            page=page,
        )
        for f in form.funding
    ]
    indicators = [
        Indicator(
            level1=i.level1,
            level2=i.level2,
            level3=i.level3,
            target=i.target.measure,
            actual=i.actual.measure,
            weight=i.weight,
            score=i.score,
            reason=i.reason,
            is_subtotal=i.is_subtotal,
            level1_weight=i.level1_weight,
            page=pages.get(f"ind{k}", 1),
        )
        for k, i in enumerate(form.indicators)
    ]
    last = pages.get("last", 1)
    return SelfEval(
        kind=form.kind,  # type: ignore[arg-type]
        unit_name=form.unit_name,
        project_name=form.project_name,
        department=form.department,
        year=form.year,
        fill_date=form.fill_date,
        money_unit=form.money_unit,  # type: ignore[arg-type]
        page_start=1,
        page_end=last,
        funding=funding,
        goals=Goals(expected=form.goals[0], actual=form.goals[1]),
        indicators=indicators,
        total=Total(weight=form.total_weight, score=form.total_score, page=pages.get("total", 1)),
        conclusion=Conclusion(
            grade=form.grade,  # type: ignore[arg-type]
            score_stated=form.score_quoted,
            text="\n".join(form.conclusion_lines),
            page=pages.get("conclusion", 1),
        ),
        contact=Contact(name=form.contact[0], phone=form.contact[1]) if form.contact else None,
        notes=list(form.notes),
    )
