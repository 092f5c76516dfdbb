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


def test_real_findings_read_in_chinese_with_units(chrome: browser.Browser, tmp_path) -> None:
    """The issue's bar: in Chromium, ≥ 90 % of the findings' messages mostly Chinese, amounts in the document's unit."""
    from cnfiscal.pipeline import process
    from cnfiscal.report.build import report_from_records
    from tests.report.records import ROOT

    files = ["samples/pdf/final_finance_2024.pdf", "samples/text/seed003_final_account_guiyang_bigdata_2024.txt"]
    result = report_from_records([process(ROOT / f) for f in files], tmp_path)
    messages: list[str] = []
    for page in result.pages:
        tab = chrome.load(page.as_uri())
        messages += tab.evaluate(
            "Array.from(document.querySelectorAll('.finding h3 .message')).map(m => m.textContent)"
        )
        assert tab.errors() == []
        tab.close()
    chinese = [m for m in messages if _mostly_chinese(m)]
    assert len(messages) > 50 and len(chinese) >= 0.9 * len(messages)
    assert any("文中为0.3万元" in m and "2,961.68万元" in m for m in messages)


def _mostly_chinese(text: str) -> bool:
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return han > sum(1 for ch in text if ch.isascii() and ch.isalpha())
