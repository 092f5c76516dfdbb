"""Chart images: written as PNG, their Chinese drawn with the CJK font PyMuPDF ships, whatever the machine has."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from cnfiscal.report import charts
from cnfiscal.report.data import from_records
from cnfiscal.report.fonts import chart_font
from cnfiscal.report.overview import CHART_NAMES, draw_charts
from tests.report.records import corpus

ROOT = Path(__file__).resolve().parents[2]

PNG = b"\x89PNG\r\n\x1a\n"


def test_every_chart_is_drawn_with_the_font_pymupdf_ships(tmp_path: Path) -> None:
    drawn = draw_charts(from_records(corpus()), tmp_path)
    assert set(drawn) == set(CHART_NAMES)
    for name, chart in drawn.items():
        assert chart is not None, name
        data = (tmp_path / chart.file).read_bytes()
        assert data.startswith(PNG) and len(data) > 5_000
        assert chart.font == "Droid Sans Fallback"
        assert chart.notes == []  # no missing glyphs: the Chinese labels were drawn


def test_the_chart_font_has_the_chinese_of_the_labels() -> None:
    from matplotlib import ft2font

    font = chart_font()
    face = ft2font.FT2Font(font.path)
    assert Path(font.path).stat().st_size > 1_000_000
    assert all(face.get_char_index(ord(c)) for c in "预算执行率分布自评得分与按单位核查发现数万元全年（）")


CHART_SCRIPT = """
import logging, sys, warnings
from pathlib import Path
logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
warnings.simplefilter("always")
from matplotlib import font_manager
# a machine with no font but matplotlib's own (what a fresh server has; this one may have more)
font_manager.fontManager.ttflist = [f for f in font_manager.fontManager.ttflist if "matplotlib" in f.fname]
from cnfiscal.report.data import from_records
from cnfiscal.report.overview import draw_charts
from tests.report.records import corpus
drawn = draw_charts(from_records(corpus()), Path(sys.argv[1]))
print(sorted((n, c.font, c.notes) for n, c in drawn.items() if c))
"""


def test_charts_on_a_machine_without_cjk_fonts_and_a_fresh_matplotlib_cache_show_chinese(tmp_path: Path) -> None:
    """A fresh process with a new, empty MPLCONFIGDIR, matplotlib knowing no font but its own: nothing
    (stdout, stderr, warnings, logs) says a glyph is missing, and no chart carries a note."""
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path / "mpl"), "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-c", CHART_SCRIPT, str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=True,
    )
    assert "missing from font" not in run.stdout + run.stderr
    assert "Droid Sans Fallback" in run.stdout and "[]" in run.stdout
    assert len(list((tmp_path / "out" / "charts").glob("*.png"))) == 4


def test_a_chinese_label_is_drawn_as_glyphs_not_boxes(tmp_path: Path) -> None:
    """The same text drawn with the chart font and with DejaVu Sans alone (which has no Chinese: boxes)
    gives different pixels; drawn twice with the chart font, the same."""
    import matplotlib.pyplot as plt

    def ink(families: list[str], text: str) -> bytes:
        fig = plt.figure(figsize=(3, 0.6), dpi=60)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with plt.rc_context({"font.family": families}):
                fig.text(0.05, 0.3, text, fontsize=14)
                fig.canvas.draw()
        data = bytes(fig.canvas.buffer_rgba())
        plt.close(fig)
        return data

    cjk = chart_font().families
    assert ink(cjk, "预算执行率") == ink(cjk, "预算执行率")
    assert ink(cjk, "预算执行率") != ink(cjk, "核查发现数")
    assert ink(["DejaVu Sans"], "预算执行率") == ink(["DejaVu Sans"], "核查发现数")  # boxes are all alike


def test_no_data_no_chart(tmp_path: Path) -> None:
    assert charts.rate_histogram(pd.Series([], dtype=object), tmp_path) is None
    assert charts.score_vs_rate(pd.DataFrame(columns=["office", "rate", "score"]), tmp_path) is None
    assert charts.findings_by_rule(pd.DataFrame(), tmp_path) is None
    assert charts.budget_vs_executed(pd.DataFrame(columns=["budget", "executed"]), tmp_path) is None
    assert not (tmp_path / "charts").exists()


def test_without_matplotlib_the_report_has_no_charts_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    import cnfiscal.report
    from cnfiscal.report.build import report_from_records

    # the import fails as it would without matplotlib
    monkeypatch.setitem(sys.modules, "cnfiscal.report.charts", None)
    monkeypatch.delattr(cnfiscal.report, "charts", raising=False)
    result = report_from_records(corpus(), tmp_path)
    assert result.charts == []
    assert "matplotlib is not installed" in result.index.read_text(encoding="utf-8")
