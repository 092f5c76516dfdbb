"""Synthetic 部门决算 / 部门预算 reports with known contents, for the generalisation tests of the table parser.

``make_report(seed, kind)`` draws a department's expenditure by function subject (类/款/项, each 项 split in
基本支出/项目支出), its basic expenditure by economic subject (人员经费/公用经费) and its 三公 figures, all
consistent (every total is the sum of its parts), then lays out the standard tables of the kind's set (two
of them empty, with a 本表为空表 note) and a 情况说明 whose claims (amount, share 占X%, change
增加/减少 Y万元 增长/下降 Z%, 完成年初预算的R%) are computed from the same figures. ``write_pdf`` renders it
(``final_render``) and fills in the page range of every expected ``Table``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from cnfiscal.models import Table
from cnfiscal.vocab.tables import TableKind
from tests.synth.final_render import HCell
from tests.synth.final_tables import (
    ZERO,
    Printer,
    classes,
    coded_body,
    coded_header,
    expected_table,
    header_two_sided,
    row,
    two_sided,
)

CENT = Decimal("0.01")
FUNCTIONS = {  # 类 → (name, {款: (name, {项: name})})
    "201": (
        "一般公共服务支出",
        {
            "20103": (
                "政府办公厅（室）及相关机构事务",
                {"2010301": "行政运行", "2010302": "一般行政管理事务", "2010350": "事业运行"},
            ),
            "20106": ("财政事务", {"2010601": "行政运行", "2010602": "一般行政管理事务"}),
        },
    ),
    "205": ("教育支出", {"20508": ("进修及培训", {"2050803": "培训支出"})}),
    "208": (
        "社会保障和就业支出",
        {
            "20805": (
                "行政事业单位养老支出",
                {
                    "2080501": "行政单位离退休",
                    "2080505": "机关事业单位基本养老保险缴费支出",
                    "2080506": "机关事业单位职业年金缴费支出",
                },
            )
        },
    ),
    "210": ("卫生健康支出", {"21011": ("行政事业单位医疗", {"2101101": "行政单位医疗", "2101103": "公务员医疗补助"})}),
    "213": ("农林水支出", {"21301": ("农业农村", {"2130101": "行政运行", "2130104": "事业运行"})}),
    "221": ("住房保障支出", {"22102": ("住房改革支出", {"2210201": "住房公积金", "2210203": "购房补贴"})}),
}
ECONOMIC = {  # 类 → (name, block, {款: name})
    "301": (
        "工资福利支出",
        "人员经费",
        {"30101": "基本工资", "30102": "津贴补贴", "30103": "奖金", "30108": "机关事业单位基本养老保险缴费"},
    ),
    "303": ("对个人和家庭的补助", "人员经费", {"30302": "退休费", "30309": "奖励金"}),
    "302": (
        "商品和服务支出",
        "公用经费",
        {"30201": "办公费", "30205": "水费", "30211": "差旅费", "30217": "公务接待费", "30228": "工会经费"},
    ),
    "310": ("资本性支出", "公用经费", {"31002": "办公设备购置"}),
}
UNITS = ("区融媒体中心", "县档案馆", "市生态环境保护综合行政执法支队", "区机关事务管理局", "县水务局", "市委党校")


@dataclass
class SynTable:
    kind: TableKind
    header: list[HCell]
    widths: list[float]
    body: list[list[str]]
    numeric: list[bool]
    expected: Table
    note: str | None = None
    landscape: bool = False


@dataclass
class Report:
    seed: int
    kind: str  # final | budget
    unit_name: str
    year: int
    unit: str  # 元 | 万元
    comma: bool
    tables: list[SynTable] = field(default_factory=list)
    narrative: list[str] = field(default_factory=list)
    claims: list[tuple[str, Decimal]] = field(default_factory=list)  # (kind, value) as Claim.value
    verticals: bool = True  # False: the tables are ruled with horizontal lines only
    rows_ruled: bool = True  # False (with verticals False): 三线表 — header rules, body rows unruled, a closing rule


STEP = {"元": CENT, "万元": Decimal(100)}  # a figure printed in 万元 with 2 decimals is a multiple of 100 元


def _cents(rng: random.Random, lo: int, hi: int, step: Decimal = CENT) -> Decimal:
    return (Decimal(rng.randint(lo, hi)) / 100 / step).to_integral_value() * step


class Figures:
    """The department's consistent figures, in 元 (2 decimals)."""

    def __init__(self, rng: random.Random, step: Decimal) -> None:
        self.step = step
        self.items: dict[str, tuple[Decimal, Decimal]] = {}  # 项 code → (基本, 项目)
        for cls in rng.sample(sorted(FUNCTIONS), rng.randint(3, 5)):
            for _kuan, (_, items) in FUNCTIONS[cls][1].items():
                for code in rng.sample(sorted(items), rng.randint(1, len(items))):
                    basic = _cents(rng, 1_000_000, 900_000_000, step) if rng.random() < 0.8 else Decimal(0)
                    project = _cents(rng, 100_000, 300_000_000, step) if rng.random() < 0.6 or not basic else Decimal(0)
                    self.items[code] = (basic, project)
        self.basic = sum((b for b, _ in self.items.values()), Decimal(0))
        self.project = sum((p for _, p in self.items.values()), Decimal(0))
        self.total = self.basic + self.project
        self.economic = self._split(rng, self.basic, step)
        self.carry = _cents(rng, 0, 50_000_000, step) if rng.random() < 0.5 else Decimal(0)
        self.last_year = (self.total * Decimal(rng.uniform(0.7, 1.3))).quantize(Decimal(10000))
        self.budget = (self.total * Decimal(rng.uniform(1.0, 1.2))).quantize(Decimal(100))
        trips = [_cents(rng, 0, 3_000_000, step) if rng.random() < 0.5 else Decimal(0) for _ in range(4)]
        self.sangong = trips  # 因公出国, 购置, 运行, 接待

    @staticmethod
    def _split(rng: random.Random, basic: Decimal, step: Decimal) -> dict[str, Decimal]:
        codes = [k for cls in ECONOMIC.values() for k in rng.sample(sorted(cls[2]), rng.randint(1, len(cls[2])))]
        weights = [rng.random() + 0.1 for _ in codes]
        parts = [(basic * Decimal(w / sum(weights)) / step).to_integral_value() * step for w in weights]
        parts[0] += basic - sum(parts)
        return dict(zip(codes, parts, strict=True))

    def function_rows(self) -> list[tuple[str, str, Decimal, Decimal]]:
        """(code, name, 基本, 项目) for every 类, 款 and 项 with a figure, in code order."""
        rows = []
        for cls, (cname, kuans) in sorted(FUNCTIONS.items()):
            mine = [c for c in self.items if c.startswith(cls)]
            if not mine:
                continue
            rows.append((cls, cname, *self._sum(cls)))
            for kuan, (kname, items) in sorted(kuans.items()):
                if any(c.startswith(kuan) for c in mine):
                    rows.append((kuan, kname, *self._sum(kuan)))
                    rows.extend((c, items[c], *self.items[c]) for c in sorted(mine) if c.startswith(kuan))
        return rows

    def _sum(self, prefix: str) -> tuple[Decimal, Decimal]:
        pairs = [v for c, v in self.items.items() if c.startswith(prefix)]
        return sum((b for b, _ in pairs), Decimal(0)), sum((p for _, p in pairs), Decimal(0))

    def economic_rows(self, block: str | None = None) -> list[tuple[str, str, Decimal]]:
        rows = []
        for cls, (cname, blk, kuans) in sorted(ECONOMIC.items()):
            if block and blk != block:
                continue
            mine = sorted(c for c in self.economic if c.startswith(cls))
            if mine:
                rows.append((cls, cname, sum((self.economic[c] for c in mine), Decimal(0))))
                rows.extend((c, kuans[c], self.economic[c]) for c in mine)
        return rows

    def block_total(self, block: str) -> Decimal:
        return sum((v for c, v in self.economic.items() if ECONOMIC[c[:3]][1] == block), Decimal(0))


def _syn(kind, header, widths, body, expected, note=None, landscape=False) -> SynTable:
    numeric = [False] * len(widths)
    for r in body:
        for i, t in enumerate(r):
            if t and t.replace(",", "").replace(".", "").replace("-", "").isdigit() and "." in t:
                numeric[i] = True
    return SynTable(kind, header, widths, body, numeric, expected, note, landscape)


def _two_sided_widths(line_no: bool) -> list[float]:
    return [3, 0.5, 1.3, 3, 0.5, 1.3] if line_no else [3, 1.3, 3, 1.3]


def final_tables(fig: Figures, pr: Printer, year: int, rng: random.Random) -> list[SynTable]:
    ln = rng.random() < 0.5  # the 总表 print a 行次 column
    code = {
        k: f"公开{n:02d}表"
        for k, n in (
            (TableKind.FINAL_TOTAL, 1),
            (TableKind.FINAL_INCOME, 2),
            (TableKind.FINAL_EXPENSE, 3),
            (TableKind.FINAL_FISCAL_TOTAL, 4),
            (TableKind.FINAL_GENERAL, 6),
            (TableKind.FINAL_GENERAL_BASIC, 7),
            (TableKind.FINAL_FUND, 8),
            (TableKind.FINAL_STATE_CAPITAL, 9),
            (TableKind.FINAL_SANGONG, 10),
        )
    }
    lines = fig.function_rows()
    t, c = fig.total, fig.carry
    out = []
    income = [
        ("一、一般公共预算财政拨款收入", t),
        ("二、政府性基金预算财政拨款收入", ZERO),
        ("三、国有资本经营预算财政拨款收入", ZERO),
        ("四、其他收入", ZERO),
    ]
    closing = [
        ("本年收入合计", t, "本年支出合计", t),
        ("年初结转和结余", c, "年末结转和结余", c),
        ("总计", t + c, "总计", t + c),
    ]
    body, rows = two_sided(pr, income, classes(lines), closing, "决算数", ln)
    k = TableKind.FINAL_TOTAL
    out.append(
        _syn(
            k,
            header_two_sided("收入", "支出", "决算数", ln),
            _two_sided_widths(ln),
            body,
            expected_table(k, code[k], pr.unit, year, ["决算数"], rows),
        )
    )
    cols = ["本年收入合计", "财政拨款收入", "其他收入"]
    body, rows = coded_body(pr, [(cd, n, [b + p, b + p, ZERO]) for cd, n, b, p in lines], cols, False, [t, t, ZERO])
    k = TableKind.FINAL_INCOME
    out.append(
        _syn(
            k,
            coded_header([HCell(x, i, rows=2) for i, x in enumerate(cols)], False),
            [1.1, 3, 1.3, 1.3, 1.3],
            body,
            expected_table(k, code[k], pr.unit, year, cols, rows),
        )
    )
    cols = ["本年支出合计", "基本支出", "项目支出"]
    body, rows = coded_body(
        pr, [(cd, n, [b + p, b, p]) for cd, n, b, p in lines], cols, False, [t, fig.basic, fig.project]
    )
    k = TableKind.FINAL_EXPENSE
    out.append(
        _syn(
            k,
            coded_header([HCell(x, i, rows=2) for i, x in enumerate(cols)], False),
            [1.1, 3, 1.3, 1.3, 1.3],
            body,
            expected_table(k, code[k], pr.unit, year, cols, rows),
            note="注：本表反映部门本年度各项支出情况。",
        )
    )
    income = [
        ("一、一般公共预算财政拨款", t),
        ("二、政府性基金预算财政拨款", ZERO),
        ("三、国有资本经营预算财政拨款", ZERO),
    ]
    closing = [
        ("本年收入合计", t, "本年支出合计", t),
        ("年初财政拨款结转和结余", c, "年末财政拨款结转和结余", c),
        ("总计", t + c, "总计", t + c),
    ]
    body, rows = two_sided(pr, income, classes(lines), closing, "决算数", ln)
    k = TableKind.FINAL_FISCAL_TOTAL
    out.append(
        _syn(
            k,
            header_two_sided("收入", "支出", "决算数", ln),
            _two_sided_widths(ln),
            body,
            expected_table(k, code[k], pr.unit, year, ["决算数"], rows),
        )
    )
    body, rows = coded_body(
        pr, [(cd, n, [b + p, b, p]) for cd, n, b, p in lines], cols, False, [t, fig.basic, fig.project]
    )
    k = TableKind.FINAL_GENERAL
    head = [HCell("本年支出", 0, 3), HCell("合计", 0, row=1), HCell("基本支出", 1, row=1), HCell("项目支出", 2, row=1)]
    out.append(
        _syn(
            k,
            coded_header(head, False),
            [1.1, 3, 1.3, 1.3, 1.3],
            body,
            expected_table(k, code[k], pr.unit, year, cols, rows),
        )
    )
    out.append(_basic_final(fig, pr, year, code[TableKind.FINAL_GENERAL_BASIC]))
    for k, what in ((TableKind.FINAL_FUND, "政府性基金预算"), (TableKind.FINAL_STATE_CAPITAL, "国有资本经营预算")):
        out.append(_empty_final(k, code[k], pr, year, what))
    out.append(_sangong_final(fig, pr, year, code[TableKind.FINAL_SANGONG]))
    return out


def _basic_final(fig: Figures, pr: Printer, year: int, code: str) -> SynTable:
    people, public = fig.economic_rows("人员经费"), fig.economic_rows("公用经费")
    body, rows = [], []
    for i in range(max(len(people), len(public))):
        cells = []
        for side in (people, public):
            if i < len(side):
                cd, n, v = side[i]
                cells += [cd, n, pr.text(v)]
                rows.append(row(pr, n, {"决算数": v}, code=cd))
            else:
                cells += ["", "", ""]
        body.append(cells)
    p, g = fig.block_total("人员经费"), fig.block_total("公用经费")
    body.append(["", "人员经费合计", pr.text(p), "", "公用经费合计", pr.text(g)])
    rows += [row(pr, "人员经费合计", {"决算数": p}), row(pr, "公用经费合计", {"决算数": g})]
    head = [HCell("人员经费", 0, 3), HCell("公用经费", 3, 3)]
    head += [HCell(x, i, row=1) for i, x in enumerate(["科目编码", "科目名称", "决算数"] * 2)]
    k = TableKind.FINAL_GENERAL_BASIC
    return _syn(
        k,
        head,
        [0.9, 2.4, 1.2, 0.9, 2.4, 1.2],
        body,
        expected_table(k, code, pr.unit, year, ["决算数"], rows),
        landscape=True,
    )


def _empty_final(k: TableKind, code: str, pr: Printer, year: int, what: str) -> SynTable:
    cols = ["年初结转和结余", "本年收入", "本年支出小计", "基本支出", "项目支出", "年末结转和结余"]
    head = [
        HCell("年初结转和结余", 0, rows=2),
        HCell("本年收入", 1, rows=2),
        HCell("本年支出", 2, 3),
        HCell("小计", 2, row=1),
        HCell("基本支出", 3, row=1),
        HCell("项目支出", 4, row=1),
        HCell("年末结转和结余", 5, rows=2),
    ]
    note = f"注：本单位{year}年度无{what}财政拨款收入、支出，本表为空表。"
    return _syn(
        k,
        coded_header(head, False),
        [1, 2.5, 1.2, 1, 1.1, 1, 1, 1.2],
        [],
        expected_table(k, code, pr.unit, year, cols, [], empty=True),
        note=note,
        landscape=True,
    )


def _sangong_parts(fig: Figures) -> list[Decimal]:
    abroad, buy, run, hosp = fig.sangong
    return [abroad + buy + run + hosp, abroad, buy + run, buy, run, hosp]


def _sangong_final(fig: Figures, pr: Printer, year: int, code: str) -> SynTable:
    names = ["合计", "因公出国（境）费", "公务用车购置及运行费小计", "公务用车购置费", "公务用车运行费", "公务接待费"]
    actual = _sangong_parts(fig)
    budget = [v + fig.step * 10 * (i != 0) for i, v in enumerate(actual)]
    budget[2] = budget[3] + budget[4]
    budget[0] = budget[1] + budget[2] + budget[5]
    head = [
        HCell("合计", 0, 2, rows=2),
        HCell("因公出国（境）费", 2, 2, rows=2),
        HCell("公务用车购置及运行费", 4, 6),
        HCell("小计", 4, 2, row=1),
        HCell("公务用车购置费", 6, 2, row=1),
        HCell("公务用车运行费", 8, 2, row=1),
        HCell("公务接待费", 10, 2, rows=2),
    ]
    head += [HCell(x, i, row=2) for i, x in enumerate(["预算数", "决算数"] * 6)]
    cols = [f"{n}{w}" for n in names for w in ("预算数", "决算数")]
    values = [v for pair in zip(budget, actual, strict=True) for v in pair]
    body = [[pr.text(v) for v in values]]
    k = TableKind.FINAL_SANGONG
    rows = [row(pr, None, dict(zip(cols, values, strict=True)))]
    return _syn(k, head, [1] * 12, body, expected_table(k, code, pr.unit, year, cols, rows), landscape=True)


def budget_tables(fig: Figures, pr: Printer, year: int, split: bool) -> list[SynTable]:
    lines = fig.function_rows()
    t = fig.total
    out = []
    income = [
        ("一、一般公共预算拨款收入", t),
        ("二、政府性基金预算拨款收入", ZERO),
        ("三、国有资本经营预算拨款收入", ZERO),
    ]
    body, rows = two_sided(pr, income, classes(lines), [("收入总计", t, "支出总计", t)], "预算数")
    k = TableKind.BUDGET_TOTAL
    out.append(
        _syn(
            k,
            header_two_sided("收入", "支出", "预算数"),
            [3, 1.3, 3, 1.3],
            body,
            expected_table(k, None, pr.unit, year, ["预算数"], rows),
        )
    )
    w = [0.5, 0.5, 0.5, 3] if split else [1.1, 3]
    for k, cols, vals in (
        (TableKind.BUDGET_INCOME, ["合计", "财政拨款收入", "其他收入"], lambda b, p: [b + p, b + p, ZERO]),
        (TableKind.BUDGET_EXPENSE, ["合计", "基本支出", "项目支出"], lambda b, p: [b + p, b, p]),
    ):
        body, rows = coded_body(
            pr, [(cd, n, vals(b, p)) for cd, n, b, p in lines], cols, split, vals(fig.basic, fig.project)
        )
        out.append(
            _syn(
                k,
                coded_header([HCell(x, i, rows=2) for i, x in enumerate(cols)], split),
                w + [1.3] * 3,
                body,
                expected_table(k, None, pr.unit, year, cols, rows),
            )
        )
    income = [("一、一般公共预算资金", t), ("二、政府性基金", ZERO), ("三、国有资本经营预算", ZERO)]
    body, rows = two_sided(pr, income, classes(lines), [("收入总计", t, "支出总计", t)], "预算数")
    k = TableKind.BUDGET_FISCAL_TOTAL
    out.append(
        _syn(
            k,
            header_two_sided("收入", "支出", "预算数"),
            [3, 1.3, 3, 1.3],
            body,
            expected_table(k, None, pr.unit, year, ["预算数"], rows),
        )
    )
    for k, what, filled in (
        (TableKind.BUDGET_GENERAL, "一般公共预算支出", True),
        (TableKind.BUDGET_FUND, "政府性基金预算支出", False),
        (TableKind.BUDGET_STATE_CAPITAL, "国有资本经营预算支出", False),
    ):
        cols = [f"{what}合计", "基本支出", "项目支出"]
        head = [HCell(what, 0, 3), HCell("合计", 0, row=1), HCell("基本支出", 1, row=1), HCell("项目支出", 2, row=1)]
        if filled:
            body, rows = coded_body(
                pr, [(cd, n, [b + p, b, p]) for cd, n, b, p in lines], cols, split, [t, fig.basic, fig.project]
            )
            note = None
        else:
            body, rows, note = [], [], f"注：本部门{year}年无{what[:-2]}安排的支出，本表为空表。"
        out.append(
            _syn(
                k,
                coded_header(head, split),
                w + [1.3] * 3,
                body,
                expected_table(k, None, pr.unit, year, cols, rows, empty=not filled),
                note=note,
            )
        )
    cols = ["合计", "人员经费", "公用经费"]
    eco = [
        (cd, n, [v, v if ECONOMIC[cd[:3]][1] == "人员经费" else ZERO, v if ECONOMIC[cd[:3]][1] == "公用经费" else ZERO])
        for cd, n, v in fig.economic_rows()
    ]
    body, rows = coded_body(pr, eco, cols, False, [fig.basic, fig.block_total("人员经费"), fig.block_total("公用经费")])
    k = TableKind.BUDGET_GENERAL_BASIC
    out.append(
        _syn(
            k,
            coded_header([HCell(x, i, rows=2) for i, x in enumerate(cols)], False, "经济分类科目编码"),
            [1.1, 3, 1.3, 1.3, 1.3],
            body,
            expected_table(k, None, pr.unit, year, cols, rows),
        )
    )
    names = ["合计", "因公出国（境）费", "公务用车购置及运行费小计", "购置费", "运行费", "公务接待费"]
    head = [
        HCell("合计", 0, rows=2),
        HCell("因公出国（境）费", 1, rows=2),
        HCell("公务用车购置及运行费", 2, 3),
        HCell("小计", 2, row=1),
        HCell("购置费", 3, row=1),
        HCell("运行费", 4, row=1),
        HCell("公务接待费", 5, rows=2),
    ]
    values = _sangong_parts(fig)
    k = TableKind.BUDGET_SANGONG
    rows = [row(pr, None, dict(zip(names, values, strict=True)))]
    out.append(
        _syn(k, head, [1] * 6, [[pr.text(v) for v in values]], expected_table(k, None, pr.unit, year, names, rows))
    )
    return out


def _wan(yuan: Decimal) -> Decimal:
    return (yuan / 10000).quantize(CENT, ROUND_HALF_UP)


def _pct(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * 100).quantize(CENT, ROUND_HALF_UP)


def narrative(fig: Figures, year: int, kind: str, rep: Report) -> list[str]:
    word = "决算" if kind == "final" else "预算"
    total = fig.total + fig.carry if kind == "final" else fig.total
    tw, lw = _wan(total), _wan(fig.last_year)
    d = tw - lw
    pct = (abs(d) / lw * 100).quantize(CENT, ROUND_HALF_UP)
    up = d >= 0
    first = (
        f"{rep.unit_name}{year}年度收入、支出{word}总计{tw}万元。与{year - 1}年度相比，收入、支出总计各"
        f"{'增加' if up else '减少'}{abs(d)}万元，{'增长' if up else '下降'}{pct}%。主要原因是人员和业务变化。"
    )
    rep.claims += [("amount", tw * 10000), ("change", d * 10000), ("change", (pct if up else -pct) / 100)]
    e, b, p = _wan(fig.total), _wan(fig.basic), _wan(fig.project)
    sb, sp = _pct(fig.basic, fig.total), _pct(fig.project, fig.total)
    second = f"{year}年度本年支出合计{e}万元，其中：基本支出{b}万元，占{sb}%；项目支出{p}万元，占{sp}%。"
    rep.claims += [
        ("amount", e * 10000),
        ("amount", b * 10000),
        ("share", sb / 100),
        ("amount", p * 10000),
        ("share", sp / 100),
    ]
    out = [
        f"第三部分 {year}年度部门{word}情况说明",
        f"一、收入支出{word}总体情况说明",
        first,
        f"二、支出{word}情况说明",
        second,
    ]
    if kind == "final":
        bud = _wan(fig.budget)
        r = _pct(fig.total, fig.budget)
        out += [
            "三、一般公共预算财政拨款支出决算情况说明",
            f"{year}年度一般公共预算财政拨款支出年初预算为{bud}万元，支出决算为{e}万元，完成年初预算的{r}%。",
        ]
        rep.claims += [("amount", bud * 10000), ("amount", e * 10000), ("rate", r / 100)]
    return out


def make_report(seed: int, kind: str, verticals: bool = True, rows_ruled: bool = True) -> Report:
    rng = random.Random(seed * 31 + (kind == "budget"))
    unit = rng.choice(("元", "万元"))
    rep = Report(seed, kind, rng.choice(UNITS), rng.randint(2019, 2026), unit, rng.random() < 0.6)
    fig = Figures(rng, STEP[unit])
    pr = Printer(unit, rep.comma, rng.random() < 0.5)
    if kind == "final":
        rep.tables = final_tables(fig, pr, rep.year, rng)
    else:
        rep.tables = budget_tables(fig, pr, rep.year, rng.random() < 0.6)
    rep.narrative = narrative(fig, rep.year, kind, rep)
    rep.verticals = verticals
    rep.rows_ruled = rows_ruled
    return rep


def expected_tables(rep: Report) -> list[Table]:
    return [t.expected for t in rep.tables]


def write_pdf(rep: Report, path: Path) -> None:
    from tests.synth.final_layout import render

    render(rep, path)
