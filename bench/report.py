"""The audit report as auditors see it, in headless Chromium (skipped without Debian's chromium).

``report_samples``: the bundled samples through the pipeline, the report written, every document page opened in
Chromium: the share of findings whose message (as drawn) is mostly Chinese, and the share of findings whose
evidence picture frames a region — before (a bbox recorded by extraction: all the report could frame until now)
and after (a bbox, or the quoted sentence found on its page).

``report_1000``: a synthetic corpus of 1,000 documents (rows built directly, no pipeline run: see
``tests/report/synthetic.py``), the report written from its database, the overview loaded in Chromium (target
under 2 s from navigation to the load event, the lists drawn) and one filter applied.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

from bench._registry import ROOT, BenchContext, benchmark

LOAD_TARGET_S = 2.0
MESSAGES_JS = "Array.from(document.querySelectorAll('.finding h3 .message')).map(m => m.textContent)"
FRAMED_JS = "document.querySelectorAll('.finding .evidence:not(.other-side)[data-framed]').length"
OTHER_JS = (
    "[document.querySelectorAll('.finding .other-side').length,"
    " document.querySelectorAll('.finding .other-side[data-framed]').length]"
)


def mostly_chinese(text: str) -> bool:
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return han > latin


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f} %)" if whole else "0/0"


@benchmark("report_samples")
def report_samples(ctx: BenchContext) -> list[str]:
    from tests.report import browser

    from cnfiscal.pipeline import process
    from cnfiscal.report.build import expand, report_from_records

    if not browser.available():
        return ["   skipped: chromium not installed"]
    files = expand([ROOT / "samples"])  # what `make run` ingests
    records = [process(p) for p in files]
    findings = [(r, f) for r in records for f in r.findings]
    on_pdf = [(r, f) for r, f in findings if r.source.input_kind.value.startswith("pdf")]
    with tempfile.TemporaryDirectory() as tmp:
        result = report_from_records(records, Path(tmp))
        messages, framed_after, other, other_framed = [], 0, 0, 0
        with browser.Browser() as chrome:
            for page in result.pages:
                tab = chrome.load(page.as_uri())
                messages += tab.evaluate(MESSAGES_JS)
                framed_after += tab.evaluate(FRAMED_JS)
                sides = tab.evaluate(OTHER_JS)
                other, other_framed = other + sides[0], other_framed + sides[1]
                tab.close()
    chinese = sum(mostly_chinese(m) for m in messages)
    before_all = sum(f.bbox is not None for _, f in findings)
    before_pdf = sum(f.bbox is not None for _, f in on_pdf)
    return [
        f"   {len(records)} documents, {len(findings)} findings ({len(on_pdf)} on PDF sources), in Chromium:",
        f"   messages mostly Chinese: {_share(chinese, len(messages))}",
        f"   framed region, all findings: before {_share(before_all, len(findings))}, after"
        f" {_share(framed_after, len(findings))}",
        f"   framed region, findings on PDFs: before {_share(before_pdf, len(on_pdf))}, after"
        f" {_share(framed_after, len(on_pdf))}",
        f"   second picture (the figure compared with, or the cells summed): {other}, {other_framed} of them framed",
    ]


@benchmark("report_1000")
def report_1000(ctx: BenchContext) -> list[str]:
    from tests.report import browser
    from tests.report.synthetic import write_corpus

    from cnfiscal.report.build import report_from_db

    if not browser.available():
        return ["   skipped: chromium not installed"]
    n = 200 if ctx.quick else 1000
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "corpus.duckdb"
        t0 = time.perf_counter()
        records = write_corpus(db, n)
        t1 = time.perf_counter()
        result = report_from_db(db, Path(tmp) / "report")
        t2 = time.perf_counter()
        size_mb = result.index.stat().st_size / 1e6
        loads, office = [], records[5].unit_name
        expected = sum(len(r.findings) for r in records if r.unit_name == office)
        with browser.Browser() as chrome:
            for _ in range(3):
                tab = chrome.load(result.index.as_uri())
                ready = tab.evaluate("document.body.getAttribute('data-lists-ready')") == "1"
                loads.append(tab.load_seconds if ready else float("inf"))
                tab.evaluate(
                    "(function(v){var s=document.getElementById('filter-office');s.value=v;"
                    f"s.dispatchEvent(new Event('change'))}})({json.dumps(office)})"
                )
                shown = int(tab.evaluate("document.getElementById('findings-count').textContent"))
                tab.close()
    verdict = "ok" if max(loads) < LOAD_TARGET_S else f"SLOW (target < {LOAD_TARGET_S} s)"
    return [
        f"   {n} documents, {sum(len(r.findings) for r in records)} findings; db written in {t1 - t0:.1f} s,"
        f" report in {t2 - t1:.1f} s (index.html {size_mb:.1f} MB)",
        f"   overview load in Chromium: median {statistics.median(loads):.2f} s, max {max(loads):.2f} s — {verdict}",
        f"   filter office={office}: {shown} findings shown, {expected} expected —"
        f" {'ok' if shown == expected else 'WRONG'}",
    ]
