"""Issue 15's "Done when": three documents and two faults; a second run downloads nothing; one file added and one
replaced → a third run processes exactly those two and its digest lists them and their new findings."""

from __future__ import annotations

import json

from cnfiscal.corpus import load
from cnfiscal.corpus.watch import watch
from cnfiscal.pipeline import process
from tests.corpus.watch.conftest import PDF_2021, PDF_2023, TEXT_2023, TEXT_FINAL, TEXT_REPORT, fast_config
from tests.corpus.watch.site import Route, Site

LISTING = "/zwgk/jxzp/index.html"
DOCS = {"/zwgk/jxzp/2021.pdf": PDF_2021, "/zwgk/jxzp/2023.pdf": PDF_2023, "/zwgk/jxzp/report.txt": TEXT_REPORT}


def listing(names: list[str]) -> bytes:
    items = "".join(f'<li><a href="{n.rsplit("/", 1)[-1]}">附件：{n}</a></li>' for n in names)
    return (
        f'<html><head><meta charset="utf-8"><title>绩效自评</title></head><body><ul>{items}</ul></body></html>'.encode()
    )


def serve(site: Site, extra: dict[str, bytes] | None = None) -> None:
    files = {path: p.read_bytes() for path, p in DOCS.items()} | (extra or {})
    for path, body in files.items():
        site.add(path, Route(body))
    site.add(
        "/zwgk/jxzp/error.pdf",
        Route(b"<!DOCTYPE html><html><body>\xe7\xb3\xbb\xe7\xbb\x9f\xe7\xb9\x81\xe5\xbf\x99</body></html>"),
    )
    names = [*files, "/zwgk/jxzp/dead.pdf", "/zwgk/jxzp/error.pdf"]
    site.add(LISTING, Route(listing(names), content_type="text/html; charset=utf-8"))


def test_three_runs(site, tmp_path):
    serve(site)
    db, config = tmp_path / "corpus.duckdb", fast_config(tmp_path)
    first = watch([site.url(LISTING)], db, config)
    latest = json.loads((tmp_path / "digest/latest.json").read_text(encoding="utf-8"))
    assert sorted(d["url"] for d in latest["new"]) == sorted(site.url(p) for p in DOCS)
    assert {d["url"].rsplit("/", 1)[-1]: (d["doc_type"], d["year"]) for d in latest["new"]} == {
        "2021.pdf": ("dept_self_eval", 2021),
        "2023.pdf": ("dept_self_eval", 2023),
        "report.txt": ("self_eval_report", None),
    }
    assert {d["title"] for d in latest["new"]} == {f"附件：{p}" for p in DOCS}
    assert {d["found_on"] for d in latest["new"]} == {site.url(LISTING)}
    failed = {f["url"].rsplit("/", 1)[-1]: f["reason"] for f in latest["failed"]}
    assert failed.keys() == {"dead.pdf", "error.pdf"}
    assert failed["dead.pdf"].startswith("HTTP 404")
    assert failed["error.pdf"].startswith("服务器返回网页")
    assert (first.ingest.done, first.ingest.failed, first.ok) == (3, 0, False)
    assert latest["changed"] == [] and latest["counts"]["new"] == 3 and latest["counts"]["failed"] == 2
    assert latest["source_counts"] == [{"url": site.url(LISTING), "pages": 1, "files": 5, "failed": 2}]
    assert latest["notes"] == []
    expected = {f.identity(r.source.sha256) for r in map(process, DOCS.values()) for f in r.findings}
    assert expected and {f["finding_id"] for f in latest["new_findings"]} == expected  # what the pipeline finds

    site.log.clear()
    second = watch([site.url(LISTING)], db, config)
    assert second.ingest.done == 0 and second.digest is not None
    assert (second.digest.counts.new, second.digest.counts.changed, second.digest.new_findings) == (0, 0, [])
    conditional = [r for r in site.log if r.path in (*DOCS, LISTING, "/zwgk/jxzp/error.pdf")]
    assert len(conditional) == 5 and all(r.status == 304 and r.body_bytes == 0 for r in conditional)
    assert all(r.if_none_match for r in conditional)
    assert [r.status for r in site.requests("/zwgk/jxzp/dead.pdf")] == [404]
    assert {f.url.rsplit("/", 1)[-1] for f in second.digest.failed} == {"dead.pdf", "error.pdf"}

    site.log.clear()
    replaced = TEXT_FINAL.read_bytes()
    serve(site, {"/zwgk/jxzp/report.txt": replaced, "/zwgk/jxzp/added.txt": TEXT_2023.read_bytes()})
    third = watch([site.url(LISTING)], db, config)
    d = third.digest
    assert d is not None and third.ingest.done == 2
    assert [x.url for x in d.new] == [site.url("/zwgk/jxzp/added.txt")]
    assert [x.url for x in d.changed] == [site.url("/zwgk/jxzp/report.txt")]
    assert d.changed[0].doc_type == "final_account" and d.changed[0].previous_sha256 == latest_sha(latest, "report.txt")
    downloaded = sorted(r.path for r in site.log if r.status == 200 and r.path != LISTING)
    assert downloaded == ["/zwgk/jxzp/added.txt", "/zwgk/jxzp/report.txt"]
    now_expected = {f.identity(r.source.sha256) for r in map(process, (TEXT_FINAL, TEXT_2023)) for f in r.findings}
    assert {f.finding_id for f in d.new_findings} == now_expected and now_expected.isdisjoint(expected)
    docs = load(db, ["documents"])["documents"]
    report = docs[docs["path"] == site.url("/zwgk/jxzp/report.txt")].sort_values("version")
    assert list(report["version"]) == [1, 2] and list(report["superseded"]) == [True, False]
    assert len(docs) == 5
    pages = list((tmp_path / "corpus.files").rglob("*.html"))  # the listing's earlier copy went when it changed
    assert [p.read_bytes() for p in pages] == [site.routes[LISTING].body]


def latest_sha(digest: dict, name: str) -> str:
    return next(d["sha256"] for d in digest["new"] if d["url"].endswith(name))


def test_runs_are_recorded(site, tmp_path):
    serve(site)
    db, config = tmp_path / "corpus.duckdb", fast_config(tmp_path)
    watch([site.url(LISTING)], db, config)
    watch([site.url(LISTING)], db, config)
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    runs = con.execute(
        "SELECT run_id, finished_at IS NOT NULL, requests, downloaded, not_modified, failed, digest FROM watch_runs"
    ).fetchall()
    sources = con.execute("SELECT url, follow, depth, last_run FROM watch_sources").fetchall()
    con.close()
    latest = str(tmp_path / "digest/latest.json")
    # run 1: robots.txt, the listing, five files (two fail); run 2: the same seven requests, five of them 304
    assert runs == [(1, True, 7, 4, 0, 2, latest), (2, True, 7, 0, 5, 2, latest)]
    assert sources == [(site.url(LISTING), rf"http://127\.0\.0\.1:{site.port}/zwgk/jxzp/", 1, 2)]
