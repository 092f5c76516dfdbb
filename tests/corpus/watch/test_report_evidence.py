"""The report of a watched corpus: a document's path is its URL, so its evidence pictures come from the copy
``watch`` stored (``watch.state.local_copies``)."""

from __future__ import annotations

from cnfiscal.corpus.watch import watch
from cnfiscal.pipeline import process
from cnfiscal.report.build import report_from_db
from cnfiscal.report.data import doc_stem
from tests.corpus.watch.conftest import PDF_2021, fast_config
from tests.corpus.watch.site import Route, Site


def test_a_watched_pdf_gets_its_evidence_pictures_from_the_stored_copy(site: Site, tmp_path) -> None:
    site.add("/list.html", Route(b'<html><body><a href="a.pdf">a</a></body></html>', content_type="text/html"))
    site.add("/a.pdf", Route(PDF_2021.read_bytes()))
    db = tmp_path / "corpus.duckdb"
    watch([site.url("/list.html")], db, fast_config(tmp_path))
    report = report_from_db(db, tmp_path / "report")
    record = process(PDF_2021)
    stem = doc_stem(record.source.sha256)
    pictures = sorted(p.name for p in (tmp_path / "report" / "evidence").glob(f"{stem}-*.png"))
    page = (tmp_path / "report" / "doc" / f"{stem}.html").read_text(encoding="utf-8")
    assert record.findings and report.documents == 1
    assert pictures and all(f'src="../evidence/{name}"' in page for name in pictures)
