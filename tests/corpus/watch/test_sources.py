"""SOURCE arguments and sources files: what each becomes, and the usage errors."""

from __future__ import annotations

import pytest

from cnfiscal.corpus.watch.sources import UrlKind, parse_sources
from cnfiscal.errors import SourceError


def test_a_url_is_a_listing_page_or_a_file_by_its_suffix():
    page, pdf, folder = parse_sources(
        ["https://czj.example.gov.cn/zwgk/yjsgk/index.html", "http://x.gov.cn/a/b/2023.PDF", "http://x.gov.cn/zwgk/"]
    )
    assert (page.kind, pdf.kind, folder.kind) == (UrlKind.PAGE, UrlKind.FILE, UrlKind.PAGE)
    assert page.follow.search("https://czj.example.gov.cn/zwgk/yjsgk/202401/t20240101_1.html")
    assert not page.follow.search("https://czj.example.gov.cn/zwgk/other/t1.html")
    assert folder.follow_text == r"http://x\.gov\.cn/zwgk/" and page.depth == 1


def test_sources_file(tmp_path):
    toml = tmp_path / "offices.toml"
    toml.write_text(
        '[[source]]\nurl = "http://127.0.0.1/gbk/index.html"\nfollow = "/gbk/detail/"\ndepth = 2\n'
        'office = "黔南州大数据局"\nyear = 2021\n\n[[source]]\nurl = "http://127.0.0.1/files/a.xlsx"\n',
        encoding="utf-8",
    )
    first, second = parse_sources([str(toml)])
    assert (first.follow_text, first.depth, first.office, first.year) == ("/gbk/detail/", 2, "黔南州大数据局", 2021)
    assert (second.kind, second.office, second.year) == (UrlKind.FILE, None, None)
    assert first.documents is None and not first.is_document("http://127.0.0.1/gbk/detail/1.html")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[source]]\nfollow = 'x'\n", "缺少 url"),
        ("[[source]]\nurl = 'http://x/'\ndeep = 2\n", "未知的键"),
        ("[[source]]\nurl = 'http://x/'\ndepth = 9\n", "深度 depth"),
        ("[[source]]\nurl = 'http://x/'\nfollow = '(['\n", "follow 不是正则表达式"),
        ("[[source]]\nurl = 'http://x/'\ndocuments = '(['\n", "documents 不是正则表达式"),
        ("[[source]]\nurl = 'ftp://x/'\n", "不是网址"),
        ("[[source]]\nurl = 'http://x/'\nyear = '2021'\n", "year 须为整数"),
        ("url = 'http://x/'\n", "至少一个 [[source]]"),
        ("[[source]\n", "不是有效的 TOML"),
    ],
)
def test_bad_sources_files_are_usage_errors(tmp_path, text, message):
    toml = tmp_path / "s.toml"
    toml.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match=message.replace("[", r"\[")):
        parse_sources([str(toml)])


def test_bad_arguments(tmp_path):
    with pytest.raises(SourceError, match="没有给出来源"):
        parse_sources([])
    with pytest.raises(SourceError, match=r"不是网址也不是 \.toml"):
        parse_sources(["czj.gov.cn/list.html"])
    with pytest.raises(SourceError, match="无法读取来源文件"):
        parse_sources([str(tmp_path / "missing.toml")])
