"""A local web site for the watch tests: stdlib ``http.server`` in a thread, bound to 127.0.0.1 on a free port.

Routes are set per test (``site.add("/list/index.html", Route(...))``); every request is logged with what it asked
(its conditional headers) and what it got (status, body bytes), so a test can assert that nothing was downloaded.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Tue, 01 Dec 2026 08:00:00 GMT"
NOT_FOUND = "<html><head><title>404</title></head><body>页面不存在</body></html>".encode()


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/octet-stream"
    delay: float = 0.0  # seconds before answering
    fail_first: int = 0  # answer 500 this many times first
    location: str | None = None  # a redirect
    send_length: bool = True  # without Content-Length the body ends when the connection closes
    validators: bool = True  # ETag and Last-Modified
    last_modified: str | None = None  # with validators=False: Last-Modified only
    drip: float = 0.0  # seconds between 1 kB pieces of the body


@dataclass(frozen=True)
class Request:
    path: str
    status: int
    body_bytes: int
    if_none_match: str | None
    if_modified_since: str | None
    user_agent: str | None


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[Request] = field(default_factory=list)
    port: int = 0
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, route: Route) -> None:
        self.routes[path] = route

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> Site:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.answer(self)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def requests(self, path: str) -> list[Request]:
        return [r for r in self.log if r.path == path]

    def answer(self, h: BaseHTTPRequestHandler) -> None:
        route = self.routes.get(h.path)
        if route is None:
            return self._send(h, 404, NOT_FOUND, {"Content-Type": "text/html; charset=utf-8"}, True)
        if route.delay:
            time.sleep(route.delay)
        with self._lock:
            failing = route.fail_first > 0
            route.fail_first -= failing
        if failing:
            return self._send(h, 500, b"<html>busy</html>", {"Content-Type": "text/html"}, True)
        if route.location:
            return self._send(h, 302, b"", {"Location": route.location}, True)
        return self._send_body(h, route)

    def _send_body(self, h: BaseHTTPRequestHandler, route: Route) -> None:
        etag = f'"{hashlib.sha256(route.body).hexdigest()[:16]}"'
        headers = {"Content-Type": route.content_type}
        if route.validators:
            headers |= {"ETag": etag, "Last-Modified": LAST_MODIFIED}
            if h.headers.get("If-None-Match") == etag:
                return self._send(h, 304, b"", headers, True)
        elif route.last_modified:  # only a date: the client must ask with If-Modified-Since
            headers["Last-Modified"] = route.last_modified
            if h.headers.get("If-Modified-Since") == route.last_modified:
                return self._send(h, 304, b"", headers, True)
        return self._send(h, route.status, route.body, headers, route.send_length, route.drip)

    def _send(
        self,
        h: BaseHTTPRequestHandler,
        status: int,
        body: bytes,
        headers: dict[str, str],
        length: bool,
        drip: float = 0,
    ) -> None:
        h.send_response(status)
        for k, v in headers.items():
            h.send_header(k, v)
        if length:
            h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        try:
            for i in range(0, len(body), 1024 if drip else max(1, len(body))):
                h.wfile.write(body[i : i + 1024] if drip else body)
                h.wfile.flush()
                time.sleep(drip)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout, size limit)
            status = -status
        with self._lock:
            self.log.append(
                Request(
                    h.path,
                    status,
                    len(body),
                    h.headers.get("If-None-Match"),
                    h.headers.get("If-Modified-Since"),
                    h.headers.get("User-Agent"),
                )
            )
