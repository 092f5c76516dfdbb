"""Chart images: written as PNG, drawn with a CJK font when one is installed, and a missing font is reported."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import pytest

from cnfiscal.report import charts
from cnfiscal.report.data import from_records
from cnfiscal.report.fonts import ChartFont, find_cjk_font
from cnfiscal.report.overview import CHART_NAMES, draw_charts
from tests.report.records import corpus

PNG = b"\x89PNG\r\n\x1a\n"
needs_cjk = pytest.mark.skipif(find_cjk_font().family is None, reason="no CJK font (apt-get install fonts-noto-cjk)")


@needs_cjk
def test_every_chart_is_drawn_with_the_cjk_font(tmp_path: Path) -> None:
    drawn = draw_charts(from_records(corpus()), tmp_path)
    assert set(drawn) == set(CHART_NAMES)
    for name, chart in drawn.items():
        assert chart is not None, name
        data = (tmp_path / chart.file).read_bytes()
        assert data.startswith(PNG) and len(data) > 5_000
        assert chart.font == find_cjk_font().family
        assert chart.notes == []  # no missing glyphs: the Chinese labels were drawn


@needs_cjk
def test_the_font_file_found_is_the_one_matplotlib_uses() -> None:
    from matplotlib import font_manager

    font = find_cjk_font()
    prop = font_manager.FontProperties(family=font.family)
    assert str(font_manager.findfont(prop, fallback_to_default=False)) == font.path
    assert "CJK" in Path(font.path).name or "Han" in Path(font.path).name


def test_without_a_cjk_font_the_chart_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(charts, "find_cjk_font", lambda: ChartFont(family=None, path=None))
    with caplog.at_level(logging.WARNING, logger="cnfiscal.report.charts"):
        chart = charts.rate_histogram(pd.Series([0.98, 0.5]), tmp_path)
    assert chart is not None and chart.font is None
    assert any("missing from font" in n for n in chart.notes)
    assert any("missing from font" in r.getMessage() for r in caplog.records)


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
