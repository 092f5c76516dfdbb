"""The command line's exit codes and summary; a sources file's hints and follow pattern; formats the pipeline may
not read yet are fetched, stored and recorded, and the digest says what the pipeline said."""

from __future__ import annotations

import dataclasses
import io
import json

import openpyxl
from typer.testing import CliRunner

from cnfiscal.cli import app
from cnfiscal.corpus import load
from cnfiscal.corpus.ingest import IngestConfig
from cnfiscal.corpus.task import Limits
from cnfiscal.corpus.watch import watch
from cnfiscal.pipeline import process
from tests.corpus.watch.conftest import PDF_2021, PDF_2023, TEXT_2021, TEXT_2023, fast_config
from tests.corpus.watch.site import Route

FAST = ["--workers", "0", "--interval", "0", "--http-timeout", "2", "--attempts", "1"]


def listing(*hrefs: str) -> bytes:
    return ("<html><body>" + "".join(f'<a href="{h}">附件</a>' for h in hrefs) + "</body></html>").encode()


def test_cli_exit_codes_and_summary(site, tmp_path):
    site.add("/l/index.html", Route(listing("a.txt"), content_type="text/html"))
    site.add("/l/a.txt", Route(TEXT_2021.read_bytes()))
    db, digest = tmp_path / "c.duckdb", tmp_path / "d"
    runner = CliRunner()
    ok = runner.invoke(app, ["watch", site.url("/l/index.html"), "--db", str(db), "--digest", str(digest), *FAST])
    assert ok.exit_code == 0, ok.output
    assert "新文件 1，更新 0，失败 0" in ok.output and str(digest / "latest.json") in ok.output
    md = (digest / "latest.md").read_text(encoding="utf-8")
    assert md.startswith("# cnfiscal 监视日报") and "黔南布依族苗族自治州大数据发展管理局 2021 `dept_self_eval`" in md
    dated = sorted(p.name for p in digest.glob("*-run1.*"))
    assert len(dated) == 2 and json.loads((digest / dated[0]).read_text()) == json.loads(
        (digest / "latest.json").read_text()
    )
    site.add("/l/index.html", Route(listing("a.txt", "gone.pdf"), content_type="text/html"))
    bad = runner.invoke(app, ["watch", site.url("/l/index.html"), "--db", str(db), *FAST])
    assert bad.exit_code == 1 and "gone.pdf: HTTP 404" in bad.output
    assert runner.invoke(app, ["watch", "not-a-url", "--db", str(db)]).exit_code == 2
    assert runner.invoke(app, ["watch", site.url("/l/index.html")]).exit_code == 2  # no --db


def test_sources_file_hints_follow_and_depth(site, tmp_path):
    site.add("/col/index.html", Route(listing("art/1.html", "/elsewhere/2.html"), content_type="text/html"))
    site.add("/col/art/1.html", Route(listing("/up/2023.txt"), content_type="text/html"))
    site.add("/elsewhere/2.html", Route(listing("/up/never.pdf"), content_type="text/html"))
    site.add("/up/2023.txt", Route(TEXT_2023.read_bytes()))
    toml = tmp_path / "s.toml"
    toml.write_text(
        f'[[source]]\nurl = "{site.url("/col/index.html")}"\nfollow = "/col/art/"\noffice = "政务服务中心"\n'
        f'year = 2023\n\n[[source]]\nurl = "{site.url("/col/index.html")}"\ndepth = 0\n',
        encoding="utf-8",
    )
    summary = watch([str(toml)], tmp_path / "c.duckdb", fast_config(tmp_path))
    assert summary.digest is not None and [d.url for d in summary.digest.new] == [site.url("/up/2023.txt")]
    new = summary.digest.new[0]
    assert (new.office_hint, new.year_hint, new.unit_name, new.year) == (
        "政务服务中心",
        2023,
        "黔南州人民政府政务服务中心",
        2023,
    )
    assert site.requests("/elsewhere/2.html") == [] and len(site.requests("/col/index.html")) == 1


def test_an_attachment_format_is_stored_and_the_digest_says_what_the_pipeline_said(site, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["项目名称", "预算数（万元）"])
    book.active.append(["信息化建设", 120])
    data = io.BytesIO()
    book.save(data)
    site.add("/x/index.html", Route(listing("表1.xlsx", "2023.pdf"), content_type="text/html"))
    site.add("/x/%E8%A1%A81.xlsx", Route(data.getvalue()))  # 表1.xlsx as sent (percent-encoded)
    site.add("/x/2023.pdf", Route(PDF_2023.read_bytes()))
    db = tmp_path / "c.duckdb"
    summary = watch([site.url("/x/index.html")], db, fast_config(tmp_path))
    d = summary.digest
    assert d is not None
    docs = load(db, ["documents"])["documents"].set_index("path")
    xlsx_url = site.url("/x/表1.xlsx")
    row = docs.loc[xlsx_url]
    stored = tmp_path / "c.files" / row["sha256"][:2] / f"{row['sha256']}.xlsx"
    assert stored.read_bytes() == data.getvalue()
    if row["status"] == "failed":
        assert [(f.url, f.reason) for f in d.failed] == [(xlsx_url, row["error"])]
        assert not summary.ok
    else:
        assert xlsx_url in [x.url for x in d.new]
    assert site.url("/x/2023.pdf") in [x.url for x in d.new]


def test_a_file_url_as_source_and_a_partial_download_left_by_a_killed_run(site, tmp_path):
    site.add("/f/2023.pdf", Route(PDF_2023.read_bytes()))
    leftover = tmp_path / "c.files/.tmp/tmpkilled.pdf"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(PDF_2023.read_bytes()[:1000])
    summary = watch([site.url("/f/2023.pdf")], tmp_path / "c.duckdb", fast_config(tmp_path))
    assert summary.ok and summary.digest is not None
    assert [(d.url, d.unit_name, d.year) for d in summary.digest.new] == [
        (site.url("/f/2023.pdf"), "黔南州人民政府政务服务中心", 2023)
    ]
    assert not leftover.exists()
    assert [p.name for p in (tmp_path / "c.files").rglob("*.pdf")] == [f"{summary.digest.new[0].sha256}.pdf"]


def test_retry_failed_processes_a_stored_file_again_while_the_server_answers_304(site, tmp_path):
    site.add("/r/index.html", Route(listing("2021.pdf"), content_type="text/html"))
    site.add("/r/2021.pdf", Route(PDF_2021.read_bytes()))
    db, strict = tmp_path / "c.duckdb", fast_config(tmp_path)
    strict = dataclasses.replace(strict, ingest=dataclasses.replace(strict.ingest, limits=Limits(max_pages=1)))
    first = watch([site.url("/r/index.html")], db, strict)
    assert first.digest is not None and [f.reason for f in first.digest.failed] == [
        "too many pages (2 > limit 1); raise --max-pages to ingest it"
    ]
    site.log.clear()
    again = dataclasses.replace(strict, ingest=IngestConfig(workers=0, progress=False, retry_failed=True))
    second = watch([site.url("/r/index.html")], db, again)
    assert [r.status for r in site.log if r.path == "/r/2021.pdf"] == [304]
    assert second.ok and second.ingest.done == 1 and second.digest is not None
    assert second.digest.new == [] and second.digest.changed == []
    assert [(d.url, d.year) for d in second.digest.reprocessed] == [(site.url("/r/2021.pdf"), 2021)]
    expected = {f.identity(d.sha256) for d in second.digest.reprocessed for f in process(PDF_2021).findings}
    assert expected and {f.finding_id for f in second.digest.new_findings} == expected
    docs = load(db, ["documents"])["documents"]
    assert list(docs["status"]) == ["ok"] and list(docs["version"]) == [1]


def test_one_document_at_two_urls_is_processed_and_listed_once(site, tmp_path):
    site.add("/two/index.html", Route(listing("a/2023.pdf", "b/2023.pdf"), content_type="text/html"))
    site.add("/two/a/2023.pdf", Route(PDF_2023.read_bytes()))
    site.add("/two/b/2023.pdf", Route(PDF_2023.read_bytes()))
    summary = watch([site.url("/two/index.html")], tmp_path / "c.duckdb", fast_config(tmp_path))
    assert summary.digest is not None and summary.ingest.done == 1
    assert [d.url for d in summary.digest.new] == [site.url("/two/a/2023.pdf")]
    docs = load(tmp_path / "c.duckdb", ["documents"])["documents"]
    assert list(docs["path"]) == [site.url("/two/a/2023.pdf")]


def test_a_listing_that_leads_to_no_file_is_noted(site, tmp_path):
    site.add("/empty/index.html", Route(listing("/img/banner.jpg", "/elsewhere/x.html"), content_type="text/html"))
    summary = watch([site.url("/empty/index.html")], tmp_path / "c.duckdb", fast_config(tmp_path))
    d = summary.digest
    assert d is not None and summary.ok  # not a failure: a column may be empty
    assert [(c.url, c.pages, c.files, c.failed) for c in d.source_counts] == [(site.url("/empty/index.html"), 1, 0, 0)]
    assert len(d.notes) == 1 and d.notes[0].startswith(f"来源 {site.url('/empty/index.html')} 本次没有找到任何文件")
    assert "## 备注 notes" in (tmp_path / "digest/latest.md").read_text(encoding="utf-8")


def test_local_copies_of_watched_documents_in_a_chosen_store(site, tmp_path):
    import hashlib

    from cnfiscal.corpus.store import connect
    from cnfiscal.corpus.watch.state import local_copies

    site.add("/s/index.html", Route(listing("2023.pdf", "a.txt"), content_type="text/html"))
    site.add("/s/2023.pdf", Route(PDF_2023.read_bytes()))
    site.add("/s/a.txt", Route(TEXT_2021.read_bytes()))
    config = dataclasses.replace(fast_config(tmp_path), store=tmp_path / "elsewhere")
    watch([site.url("/s/index.html")], tmp_path / "c.duckdb", config)
    con = connect(tmp_path / "c.duckdb")
    try:
        copies = local_copies(con)
        shas = {r[0] for r in con.execute("SELECT sha256 FROM documents").fetchall()}
    finally:
        con.close()
    assert set(copies) == shas and len(shas) == 2  # documents only, not the listing page
    for sha, path in copies.items():
        assert path.parent.parent == tmp_path / "elsewhere" and hashlib.sha256(path.read_bytes()).hexdigest() == sha
    assert not (tmp_path / "c.files").exists()


def test_conditional_get_by_date_only_and_no_validators_at_all(site, tmp_path):
    site.add("/v/index.html", Route(listing("dated.txt", "plain.txt"), content_type="text/html"))
    date = "Wed, 02 Dec 2026 09:30:00 GMT"
    site.add("/v/dated.txt", Route(TEXT_2021.read_bytes(), validators=False, last_modified=date))
    site.add("/v/plain.txt", Route(TEXT_2023.read_bytes(), validators=False))
    db = tmp_path / "c.duckdb"
    watch([site.url("/v/index.html")], db, fast_config(tmp_path))
    site.log.clear()
    second = watch([site.url("/v/index.html")], db, fast_config(tmp_path))
    dated, plain = site.requests("/v/dated.txt"), site.requests("/v/plain.txt")
    assert [(r.status, r.if_modified_since, r.if_none_match, r.body_bytes) for r in dated] == [(304, date, None, 0)]
    # a server that gives no validators is asked plainly: the body comes again, its known hash means no work
    assert [(r.status, r.if_modified_since, r.if_none_match) for r in plain] == [(200, None, None)]
    assert second.digest is not None and second.ingest.done == 0 and second.ingest.skipped == 1
    assert second.digest.new == [] and second.digest.changed == []


def test_an_unwritable_digest_folder_is_a_clear_failure(site, tmp_path):
    site.add("/u/a.txt", Route(TEXT_2021.read_bytes()))
    blocker = tmp_path / "digest"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["watch", site.url("/u/a.txt"), "--db", str(tmp_path / "c.duckdb"), "--digest", str(blocker), *FAST]
    )
    assert result.exit_code == 1 and "无法写日报 cannot write the digest" in result.output
