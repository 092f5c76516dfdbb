"""Walk the sources: fetch listing pages (and their next pages, 下一页), follow links to detail pages up to the source's
depth, and fetch every document file linked from them — many requests at once, within the per-host limits.

Pages are fetched conditionally: a 304 reuses the page as stored. Results come back to the calling thread (the one
that owns the database connection) through ``on_page``; files are returned for the ingest step.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from cnfiscal.corpus.watch.fetch import Fetched, Fetcher, FetchStatus, Validators, blob_path
from cnfiscal.corpus.watch.hosts import origin_of
from cnfiscal.corpus.watch.kinds import ContentKind
from cnfiscal.corpus.watch.listing import Link, decode_page, page_links
from cnfiscal.corpus.watch.sources import UrlKind, WatchSource, suffix_of
from cnfiscal.corpus.watch.state import UrlRow

log = logging.getLogger(__name__)

PAGE_SUFFIX = ".html"
LOG_EVERY_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class Hit:
    """A URL to fetch, and how it was reached."""

    url: str
    kind: UrlKind
    source: WatchSource
    depth: int = 0
    referrer: str | None = None
    link_text: str | None = None

    @property
    def suffix(self) -> str:
        return PAGE_SUFFIX if self.kind is UrlKind.PAGE else suffix_of(self.url)


@dataclass(slots=True)
class SourceCount:
    """What one source led to in this run."""

    pages: int = 0
    files: int = 0
    failed: int = 0


@dataclass(slots=True)
class Crawl:
    files: list[tuple[Hit, Fetched]] = field(default_factory=list)
    by_source: dict[str, SourceCount] = field(default_factory=dict)
    pages: int = 0
    fetched: int = 0
    failed: int = 0
    notes: list[str] = field(default_factory=list)


PageHook = Callable[[Hit, Fetched], None]


class Crawler:
    """``Crawler(fetcher, known, on_page).run(sources)`` → the files found, each fetched."""

    def __init__(self, fetcher: Fetcher, known: dict[str, UrlRow], on_page: PageHook, max_pages: int = 500) -> None:
        self.fetcher = fetcher
        self.known = known
        self.on_page = on_page
        self.max_pages = max_pages
        self._depth: dict[str, int] = {}  # page → the smallest depth it was reached at
        self._links: dict[str, list[Link]] = {}
        self._files: set[str] = set()
        self._pending: dict[Future[Fetched], Hit] = {}
        self._crawl = Crawl()
        self._last = time.monotonic()

    def run(self, sources: list[WatchSource]) -> Crawl:
        workers = max(1, self.fetcher.config.concurrency)
        with ThreadPoolExecutor(workers, thread_name_prefix="cnfiscal-fetch") as pool:
            for s in sources:
                self._submit(pool, Hit(s.url, s.kind, s))
            while self._pending:
                done, _ = wait(list(self._pending), return_when=FIRST_COMPLETED)
                for fut in done:
                    self._handle(pool, self._pending.pop(fut), fut.result())
        return self._crawl

    def prior(self, hit: Hit) -> Validators | None:
        """Validators for a conditional GET, only when the body they stand for is still stored."""
        row = self.known.get(hit.url)
        if row is None or blob_path(self.fetcher.blobs, row.sha256, hit.suffix) is None:
            return None
        return Validators(row.etag, row.last_modified)

    def _submit(self, pool: ThreadPoolExecutor, hit: Hit) -> None:
        if hit.kind is UrlKind.FILE:
            if hit.url in self._files or hit.url in self._depth:
                return
            self._files.add(hit.url)
        elif not self._want_page(pool, hit):
            return
        fut = pool.submit(self.fetcher.fetch, hit.url, self.prior(hit), hit.suffix)
        self._pending[fut] = hit

    def _want_page(self, pool: ThreadPoolExecutor, hit: Hit) -> bool:
        seen = self._depth.get(hit.url)
        if seen is not None:
            if hit.depth < seen and hit.url in self._links:  # reached again, nearer: follow its links further
                self._depth[hit.url] = hit.depth
                self._follow_all(pool, hit, self._links[hit.url])
            return False
        if len(self._depth) >= self.max_pages:
            self._note(f"{hit.url}: 页面数达到上限 {self.max_pages}，未抓取 page limit reached, not fetched")
            return False
        self._depth[hit.url] = hit.depth
        return True

    def _handle(self, pool: ThreadPoolExecutor, hit: Hit, fetched: Fetched) -> None:
        if hit.kind is UrlKind.FILE:
            self._crawl.files.append((hit, fetched))
        else:
            self._handle_page(pool, hit, fetched)
        self._report(hit, fetched)

    def _handle_page(self, pool: ThreadPoolExecutor, hit: Hit, fetched: Fetched) -> None:
        self._crawl.pages += 1
        self.on_page(hit, fetched)
        if hit.source.is_document(hit.url) and hit.url not in self._files:  # a page that is a document itself
            self._files.add(hit.url)
            self._crawl.files.append((hit, fetched))
        links = self._page_links(hit, fetched)
        self._links[hit.url] = links
        self._follow_all(pool, hit, links)

    def _page_links(self, hit: Hit, fetched: Fetched) -> list[Link]:
        path = self._page_body(hit, fetched)
        if path is None:
            return []
        if fetched.kind not in (None, ContentKind.HTML, ContentKind.TEXT):
            if not hit.source.is_document(hit.url):  # a download link named as a document is expected to be a file
                self._note(f"{hit.url}: 页面内容是 {fetched.kind}，不是网页 not an HTML page; no links read")
            return []
        text, encoding = decode_page(path.read_bytes(), fetched.charset)
        links = page_links(text, hit.url)
        log.debug("%s: %d links (%s)", hit.url, len(links), encoding)
        return links

    def _page_body(self, hit: Hit, fetched: Fetched) -> Path | None:
        if fetched.status is FetchStatus.DOWNLOADED and fetched.blob is not None:
            return fetched.blob.path
        if fetched.status is FetchStatus.NOT_MODIFIED:
            row = self.known.get(hit.url)
            return blob_path(self.fetcher.blobs, row.sha256 if row else None, hit.suffix)
        return None

    def _follow_all(self, pool: ThreadPoolExecutor, page: Hit, links: list[Link]) -> None:
        for link in links:
            nxt = self._next_hit(page, link)
            if nxt is not None:
                self._submit(pool, nxt)

    def _next_hit(self, page: Hit, link: Link) -> Hit | None:
        source = page.source
        if link.kind is UrlKind.FILE:
            return Hit(link.url, UrlKind.FILE, source, page.depth + 1, page.url, link.text)
        if link.next_page and origin_of(link.url) == origin_of(page.url):
            return Hit(link.url, UrlKind.PAGE, source, page.depth, page.url, link.text)  # pagination: same depth
        if page.depth < source.depth and source.follow.search(link.url):
            return Hit(link.url, UrlKind.PAGE, source, page.depth + 1, page.url, link.text)
        if source.is_document(link.url):  # a web page to ingest, not to follow
            return Hit(link.url, UrlKind.FILE, source, page.depth + 1, page.url, link.text)
        return None

    def _report(self, hit: Hit, fetched: Fetched) -> None:
        """Counts, and a progress line every few seconds (and at the end of the fetching)."""
        failed = fetched.status is FetchStatus.FAILED
        self._crawl.fetched += 1
        self._crawl.failed += failed
        count = self._crawl.by_source.setdefault(hit.source.url, SourceCount())
        count.pages += hit.kind is UrlKind.PAGE
        count.files += hit.kind is UrlKind.FILE or hit.source.is_document(hit.url)  # a document page counts too
        count.failed += failed
        if time.monotonic() - self._last >= LOG_EVERY_SECONDS or not self._pending:
            self._last = time.monotonic()
            c = self._crawl
            log.info(
                "watch: %d pages, %d files fetched (%d failed), last %s", c.pages, len(c.files), c.failed, fetched.url
            )

    def _note(self, text: str) -> None:
        log.warning("%s", text)
        self._crawl.notes.append(text)
