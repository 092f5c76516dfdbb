"""The digest names what a newly published document contradicts in another publication of its office: the
cross-document findings (issue 14) with a document of the run on either side, each side's URL and page."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf

from cnfiscal.corpus.watch import watch
from tests.corpus.watch.conftest import fast_config
from tests.corpus.watch.site import Route, Site

SAMPLES = Path(__file__).resolve().parents[3] / "samples" / "pdf"


def altered_2023(tmp_path: Path) -> bytes:
    """万里街道's 2023 budget with its 公务接待费 reprinted as 2.35 万元 (printed 1.35 on p28 and p29); the 2024
    budget still says 公务接待费1.35万元，比2023年预算持平 (p32)."""
    doc = pymupdf.open(SAMPLES / "sh_putuo_wanli_subdistrict_2023_budget.pdf")
    for page in doc:
        for rect in page.search_for("1.35"):
            page.add_redact_annot(rect, text="2.35", fontname="helv", fontsize=8)
        page.apply_redactions()
    path = tmp_path / "2023.pdf"
    doc.save(path)
    return path.read_bytes()


def test_the_digest_lists_a_contradiction_across_two_documents_with_both_pages(site: Site, tmp_path) -> None:
    links = '<html><body><a href="2023.pdf">2023年预算</a><a href="2024.pdf">2024年预算</a></body></html>'
    site.add("/yjsgk/index.html", Route(links.encode(), content_type="text/html; charset=utf-8"))
    site.add("/yjsgk/2023.pdf", Route(altered_2023(tmp_path)))
    site.add("/yjsgk/2024.pdf", Route((SAMPLES / "budget_wanli_2024.pdf").read_bytes()))
    watch([site.url("/yjsgk/index.html")], tmp_path / "corpus.duckdb", fast_config(tmp_path))
    latest = json.loads((tmp_path / "digest/latest.json").read_text(encoding="utf-8"))
    found = [
        (f["rule"], f["severity"], f["url_a"], f["page_a"], f["url_b"], f["page_b"])
        for f in latest["new_corpus_findings"]
    ]
    assert found == [("corpus.yoy.flat", "error", site.url("/yjsgk/2024.pdf"), 32, site.url("/yjsgk/2023.pdf"), 28)]
    assert latest["new_corpus_findings"][0]["message"].startswith("2024年文件称公务接待费1.35万元，与上年持平")
    assert latest["counts"]["new_corpus_findings"] == 1
    assert "跨文件核查发现" in (tmp_path / "digest/latest.md").read_text(encoding="utf-8")
