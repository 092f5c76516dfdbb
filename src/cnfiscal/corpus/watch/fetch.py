"""HTTP for ``watch``: conditional GET, retries with backoff, per-host limits, robots.txt, a size limit, bounded
redirects, and the type judged by content. ``Fetcher.fetch`` never raises for a bad URL: it returns a ``Fetched``
whose ``status`` is ``failed`` with a one-line reason (Chinese first).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import httpx
import tenacity

from cnfiscal import __version__
from cnfiscal.corpus.watch.blobs import Blob, BlobStore, TooLarge
from cnfiscal.corpus.watch.hosts import HostGate, Robots
from cnfiscal.corpus.watch.kinds import ContentKind, mismatch, sniff
from cnfiscal.errors import FetchError

log = logging.getLogger(__name__)

USER_AGENT = f"cnfiscal/{__version__} (budget-disclosure watch; python-httpx)"
ROBOTS_AGENT = "cnfiscal"


@dataclass(frozen=True, slots=True)
class HttpConfig:
    """How ``watch`` talks to servers (the CLI builds it from its flags)."""

    timeout: float = 30.0  # seconds to connect, and between bytes
    attempts: int = 3  # tries per URL on timeouts, connection errors and 5xx
    backoff: float = 2.0  # seconds before the first retry, doubled each time
    max_bytes: int = 200 * 1024 * 1024
    max_redirects: int = 5
    per_host: int = 2  # requests at once to one host
    interval: float = 1.0  # seconds between request starts to one host
    concurrency: int = 8  # requests at once in all
    max_seconds: float = 600.0  # one download at most, however steadily the bytes come (0: no limit)
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


class FetchStatus(StrEnum):
    DOWNLOADED = "downloaded"
    NOT_MODIFIED = "not_modified"  # 304: nothing downloaded
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Fetched:
    """What one GET gave: a stored body (its blob), a 304, or a failure with its reason."""

    url: str
    status: FetchStatus
    validators: Validators = field(default_factory=Validators)
    blob: Blob | None = None
    kind: ContentKind | None = None
    charset: str | None = None
    reason: str | None = None
    attempts: int = 1

    @property
    def ok(self) -> bool:
        return self.status is not FetchStatus.FAILED


class _ServerError(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


_RETRYABLE = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError, _ServerError)


class Fetcher:
    """One HTTP client for a run (thread-safe): ``fetch(url, validators, suffix)``."""

    def __init__(self, config: HttpConfig, blobs: BlobStore, transport: httpx.BaseTransport | None = None) -> None:
        self.config = config
        self.blobs = blobs
        self.client = httpx.Client(
            headers={"User-Agent": config.user_agent},
            timeout=httpx.Timeout(config.timeout),
            follow_redirects=True,
            max_redirects=config.max_redirects,
            transport=transport,
            limits=httpx.Limits(max_connections=max(1, config.concurrency)),
            event_hooks={"request": [self._allowed_hop]},
        )
        self.gate = HostGate(config.per_host, config.interval)
        self.robots = Robots(ROBOTS_AGENT, self._get_robots)
        self.requests = 0  # requests sent (each retry counts)
        self._count_lock = threading.Lock()

    def _count(self) -> None:
        with self._count_lock:
            self.requests += 1

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str, prior: Validators | None, suffix: str) -> Fetched:
        """GET ``url`` (conditionally when ``prior`` validators are given); store the body as a blob."""
        answer = self.robots.check(url)
        if not answer.allowed:
            return Fetched(url, FetchStatus.FAILED, reason=answer.reason)
        retrying = self._retrying()
        try:
            fetched = retrying(self._attempt, url, prior or Validators(), suffix)
        except httpx.TooManyRedirects:
            n = self.config.max_redirects
            return _failed(url, f"重定向过多（超过 {n} 次，可能是循环）too many redirects (> {n}; a loop?)")
        except (TooLarge, TooSlow, RedirectRefused) as e:
            return _failed(url, str(e))
        except _RETRYABLE as e:
            return _failed(url, _give_up_reason(e, self.config), self.config.attempts)
        except httpx.HTTPError as e:
            return _failed(url, f"请求失败 request failed: {type(e).__name__}: {e}")
        return _judged(fetched, suffix)

    def _allowed_hop(self, request: httpx.Request) -> None:
        """Every request the client sends, redirects included, is one robots.txt allows (the first one was
        checked before: its answer is cached); robots.txt itself is always read."""
        if request.url.path == "/robots.txt":
            return
        hop = str(request.url)
        answer = self.robots.check(hop)
        if not answer.allowed:
            raise RedirectRefused(f"重定向目标 {hop} 不可抓取：{answer.reason} redirect target refused")

    def _retrying(self) -> tenacity.Retrying:
        return tenacity.Retrying(
            stop=tenacity.stop_after_attempt(max(1, self.config.attempts)),
            wait=tenacity.wait_exponential(multiplier=self.config.backoff, max=60 * self.config.backoff or 1),
            retry=tenacity.retry_if_exception_type(_RETRYABLE),
            before_sleep=_log_retry,
            reraise=True,
        )

    def _attempt(self, url: str, prior: Validators, suffix: str) -> Fetched:
        with self.gate.slot(url):
            self._count()
            return self._answer(url, prior, suffix)

    def _answer(self, url: str, prior: Validators, suffix: str) -> Fetched:
        with self.client.stream("GET", url, headers=prior.headers()) as resp:
            if resp.status_code == 304:
                return Fetched(url, FetchStatus.NOT_MODIFIED, prior)
            if resp.status_code >= 500 or resp.status_code == 429:  # 429: too many requests, back off
                raise _ServerError(resp.status_code)
            if resp.status_code >= 400:
                return _failed(url, _status_reason(resp.status_code))
            return self._store(url, resp, suffix)

    def _store(self, url: str, resp: httpx.Response, suffix: str) -> Fetched:
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and self.config.max_bytes and int(declared) > self.config.max_bytes:
            limit = self.config.max_bytes
            raise TooLarge(
                f"文件过大（{declared} 字节，超过 {limit}）file of {declared} bytes exceeds the limit {limit}"
            )
        chunks = _within(resp.iter_bytes(), self.config.max_seconds)
        blob = self.blobs.write(chunks, suffix, self.config.max_bytes)
        validators = Validators(resp.headers.get("ETag"), resp.headers.get("Last-Modified"))
        return Fetched(url, FetchStatus.DOWNLOADED, validators, blob, sniff(blob.head), resp.charset_encoding)

    def _get_robots(self, url: str) -> tuple[int | None, str]:
        try:
            with self.gate.slot(url):
                self._count()
                resp = self.client.get(url)
        except httpx.HTTPError as e:
            log.warning("%s: %s", url, e)
            return None, ""
        return resp.status_code, resp.text if resp.status_code < 300 else ""


class RedirectRefused(FetchError):
    """A redirect to a URL robots.txt does not let us fetch (the request is not sent)."""


class TooSlow(FetchError):
    """A download that went on past the time limit (a server dripping bytes)."""


def _within(chunks: Iterator[bytes], seconds: float) -> Iterator[bytes]:
    start = time.monotonic()
    for chunk in chunks:
        if seconds and time.monotonic() - start > seconds:
            raise TooSlow(f"下载过慢（超过 {seconds:g} 秒未完成）download not done within {seconds:g} s")
        yield chunk


def _judged(fetched: Fetched, suffix: str) -> Fetched:
    """A downloaded body whose content is not what its name says is a failure (the blob stays for the record)."""
    if fetched.status is not FetchStatus.DOWNLOADED or fetched.kind is None:
        return fetched
    reason = mismatch(suffix, fetched.kind)
    if reason is None:
        return fetched
    log.warning("%s: %s", fetched.url, reason)
    return Fetched(fetched.url, FetchStatus.FAILED, fetched.validators, fetched.blob, fetched.kind, reason=reason)


def _failed(url: str, reason: str, attempts: int = 1) -> Fetched:
    log.warning("%s: %s", url, reason)
    return Fetched(url, FetchStatus.FAILED, reason=reason, attempts=attempts)


_STATUS_NAMES = {401: "需要登录 unauthorized", 403: "禁止访问 forbidden", 404: "未找到 not found", 410: "已删除 gone"}


def _status_reason(status: int) -> str:
    return f"HTTP {status} {_STATUS_NAMES.get(status, '请求被拒绝 client error')}"


def _give_up_reason(e: BaseException, config: HttpConfig) -> str:
    n = config.attempts
    if isinstance(e, _ServerError):
        return f"服务器错误或繁忙 HTTP {e.status}（已尝试 {n} 次）server error after {n} attempts"
    if isinstance(e, httpx.TimeoutException):
        return f"超时（{config.timeout:g} 秒，已尝试 {n} 次）timed out after {n} attempts"
    return f"连接失败（已尝试 {n} 次）connection failed after {n} attempts: {type(e).__name__}: {e}"


def _log_retry(state: tenacity.RetryCallState) -> None:
    url = state.args[0] if state.args else "?"
    error = state.outcome.exception() if state.outcome else None
    log.info("%s: attempt %d failed (%s); retrying", url, state.attempt_number, error)


def blob_path(blobs: BlobStore, sha256: str | None, suffix: str) -> Path | None:
    """The stored body of ``sha256`` if it is still on disk."""
    if not sha256:
        return None
    path = blobs.path(sha256, suffix)
    return path if path.is_file() else None
