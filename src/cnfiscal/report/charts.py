"""Chart images for the overview page (matplotlib, Agg backend, PNG files next to the HTML).

Each chart function takes a small aggregated DataFrame (see ``report.data``) and returns a ``Chart`` or
``None`` when there is nothing to draw. Labels are drawn with the CJK font PyMuPDF ships (``fonts``), so
no machine lacks a glyph; should matplotlib still report one missing, the warning is kept as a note on
the chart and a log warning, never printed.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from cnfiscal.report.fonts import chart_font

log = logging.getLogger(__name__)

SEVERITY_COLORS = {"error": "#c0392b", "warning": "#e67e22", "info": "#95a5a6"}
DPI = 110
RATE_CAP = 150  # percent; rates beyond are drawn at the edge of the charts


@dataclass(frozen=True, slots=True)
class Chart:
    name: str
    title: str
    file: str  # relative to the report directory
    alt: str
    font: str
    notes: list[str] = field(default_factory=list)


def draw(out_dir: Path, name: str, title: str, size: tuple[float, float], build: Callable[[Figure], str]) -> Chart:
    """Run ``build(fig) -> alt text`` with the CJK font set, write ``out_dir/charts/NAME.png``.

    Missing-glyph warnings become notes on the chart and log warnings.
    """
    path = out_dir / "charts" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        warnings.catch_warnings(record=True) as caught,
        plt.rc_context({"font.family": chart_font().families, "axes.unicode_minus": False}),
    ):
        warnings.simplefilter("always")
        fig = plt.figure(figsize=size, dpi=DPI)
        try:
            alt = build(fig)
            fig.tight_layout()
            fig.savefig(path, format="png")
        finally:
            plt.close(fig)
    notes = sorted({str(w.message) for w in caught if "missing from font" in str(w.message)})
    for note in notes:
        log.warning("chart %s: %s", name, note)
    return Chart(name=name, title=title, file=f"charts/{name}.png", alt=alt, font=chart_font().family, notes=notes)


def rate_histogram(rates: pd.Series, out_dir: Path) -> Chart | None:
    """Distribution of execution rates 执行率 (fractions) of the self-evaluations' total funding rows.

    Rates above ``RATE_CAP`` % (misprints, or misread numbers) are counted in a last "> cap" bar.
    """
    values = pd.to_numeric(rates, errors="coerce").dropna().astype(float) * 100
    if values.empty:
        return None
    over = int((values > RATE_CAP).sum())

    def build(fig: Figure) -> str:
        ax = fig.add_subplot()
        edges = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100, 105, 110]
        ticks, labels = [0, 20, 40, 60, 80, 100], [*map(str, range(0, 101, 20))]
        if values.max() > 110:
            edges.extend(range(120, RATE_CAP + 1, 10))
            ticks, labels = [*ticks, RATE_CAP], [*labels, str(RATE_CAP)]
        if over:
            edges.append(RATE_CAP + 10)
            ticks, labels = [*ticks, RATE_CAP + 5], [*labels[:-1], "", f">{RATE_CAP}"]
        ax.hist(values.clip(0, RATE_CAP + 5), bins=edges, color="#2e86c1", edgecolor="white")
        ax.set_xticks(ticks, labels)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("执行率 (%)")
        ax.set_ylabel("自评表数")
        ax.set_title(f"预算执行率分布 (n={len(values)})")
        beyond = f"; {over} above {RATE_CAP}% in the last bar" if over else ""
        return f"histogram of {len(values)} execution rates, median {values.median():.1f}%{beyond}"

    return draw(out_dir, "execution_rate", "执行率分布", (6.4, 3.6), build)


def score_vs_rate(points: pd.DataFrame, out_dir: Path) -> Chart | None:
    """Self-evaluation score against execution rate, one point per self-evaluation, coloured by office.

    ``points``: columns office, rate (fraction), score. Rates above ``RATE_CAP`` % are drawn at the
    right edge as triangles.
    """
    data = points.dropna(subset=["rate", "score"])
    if data.empty:
        return None
    offices = data["office"].fillna("(未知单位)")
    names = list(dict.fromkeys(offices))
    legend_rows = (min(len(names), 10) + 1) // 2

    def build(fig: Figure) -> str:
        ax = fig.add_subplot()
        cmap = plt.get_cmap("tab10")
        for i, office in enumerate(names):
            sub = data[offices == office]
            x = sub["rate"].astype(float) * 100
            over = x > RATE_CAP
            color, label = cmap(i % 10), _short(office)
            y = sub["score"].astype(float)
            if (~over).any():
                ax.scatter(x[~over], y[~over], s=36, color=color, label=label)
            if over.any():
                ax.scatter(
                    [RATE_CAP + 5] * int(over.sum()),
                    y[over],
                    s=44,
                    marker=">",
                    color=color,
                    label=None if (~over).any() else label,
                )
        beyond = bool((data["rate"].astype(float) * 100 > RATE_CAP).any())
        ax.set_xlabel(f"执行率 (%)  (▶ = above {RATE_CAP}%)" if beyond else "执行率 (%)")
        ax.set_ylabel("自评得分")
        ax.set_title("自评得分与执行率 (按单位)")
        ax.grid(alpha=0.3)
        if len(names) <= 10:
            ax.legend(fontsize=7, frameon=False, ncol=2, loc="upper center", bbox_to_anchor=(0.5, -0.2))
        return f"scatter of {len(data)} self-evaluations from {len(names)} offices: score against execution rate"

    return draw(out_dir, "score_vs_rate", "自评得分与执行率", (6.4, 3.6 + 0.22 * legend_rows), build)


def findings_by_rule(counts: pd.DataFrame, out_dir: Path) -> Chart | None:
    """Stacked horizontal bars: findings per rule, split by severity. ``counts``: index rule, columns severities."""
    if counts.empty:
        return None

    def build(fig: Figure) -> str:
        ax = fig.add_subplot()
        left = pd.Series(0, index=counts.index)
        for severity, color in SEVERITY_COLORS.items():
            if severity in counts:
                ax.barh(counts.index, counts[severity], left=left, color=color, label=severity)
                left = left + counts[severity]
        ax.invert_yaxis()
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("发现数")
        ax.set_title("核查发现 (按规则与严重程度)")
        ax.legend(fontsize=8, frameon=False)
        return f"findings by rule and severity, {int(counts.to_numpy().sum())} in all"

    return draw(out_dir, "findings_by_rule", "核查发现", (6.4, max(2.4, 0.35 * len(counts) + 1.2)), build)


def budget_vs_executed(totals: pd.DataFrame, out_dir: Path) -> Chart | None:
    """Grouped bars per office: full-year budget 全年预算数 and executed 全年执行数, in 万元.

    ``totals``: index office, columns budget, executed (元) and year (labelled next to the office).
    """
    if totals.empty:
        return None

    def build(fig: Figure) -> str:
        ax = fig.add_subplot()
        y = list(range(len(totals)))
        h = 0.4
        budget = totals["budget"].astype(float) / 10_000
        executed = totals["executed"].astype(float) / 10_000
        ax.barh([i - h / 2 for i in y], budget, height=h, color="#85c1e9", label="全年预算数")
        ax.barh([i + h / 2 for i in y], executed, height=h, color="#1f618d", label="全年执行数")
        years = totals["year"] if "year" in totals else [None] * len(totals)
        ax.set_yticks(
            y,
            [
                _short(str(o)) + (f" ({int(yr)})" if pd.notna(yr) else "")
                for o, yr in zip(totals.index, years, strict=True)
            ],
        )
        ax.invert_yaxis()
        ax.set_xlabel("万元")
        ax.set_title("预算数与执行数 (按单位)")
        ax.legend(fontsize=8, frameon=False)
        return f"budget and executed amounts of {len(totals)} offices"

    return draw(out_dir, "budget_vs_executed", "预算数与执行数", (6.4, max(2.6, 0.45 * len(totals) + 1.2)), build)


def _short(name: str, limit: int = 16) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
