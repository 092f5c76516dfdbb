"""Pages that are documents themselves (a 自评表 posted as a web page, GBK): ingested when the source says so
(``documents = "regex"``), their links still followed; other pages are only followed."""

from __future__ import annotations

from pathlib import Path

from cnfiscal.corpus import load
from cnfiscal.corpus.watch import watch
from cnfiscal.pipeline import process
from tests.corpus.watch.conftest import TEXT_2021, fast_config
from tests.corpus.watch.site import Route

WEB_TABLE = Path(__file__).resolve().parents[2] / "data/formats/seed004.html"  # GBK, <meta charset="gbk">


def build(site) -> None:
    links = [("art/1.html", "2023年绩效自评表"), ("art/2.html", "2021年绩效自评"), ("/news/3.html", "新闻")]
    listing = "".join(f'<a href="{href}">{text}</a>' for href, text in links)
    site.add("/jx/index.html", Route(f"<html><body>{listing}</body></html>".encode(), content_type="text/html"))
    site.add("/jx/art/1.html", Route(WEB_TABLE.read_bytes(), content_type="text/html"))
    site.add("/jx/art/2.html", Route('<html><body><a href="/up/2021.txt">附件</a></body></html>'.encode()))
    site.add("/news/3.html", Route(WEB_TABLE.read_bytes(), content_type="text/html"))
    site.add("/up/2021.txt", Route(TEXT_2021.read_bytes()))


def toml(tmp_path, site, documents: str | None) -> str:
    path = tmp_path / "s.toml"
    extra = f'documents = "{documents}"\n' if documents else ""
    path.write_text(f'[[source]]\nurl = "{site.url("/jx/index.html")}"\n{extra}', encoding="utf-8")
    return str(path)


def test_pages_named_as_documents_are_ingested_and_still_followed(site, tmp_path):
    build(site)
    summary = watch([toml(tmp_path, site, "/(jx/art|news)/")], tmp_path / "c.duckdb", fast_config(tmp_path))
    d = summary.digest
    assert d is not None and summary.ok
    new = {x.url: (x.doc_type, x.unit_name, x.year) for x in d.new}
    assert new == {
        site.url("/jx/art/1.html"): ("dept_self_eval", "黔南州人民政府政务服务中心", 2023),
        site.url("/up/2021.txt"): ("dept_self_eval", "黔南布依族苗族自治州大数据发展管理局", 2021),
        site.url("/jx/art/2.html"): ("unknown", None, None),  # a page with a link only: read, nothing in it
    }
    # /news/3.html is outside the listing's folder: not followed, but named as a document, so fetched and — being
    # the same content as art/1.html — not processed twice
    assert len(site.requests("/news/3.html")) == 1 and summary.ingest.done == 3
    expected = {f.identity(process(WEB_TABLE).source.sha256) for f in process(WEB_TABLE).findings}
    assert expected <= {f.finding_id for f in d.new_findings}
    docs = load(tmp_path / "c.duckdb", ["documents"])["documents"]
    assert set(docs["input_kind"]) == {"html", "text"}


def test_without_documents_pages_are_only_followed(site, tmp_path):
    build(site)
    summary = watch([toml(tmp_path, site, None)], tmp_path / "c.duckdb", fast_config(tmp_path))
    assert summary.digest is not None
    assert [x.url for x in summary.digest.new] == [site.url("/up/2021.txt")]
    assert site.requests("/news/3.html") == []


def test_a_download_link_without_a_suffix_named_as_document(site, tmp_path):
    from tests.corpus.watch.conftest import PDF_2023

    site.add("/dl/index.html", Route('<a href="/dl/get.jsp?id=7">下载</a>'.encode(), content_type="text/html"))
    site.add("/dl/get.jsp?id=7", Route(PDF_2023.read_bytes(), content_type="application/pdf"))
    toml = tmp_path / "s.toml"
    toml.write_text(f'[[source]]\nurl = "{site.url("/dl/index.html")}"\ndocuments = "get\\\\.jsp"\n', encoding="utf-8")
    summary = watch([str(toml)], tmp_path / "c.duckdb", fast_config(tmp_path))
    d = summary.digest
    assert d is not None and summary.ok and d.notes == []
    assert [(x.url, x.doc_type, x.year) for x in d.new] == [(site.url("/dl/get.jsp?id=7"), "dept_self_eval", 2023)]
