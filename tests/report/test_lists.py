"""The overview's findings and documents lists in Chromium: paginated, filtered by office, year, kind, rule,
severity and decision; counts checked against the synthetic records they were written from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cnfiscal.report.build import report_from_db
from tests.report import browser
from tests.report.synthetic import write_corpus

pytestmark = [
    pytest.mark.chromium,
    pytest.mark.skipif(not browser.available(), reason="chromium not installed (apt-get install chromium)"),
]
N_DOCS, REVIEWED_EVERY = 40, 7
SET_FILTER = """(function (key, value) {
  var s = document.getElementById('filter-' + key);
  s.value = value;
  s.dispatchEvent(new Event('change'));
})(%s, %s)"""
ROWS = "Array.from(document.querySelectorAll('#%s-body tr')).map(tr => Array.from(tr.cells).map(c => c.textContent))"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    folder = tmp_path_factory.mktemp("lists")
    records = write_corpus(folder / "corpus.duckdb", N_DOCS, n_offices=12, reviewed_every=REVIEWED_EVERY)
    report_from_db(folder / "corpus.duckdb", folder / "report")
    return folder / "report" / "index.html", records


@pytest.fixture(scope="module")
def tab(written: tuple[Path, list]) -> browser.Tab:
    with browser.Browser() as b:
        opened = b.load(written[0].as_uri())
        yield opened
        opened.close()


def _set(tab: browser.Tab, key: str, value: str) -> None:
    tab.evaluate(SET_FILTER % (json.dumps(key), json.dumps(value)))


def _count(tab: browser.Tab, name: str) -> int:
    return int(tab.evaluate(f"document.getElementById('{name}-count').textContent"))


def test_lists_are_drawn_and_paginated(tab: browser.Tab, written: tuple[Path, list]) -> None:
    records = written[1]
    total = sum(len(r.findings) for r in records)
    assert tab.errors() == []
    assert _count(tab, "findings") == total
    assert len(tab.evaluate(ROWS % "findings")) == 50
    pages = -(-total // 50)
    assert (
        tab.evaluate("document.querySelector('#findings-pager .page-of').textContent").strip()
        == f"第 1 / {pages} 页 page"
    )
    first = tab.evaluate(ROWS % "findings")[0]
    assert first[1] == "错误 error"  # errors first
    tab.evaluate("document.querySelector('#findings-pager .page-next').click()")
    assert (
        tab.evaluate("document.querySelector('#findings-pager .page-of').textContent").strip()
        == f"第 2 / {pages} 页 page"
    )
    assert tab.evaluate(ROWS % "findings") != []


def test_filters_by_office_severity_and_decision(tab: browser.Tab, written: tuple[Path, list]) -> None:
    records = written[1]
    office = records[3].unit_name
    mine = [r for r in records if r.unit_name == office]
    _set(tab, "office", office)
    assert _count(tab, "findings") == sum(len(r.findings) for r in mine)
    assert _count(tab, "documents") == len(mine)
    assert {row[2] for row in tab.evaluate(ROWS % "documents")} == {office}

    _set(tab, "severity", "error")
    errors = [f for r in mine for f in r.findings if f.severity.value == "error"]
    assert _count(tab, "findings") == len(errors)
    assert {row[1] for row in tab.evaluate(ROWS % "findings")} <= {"错误 error"}

    _set(tab, "severity", "")
    _set(tab, "office", "")
    _set(tab, "decision", "dismissed")
    dismissed = len(records[::REVIEWED_EVERY])
    assert _count(tab, "findings") == dismissed
    assert {row[7] for row in tab.evaluate(ROWS % "findings")} == {"驳回"}
    assert _count(tab, "documents") == dismissed  # documents with a finding of the filter

    _set(tab, "decision", "")
    _set(tab, "year", "2022")
    _set(tab, "rule", "claim.share")
    expected = [f for r in records if r.year == 2022 for f in r.findings if f.rule == "claim.share"]
    assert _count(tab, "findings") == len(expected)
    tab.evaluate("document.getElementById('filter-reset').click()")
    assert _count(tab, "findings") == sum(len(r.findings) for r in records)
    assert tab.errors() == []
