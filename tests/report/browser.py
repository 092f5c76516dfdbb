"""A tiny headless-Chromium driver over the DevTools protocol on a pipe (``--remote-debugging-pipe``).

No extra dependency: Chromium reads NUL-terminated JSON commands on fd 3 and writes replies and events on fd 4.
``open_page`` loads a URL and returns what a test needs: console errors and exceptions, failed loads
(Log entries of level error), every image with whether it loaded, the DOM text, and a PNG screenshot.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
    "--window-size=1280,900",
]
IMAGES_JS = "Array.from(document.images).map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0])"


def available() -> bool:
    return Path(CHROMIUM).exists()


def system_cjk_font() -> bool:
    """Whether fontconfig knows a Chinese font (the browser draws the HTML's Chinese with it)."""
    fc = shutil.which("fc-list")
    if fc is None:
        return False
    out = subprocess.run([fc, ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    return bool(out.strip())


@dataclass
class PageResult:
    console_errors: list[str] = field(default_factory=list)
    images: list[tuple[str, bool]] = field(default_factory=list)
    text: str = ""
    title: str = ""
    screenshot: bytes = b""
    fonts: list[str] = field(default_factory=list)  # families used for the page's h1


@dataclass
class Tab:
    """An open page: run scripts in it (``evaluate``), read its console errors, close it."""

    browser: Browser
    target: str
    session: str
    load_seconds: float

    def evaluate(self, expression: str) -> Any:
        return self.browser._eval(expression, self.session)

    def errors(self) -> list[str]:
        return self.browser._errors(self.session)

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})


class Browser:
    def __init__(self, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="cnfiscal-chromium-")
        cmd_r, self._cmd_w = os.pipe()
        self._out_r, out_w = os.pipe()
        # Chromium expects the command pipe on fd 3 and the reply pipe on fd 4.
        self.proc = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=lambda: (os.dup2(cmd_r, 3), os.dup2(out_w, 4)),  # noqa: PLW1509
        )
        os.close(cmd_r)
        os.close(out_w)
        self._buf = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def close(self) -> None:
        with contextlib.suppress(OSError, TimeoutError):
            self.send("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self._cmd_w)
        os.close(self._out_r)
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        self._next_id += 1
        msg: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._cmd_w, json.dumps(msg).encode() + b"\0")
        reply = self._wait(lambda m: m.get("id") == self._next_id)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def _wait(self, match: Any) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            while b"\0" in self._buf:
                raw, self._buf = self._buf.split(b"\0", 1)
                message = json.loads(raw)
                if "method" in message:
                    self.events.append(message)
                if match(message):
                    return message
            chunk = os.read(self._out_r, 1 << 16)
            if not chunk:
                raise OSError("chromium closed the DevTools pipe")
            self._buf += chunk
        raise TimeoutError("no answer from chromium")

    def open_page(self, url: str, width: int = 1280, height: int = 900) -> PageResult:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=session)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        self.events.clear()
        self.send("Page.navigate", {"url": url}, session=session)
        self._wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session)
        result = PageResult(console_errors=self._errors(session))
        result.images = [tuple(x) for x in self._eval(IMAGES_JS, session)]
        result.text = self._eval("document.body.innerText", session)
        result.title = self._eval("document.title", session)
        shot = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False}, session=session)
        result.screenshot = base64.b64decode(shot["data"])
        result.fonts = self._fonts("h1", session)
        result.console_errors += self._errors(session)
        self.send("Target.closeTarget", {"targetId": target})
        return result

    def load(self, url: str, width: int = 1280, height: int = 900) -> Tab:
        """Open ``url`` in a new tab and keep it open (for scripts run against it); the seconds from navigation
        to the load event are measured."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=session)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        self.events.clear()
        t0 = time.perf_counter()
        self.send("Page.navigate", {"url": url}, session=session)
        self._wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session)
        return Tab(self, target, session, time.perf_counter() - t0)

    def _fonts(self, selector: str, session: str) -> list[str]:
        """Font families the browser actually used to draw the text of the first ``selector`` element."""
        self.send("DOM.enable", session=session)
        self.send("CSS.enable", session=session)
        root = self.send("DOM.getDocument", session=session)["root"]["nodeId"]
        node = self.send("DOM.querySelector", {"nodeId": root, "selector": selector}, session=session)["nodeId"]
        if not node:
            return []
        fonts = self.send("CSS.getPlatformFontsForNode", {"nodeId": node}, session=session)["fonts"]
        return [f["familyName"] for f in fonts]

    def _eval(self, expression: str, session: str) -> Any:
        reply = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session)
        return reply["result"].get("value")

    def _errors(self, session: str) -> list[str]:
        errors = []
        for e in self.events:
            if e.get("sessionId") != session:
                continue
            p = e.get("params", {})
            if e["method"] == "Runtime.exceptionThrown":
                errors.append(f"exception: {p.get('exceptionDetails', {}).get('text')}")
            elif e["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                errors.append(f"console.{p['type']}: {p.get('args')}")
            elif e["method"] == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                errors.append(f"log: {p['entry'].get('text')} {p['entry'].get('url', '')}")
        self.events = [e for e in self.events if e.get("sessionId") != session]
        return errors
