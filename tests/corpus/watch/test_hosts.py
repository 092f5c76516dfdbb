"""Per-host politeness (concurrency cap, interval between starts) and robots.txt answers."""

from __future__ import annotations

import threading
import time

from cnfiscal.corpus.watch.hosts import HostGate, Robots


def test_gate_caps_concurrency_and_spaces_starts_per_host():
    gate = HostGate(per_host=1, interval=0.05)
    starts: dict[str, list[float]] = {"127.0.0.1:1": [], "127.0.0.2:1": []}
    inside = dict.fromkeys(starts, 0)
    most = dict.fromkeys(starts, 0)
    lock = threading.Lock()

    def request(host: str, path: str) -> None:
        with gate.slot(f"http://{host}{path}"):
            with lock:
                starts[host].append(time.monotonic())
                inside[host] += 1
                most[host] = max(most[host], inside[host])
            time.sleep(0.01)
            with lock:
                inside[host] -= 1

    calls = [("127.0.0.1:1", f"/p{i}") for i in range(4)] + [("127.0.0.2:1", "/x")]
    threads = [threading.Thread(target=request, args=call) for call in calls]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most == {"127.0.0.1:1": 1, "127.0.0.2:1": 1}
    one = sorted(starts["127.0.0.1:1"])
    assert one[-1] - t0 >= 3 * 0.05  # four starts on one host: the fourth at least three intervals after the first
    assert starts["127.0.0.2:1"][0] < one[-1]  # another host is not held back behind the first one's queue


def robots(status: int | None, text: str = "") -> Robots:
    return Robots("cnfiscal", lambda url: (status, text))


def test_robots_answers():
    rules = robots(200, "User-agent: *\nDisallow: /private/\n\nUser-agent: cnfiscal\nDisallow: /nobots/\n")
    assert rules.check("http://127.0.0.1/zwgk/a.pdf").allowed
    assert not rules.check("http://127.0.0.1/nobots/a.pdf").allowed  # our own group applies, not the * group
    assert robots(404).check("http://127.0.0.1/any.pdf").allowed
    forbidden = robots(403).check("http://127.0.0.1/any.pdf")
    assert not forbidden.allowed and forbidden.reason and forbidden.reason.startswith("robots.txt 拒绝访问（HTTP 403）")
    down = robots(503).check("http://127.0.0.1/any.pdf")
    assert not down.allowed and down.reason and down.reason.startswith("robots.txt 无法读取（HTTP 503）")
    assert not robots(None).check("http://127.0.0.1/any.pdf").allowed


def test_robots_is_read_once_per_origin():
    asked: list[str] = []
    rules = Robots("cnfiscal", lambda url: (asked.append(url), (404, ""))[1])
    for path in ("/a.pdf", "/b.pdf", "/c/d.html"):
        rules.check("http://127.0.0.1:8000" + path)
    rules.check("http://127.0.0.1:8001/a.pdf")
    assert asked == ["http://127.0.0.1:8000/robots.txt", "http://127.0.0.1:8001/robots.txt"]
