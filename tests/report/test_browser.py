"""The report in a real browser (Debian's chromium, headless): the overview, a chart and the document pages
render, every picture loads, no console errors, and the Chinese text is drawn with a CJK font."""

from __future__ import annotations

import pytest

from cnfiscal.report.data import doc_stem
from tests.report import browser
from tests.report.conftest import WrittenReport
from tests.report.records import SHA_FAILED, SHA_SEED000, SHA_SEED004

pytestmark = [
    pytest.mark.chromium,
    pytest.mark.skipif(not browser.available(), reason="chromium not installed (apt-get install chromium)"),
]
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def chrome() -> browser.Browser:
    with browser.Browser() as b:
        yield b


def check_page(result: browser.PageResult) -> None:
    assert result.console_errors == []
    assert all(loaded for _, loaded in result.images), result.images
    assert result.screenshot.startswith(PNG)
    if browser.system_cjk_font():  # the HTML's Chinese is drawn by the reader's fonts (the charts carry their own)
        assert any("CJK" in f or "Han" in f or "Hei" in f for f in result.fonts), result.fonts


def test_overview_renders_with_its_charts(chrome: browser.Browser, db_report: WrittenReport) -> None:
    result = chrome.open_page((db_report.out / "index.html").as_uri())
    check_page(result)
    charts = [src for src, _ in result.images if src.startswith("charts/")]
    assert len(charts) == 4
    assert "审核报告" in result.title
    assert "执行率分布" in result.text and "the PDF needs a password" in result.text


def test_document_page_renders_with_its_evidence(chrome: browser.Browser, db_report: WrittenReport) -> None:
    result = chrome.open_page((db_report.out / "doc" / f"{doc_stem(SHA_SEED000)}.html").as_uri())
    check_page(result)
    stem = doc_stem(SHA_SEED000)
    assert sorted(src for src, _ in result.images) == [f"../evidence/{stem}-f0.png", f"../evidence/{stem}-f1.png"]
    assert "黔南布依族苗族自治州大数据发展管理局" in result.title
    assert "2226.98万元" in result.text


@pytest.mark.parametrize("sha", [SHA_SEED004, SHA_FAILED])
def test_pages_without_pictures_render(chrome: browser.Browser, db_report: WrittenReport, sha: str) -> None:
    result = chrome.open_page((db_report.out / "doc" / f"{doc_stem(sha)}.html").as_uri())
    check_page(result)
    assert result.images == []


def test_a_broken_page_is_caught(chrome: browser.Browser, tmp_path) -> None:
    """The check itself: a missing picture and a script error are reported."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><meta charset="utf-8"><h1>坏</h1><img src="none.png"><script>nope()</script>', encoding="utf-8"
    )
    result = chrome.open_page(page.as_uri())
    assert result.images == [("none.png", False)]
    assert any("ERR_FILE_NOT_FOUND" in e for e in result.console_errors)
    assert any("exception" in e for e in result.console_errors)
