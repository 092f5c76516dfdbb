"""Each fault ends as a recorded failure with its reason while the rest of the run completes; pages in GBK (declared
or sniffed) and UTF-8, pagination (下一页), relative links, detail pages, robots.txt."""

from __future__ import annotations

from cnfiscal.corpus import load
from cnfiscal.corpus.watch import watch
from tests.corpus.watch.conftest import PDF_2023, TEXT_2021, TEXT_REPORT, fast_config
from tests.corpus.watch.site import Route, Site

HTML = "text/html"
LIMIT = 200_000  # bytes: the sample PDF (148 kB) fits, 40 copies of a sample text (295 kB) do not


def page(links: list[tuple[str, str]], charset: str | None = None) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    items = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    head = f"<head>{meta}<title>预决算公开</title></head>"
    return f"<html>{head}<body><p>部门预算决算及绩效自评公开</p><ul>{items}</ul></body></html>"


FAULTS = [
    ("/private/secret.pdf", "内部文件"),
    ("/faults/dead.pdf", "已删除的附件"),
    ("/faults/busy.txt", "2023年绩效自评报告"),
    ("/faults/slow.pdf", "慢"),
    ("/faults/loop.pdf", "循环"),
    ("/faults/error.pdf", "错误页"),
    ("/faults/big.txt", "大文件"),
    ("/faults/big_nolength.txt", "大文件（无长度）"),
    ("/faults/drip.txt", "挤牙膏"),
]


def build(site: Site) -> None:
    site.add("/robots.txt", Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
    first = [("detail/a1.html", "2021年部门整体支出绩效自评"), ("index_1.html", "下一页"), ("/other/nav.html", "首页")]
    site.add("/gbk/index.html", Route(page(first + FAULTS, "gb2312").encode("gbk"), content_type=HTML))
    second = page([("../files/2023.pdf", "2023年部门整体支出绩效自评表")]).encode()
    site.add("/gbk/index_1.html", Route(second, content_type="text/html; charset=utf-8"))
    detail = page([("../../files/seed000.txt", "附件：2021年自评表")] * 2).encode("gbk")  # no charset anywhere
    site.add("/gbk/detail/a1.html", Route(detail, content_type=HTML))
    site.add("/other/nav.html", Route(page([("/files/never.pdf", "x")]).encode(), content_type=HTML))
    site.add("/files/2023.pdf", Route(PDF_2023.read_bytes()))
    site.add("/files/seed000.txt", Route(TEXT_2021.read_bytes()))
    site.add("/private/secret.pdf", Route(PDF_2023.read_bytes()))
    site.add("/faults/busy.txt", Route(TEXT_REPORT.read_bytes(), fail_first=1))
    site.add("/faults/slow.pdf", Route(PDF_2023.read_bytes(), delay=1.5))
    site.add("/faults/loop.pdf", Route(location="/faults/loop2.pdf"))
    site.add("/faults/loop2.pdf", Route(location="/faults/loop.pdf"))
    site.add("/faults/error.pdf", Route(b"<html><body>Service Unavailable</body></html>", content_type=HTML))
    site.add("/faults/big.txt", Route(TEXT_2021.read_bytes() * 40))
    site.add("/faults/drip.txt", Route(TEXT_2021.read_bytes(), drip=0.1))  # 8 kB at 1 kB per 0.1 s
    site.add("/faults/big_nolength.txt", Route(TEXT_2021.read_bytes() * 40, send_length=False))


def test_every_fault_is_recorded_and_the_rest_completes(site, tmp_path):
    build(site)
    config = fast_config(tmp_path, timeout=0.3, max_bytes=LIMIT, max_seconds=0.35)
    summary = watch([site.url("/gbk/index.html")], tmp_path / "c.duckdb", config)
    d = summary.digest
    assert d is not None and not summary.ok
    assert sorted(x.url.split(":", 2)[2].split("/", 1)[1] for x in d.new) == [
        "faults/busy.txt",
        "files/2023.pdf",
        "files/seed000.txt",
    ]
    reasons = {f.url.removeprefix(site.url("")): f.reason for f in d.failed}
    assert sorted(reasons) == sorted(p for p, _ in FAULTS if p != "/faults/busy.txt")
    expected_starts = {
        "/private/secret.pdf": "robots.txt 不允许抓取",
        "/faults/dead.pdf": "HTTP 404 未找到",
        "/faults/slow.pdf": "超时（0.3 秒，已尝试 2 次）",
        "/faults/loop.pdf": "重定向过多（超过 5 次",
        "/faults/error.pdf": "服务器返回网页而不是 PDF 文件",
        "/faults/big.txt": "文件过大",
        "/faults/big_nolength.txt": "文件过大（超过",
        "/faults/drip.txt": "下载过慢（超过 0.35 秒未完成）",
    }
    for path, start in expected_starts.items():
        assert reasons[path].startswith(start), (path, reasons[path])
    assert [r.status for r in site.requests("/faults/busy.txt")] == [500, 200]  # retried, then stored
    assert site.requests("/private/secret.pdf") == [] and site.requests("/other/nav.html") == []
    assert len(site.requests("/faults/loop.pdf")) == 3 and len(site.requests("/faults/loop2.pdf")) == 3
    assert all(r.user_agent and r.user_agent.startswith("cnfiscal/0.") for r in site.log)
    assert (d.counts.pages, d.counts.files) == (3, 11)
    assert not list((tmp_path / "c.files").rglob("*.txt.tmp")) and not list((tmp_path / "c.files/.tmp").iterdir())


def test_state_rows_say_what_each_url_served(site, tmp_path):
    build(site)
    config = fast_config(tmp_path, timeout=0.3, max_bytes=LIMIT, max_seconds=0.35)
    watch([site.url("/gbk/index.html")], tmp_path / "c.duckdb", config)
    import duckdb

    con = duckdb.connect(str(tmp_path / "c.duckdb"), read_only=True)
    rows = dict(con.execute("SELECT url, status FROM watch_urls").fetchall())
    texts = dict(con.execute("SELECT url, link_text FROM watch_urls").fetchall())
    pdf = con.execute(
        "SELECT sha256, blob, etag, last_modified, content_kind FROM watch_urls WHERE url = ?",
        [site.url("/files/2023.pdf")],
    ).fetchone()
    con.close()
    assert rows[site.url("/gbk/index.html")] == "ok" and rows[site.url("/gbk/detail/a1.html")] == "ok"
    assert rows[site.url("/faults/dead.pdf")] == "failed"
    # link texts as printed: from a GBK page declared in <meta>, a UTF-8 page declared in the header, a GBK page
    # declared nowhere (sniffed)
    assert texts[site.url("/faults/dead.pdf")] == "已删除的附件"
    assert texts[site.url("/files/2023.pdf")] == "2023年部门整体支出绩效自评表"
    assert texts[site.url("/files/seed000.txt")] == "附件：2021年自评表"
    sha, blob, etag, modified, kind = pdf
    assert blob == f"{sha[:2]}/{sha}.pdf" and (tmp_path / "c.files" / blob).read_bytes() == PDF_2023.read_bytes()
    assert etag and modified == "Tue, 01 Dec 2026 08:00:00 GMT" and kind == "pdf"
    docs = load(tmp_path / "c.duckdb", ["documents"])["documents"]
    assert set(docs["path"]) == {site.url(p) for p in ("/files/2023.pdf", "/files/seed000.txt", "/faults/busy.txt")}


def test_a_redirect_to_a_place_robots_txt_forbids_is_not_followed(site, tmp_path):
    """A public link that redirects into a disallowed folder (here, of the same site) is refused at the hop: the
    disallowed URL is never requested, and the failure says where the redirect led."""
    site.add("/robots.txt", Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
    site.add("/list.html", Route(page([("/files/moved.pdf", "2023年自评表"), ("/files/2023.pdf", "2023")]).encode(),
                                 content_type="text/html; charset=utf-8"))  # fmt: skip
    site.add("/files/moved.pdf", Route(location="/private/moved.pdf"))
    site.add("/private/moved.pdf", Route(PDF_2023.read_bytes()))
    site.add("/files/2023.pdf", Route(PDF_2023.read_bytes()))
    summary = watch([site.url("/list.html")], tmp_path / "c.duckdb", fast_config(tmp_path))
    d = summary.digest
    assert d is not None
    (failed,) = d.failed
    assert failed.url == site.url("/files/moved.pdf")
    assert failed.reason.startswith(f"重定向目标 {site.url('/private/moved.pdf')} 不可抓取：robots.txt 不允许抓取")
    assert site.requests("/private/moved.pdf") == []
    assert [x.url for x in d.new] == [site.url("/files/2023.pdf")]  # the rest of the run goes on


def test_pages_written_by_a_script_are_followed(site, tmp_path):
    """A listing whose page links a ``createPageHTML`` script writes: the second page, never linked by an <a>, is
    fetched and its attachment ingested."""
    script = '<script>createPageHTML(2, 0, "index", "html");</script>'
    site.add("/list/index.html", Route(page([("/files/2023.pdf", "2023")]).replace("</body>", script + "</body>")
                                       .encode(), content_type="text/html; charset=utf-8"))  # fmt: skip
    site.add("/list/index_1.html", Route(page([("/files/seed000.txt", "2021年自评表")]).encode(), content_type=HTML))
    site.add("/files/2023.pdf", Route(PDF_2023.read_bytes()))
    site.add("/files/seed000.txt", Route(TEXT_2021.read_bytes()))
    summary = watch([site.url("/list/index.html")], tmp_path / "c.duckdb", fast_config(tmp_path))
    d = summary.digest
    assert d is not None and summary.ok
    assert sorted(x.url for x in d.new) == [site.url("/files/2023.pdf"), site.url("/files/seed000.txt")]
    assert len(site.requests("/list/index_1.html")) == 1
