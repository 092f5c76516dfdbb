"""Politeness per host: a concurrency cap and a minimum interval between requests, and robots.txt (stdlib parser)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

log = logging.getLogger(__name__)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(slots=True)
class HostGate:
    """``with gate.slot(url):`` — at most ``per_host`` requests at once to one host, starts ``interval`` s apart."""

    per_host: int = 2
    interval: float = 1.0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _sems: dict[str, threading.Semaphore] = field(default_factory=dict)
    _next: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        host = origin_of(url)
        with self._lock:
            sem = self._sems.setdefault(host, threading.Semaphore(max(1, self.per_host)))
        with sem:
            self._wait_turn(host)
            yield

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self.interval
        if start > now:
            time.sleep(start - now)


@dataclass(frozen=True, slots=True)
class RobotsAnswer:
    allowed: bool
    reason: str | None = None


# how robots.txt is read: (status code or None for a transport failure, body text)
RobotsGetter = Callable[[str], tuple[int | None, str]]


@dataclass(slots=True)
class Robots:
    """robots.txt per origin, read once per run with the same client (so the same limits and User-Agent apply).

    As the standard library decides: 401/403 → nothing allowed; another 4xx (no robots.txt) → everything allowed.
    A server error or no answer → nothing fetched from that host this run (it may be overloaded).
    """

    agent: str
    get: RobotsGetter
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _parsers: dict[str, RobotFileParser | RobotsAnswer] = field(default_factory=dict)

    def check(self, url: str) -> RobotsAnswer:
        origin = origin_of(url)
        with self._lock:
            parser = self._parsers.get(origin)
            if parser is None:
                parser = self._parsers[origin] = self._read(origin)
        if isinstance(parser, RobotsAnswer):
            return parser
        if parser.can_fetch(self.agent, url):
            return RobotsAnswer(True)
        return RobotsAnswer(False, "robots.txt 不允许抓取 disallowed by robots.txt")

    def _read(self, origin: str) -> RobotFileParser | RobotsAnswer:
        status, text = self.get(origin + "/robots.txt")
        if status is None or status >= 500:
            why = "no answer" if status is None else f"HTTP {status}"
            log.warning("%s/robots.txt: %s; nothing fetched from this host this run", origin, why)
            return RobotsAnswer(False, f"robots.txt 无法读取（{why}），本次不抓取该站 robots.txt unreadable")
        if status in (401, 403):
            return RobotsAnswer(False, f"robots.txt 拒绝访问（HTTP {status}），按规定不抓取 robots.txt forbidden")
        if status >= 400:
            return RobotsAnswer(True)  # no robots.txt: everything allowed
        parser = RobotFileParser(origin + "/robots.txt")
        parser.parse(text.splitlines())
        return parser
