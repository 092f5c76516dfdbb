"""Pages → links (GBK or UTF-8, declared or sniffed; relative; next page), and the type of a body by its content."""

from __future__ import annotations

from cnfiscal.corpus.watch.kinds import ContentKind, mismatch, sniff
from cnfiscal.corpus.watch.listing import decode_page, page_links
from cnfiscal.corpus.watch.sources import UrlKind
from tests.corpus.watch.conftest import PDF_2021, TEXT_2021

BODY = (
    '<html><head>{meta}<base href="/zwgk/yjsgk/"></head><body><h1>部门预算决算公开</h1>'
    '<a href="2021/自评表.pdf">2021年部门整体支出绩效自评表</a> <a href="#top">顶部</a>'
    '<a href="javascript:go(2)">2</a> <a href="index_2.html" title="下一页">&gt;&gt;</a>'
    '<a href="../../img/logo.png">logo</a> <a href="mailto:a@b.cn">邮件</a> <a href="t1.html#p2">详情</a>'
    "<a href='../yjsgk/2021/自评表.pdf'>重复</a> <a href='/files/表.xlsx'>附件：表</a></body></html>"
)


def test_links_absolute_once_each_judged():
    text, _ = decode_page(BODY.format(meta="").encode(), "utf-8")
    links = page_links(text, "http://127.0.0.1:9/zwgk/yjsgk/index.html?page=1")
    assert [(link.url, link.kind, link.next_page) for link in links] == [
        ("http://127.0.0.1:9/zwgk/yjsgk/2021/自评表.pdf", UrlKind.FILE, False),
        ("http://127.0.0.1:9/zwgk/yjsgk/index_2.html", UrlKind.PAGE, True),
        ("http://127.0.0.1:9/zwgk/yjsgk/t1.html", UrlKind.PAGE, False),
        ("http://127.0.0.1:9/files/表.xlsx", UrlKind.FILE, False),
    ]
    assert links[0].text == "2021年部门整体支出绩效自评表"


def test_encodings_declared_in_meta_in_the_header_or_sniffed():
    gbk = BODY.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=GB2312">').encode("gbk")
    assert decode_page(gbk, None) == (gbk.decode("gb18030"), "gb18030")  # GB2312 read as its superset
    assert decode_page(gbk, "gbk")[1] == "gb18030"
    utf8 = BODY.format(meta='<meta charset="utf-8">').encode()
    assert decode_page(utf8, None) == (utf8.decode(), "utf-8")
    undeclared = (BODY.format(meta="") * 3).encode("gbk")
    text, encoding = decode_page(undeclared, None)
    assert "部门整体支出绩效自评表" in text and encoding in ("gb18030", "gbk", "gb2312")
    wrongly_declared = BODY.format(meta='<meta charset="utf-8">').encode("gbk")
    assert "部门预算决算公开" in decode_page(wrongly_declared, None)[0]


def test_type_by_content():
    assert sniff(PDF_2021.read_bytes()[:4096]) is ContentKind.PDF
    assert sniff(TEXT_2021.read_bytes()[:4096]) is ContentKind.TEXT
    assert sniff(b"\xef\xbb\xbf  <!DOCTYPE html><html>") is ContentKind.HTML
    assert sniff(b"PK\x03\x04rest") is ContentKind.ZIP and sniff(b"\xd0\xcf\x11\xe0rest") is ContentKind.OLE
    assert sniff(b"\x89PNG\r\n\x1a\n\x00\x00") is ContentKind.BINARY
    assert mismatch(".pdf", ContentKind.HTML).startswith("服务器返回网页而不是 PDF 文件")
    assert mismatch(".xlsx", ContentKind.PDF).startswith("内容是 PDF，不是 ZIP/Office")
    assert mismatch(".xls", ContentKind.HTML) is None  # offices do save web tables as .xls
    assert mismatch(".pdf", ContentKind.PDF) is None and mismatch(".html", ContentKind.HTML) is None


def _scripted(script: str, url: str = "http://127.0.0.1:9/xxgk/czyjs/index.html") -> list[tuple[str, bool]]:
    html = f"<html><body><ul><li><a href='./202401/t1.html'>2024年部门预算</a></li></ul><script>{script}</script>"
    links = page_links(html + "</body></html>", url)
    return [(link.url.removeprefix("http://127.0.0.1:9/xxgk/czyjs/"), link.next_page) for link in links]


def test_pages_a_create_page_html_script_announces_are_next_pages():
    # the listing's first page (index.html) is not announced again; the others are next pages, next to it
    assert _scripted('createPageHTML(3, 0, "index", "html");') == [
        ("202401/t1.html", False),
        ("index_1.html", True),
        ("index_2.html", True),
    ]
    # a container id first and the record count last; read from a later page of the listing
    assert _scripted(
        "createPageHTML('page_div',3, 2,'index','shtml',57);", url="http://127.0.0.1:9/xxgk/czyjs/index_2.shtml"
    ) == [
        ("202401/t1.html", False),
        ("index.shtml", True),
        ("index_1.shtml", True),
    ]
    # the count in a variable of the script
    script = (
        "var currentPage = 0;//所在页从0开始\nvar countPage = 2//共多少页\n"
        'createPageHTML(countPage, currentPage, "index", "htm");'
    )
    listing = "http://127.0.0.1:9/xxgk/czyjs/index.htm"
    assert _scripted(script, url=listing) == [("202401/t1.html", False), ("index_1.htm", True)]


def test_a_create_page_html_call_that_cannot_be_read_gives_no_page():
    assert _scripted('createPageHTML(countPage, 0, "index", "html");') == [("202401/t1.html", False)]  # no var
    assert _scripted("createPageHTML(opts);") == [("202401/t1.html", False)]
    assert _scripted('createPageHTML(2, 0, "../../etc/passwd", "html");') == [("202401/t1.html", False)]
