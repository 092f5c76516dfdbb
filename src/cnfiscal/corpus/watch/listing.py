"""A listing or detail page → its links: the text decoded (GBK or UTF-8, declared or sniffed), links made absolute,
each judged as a document file, a page to follow, or the next page of the listing (下一页, or the pages a
``createPageHTML`` script writes)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

import charset_normalizer
import lxml.html
from lxml import etree

from cnfiscal.corpus.watch.scripted import scripted_pages
from cnfiscal.corpus.watch.sources import FILE_SUFFIXES, PAGE_SUFFIXES, UrlKind, suffix_of

log = logging.getLogger(__name__)

# the anchor texts that lead to the next page of a listing
NEXT_PAGE = re.compile(r"^\s*(下一页|下页|后一页|next\s*page|next|›|»|>)\s*$", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# GB2312 and GBK pages often hold characters only GB18030 has; it is their superset
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    text: str
    kind: UrlKind
    next_page: bool = False


def decode_page(data: bytes, declared: str | None) -> tuple[str, str]:
    """The page's text and the encoding used: the HTTP header's, else the page's <meta>, else sniffed."""
    for name in (declared, _meta_charset(data)):
        enc = _usable(name)
        if enc is not None:
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                log.info("page declared %s but does not decode with it; sniffing", name)
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        enc = _usable(best.encoding) or "utf-8"
        return data.decode(enc, errors="replace"), enc
    return data.decode("utf-8", errors="replace"), "utf-8"


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def _usable(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    name = _SUPERSETS.get(name, name)
    try:
        "".encode(name)
    except LookupError:
        return None
    return name


def page_links(text: str, page_url: str) -> list[Link]:
    """Every http(s) link of the page, absolute, without fragments, once each, in page order; then the listing's
    pages a ``createPageHTML`` script announces (``scripted``), as next-page links."""
    try:
        root = lxml.html.fromstring(text.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError) as e:
        log.warning("%s: cannot parse the page: %s", page_url, e)
        return []
    base = _base(root, page_url)
    seen: set[str] = set()
    out = []
    for a in root.iter("a"):
        link = _link(a, base)
        if link is not None and link.url not in seen:
            seen.add(link.url)
            out.append(link)
    scripts = [el.text or "" for el in root.iter("script")]
    here = urldefrag(page_url).url
    for i, url in enumerate(scripted_pages(scripts, base)):
        if url not in seen and url != here and classify(url) is UrlKind.PAGE:
            seen.add(url)
            out.append(Link(url, f"第{i + 1}页", UrlKind.PAGE, next_page=True))
    return out


_PARSER = lxml.html.HTMLParser(encoding="utf-8")


def _base(root: lxml.html.HtmlElement, page_url: str) -> str:
    for el in root.iter("base"):
        href = el.get("href")
        if href:
            return urljoin(page_url, href.strip())
    return page_url


def _link(a: lxml.html.HtmlElement, base: str) -> Link | None:
    href = (a.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    url = urldefrag(urljoin(base, href)).url
    if urlsplit(url).scheme not in ("http", "https"):
        return None
    text = " ".join(a.text_content().split())
    title = (a.get("title") or "").strip()
    nxt = bool(NEXT_PAGE.match(text) or (title and NEXT_PAGE.match(title)))
    kind = classify(url)
    return Link(url, text or title, kind, nxt) if kind is not None else None


def classify(url: str) -> UrlKind | None:
    """A document file or a page by the URL's suffix; None for anything else (images, archives, scripts)."""
    suffix = suffix_of(url)
    if suffix in FILE_SUFFIXES:
        return UrlKind.FILE
    if suffix in PAGE_SUFFIXES:
        return UrlKind.PAGE
    return None
