"""kill -9 during a watch run, then a re-run: the database equals that of one uninterrupted run, and the re-run's
digest reports what the killed run had stored too (it covers runs that never finished)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cnfiscal.corpus import load
from cnfiscal.corpus.watch import watch
from tests.corpus.helpers import SMALL_PDFS, TEXTS, assert_same_tables, run_and_kill
from tests.corpus.watch.conftest import fast_config
from tests.corpus.watch.helpers import same_watch_state
from tests.corpus.watch.site import Route, Site

ROOT = Path(__file__).resolve().parents[3]
RUNNER = """
import logging, sys
from pathlib import Path
logging.basicConfig(level=logging.WARNING, format="%(message)s")
logging.getLogger("cnfiscal.corpus.ingest").setLevel(logging.DEBUG)
from cnfiscal.corpus.ingest import IngestConfig
from cnfiscal.corpus.watch import WatchConfig, watch
from cnfiscal.corpus.watch.fetch import HttpConfig
from tests.corpus.fakes import slow_work
http = HttpConfig(timeout=5.0, attempts=2, backoff=0.01, interval=0.0)
ingest = IngestConfig(workers=1, work=slow_work, progress=False)
watch([sys.argv[1]], sys.argv[2], WatchConfig(http=http, ingest=ingest, digest=Path(sys.argv[3])))
"""


def serve(site: Site) -> list[str]:
    """The sample texts and two PDFs."""
    paths = []
    for i, src in enumerate(TEXTS + SMALL_PDFS):
        path = f"/docs/{i:02d}{src.suffix}"
        site.add(path, Route(src.read_bytes()))
        paths.append(path)
    links = "".join(f'<a href="{p}">附件{i}</a>' for i, p in enumerate(paths))
    site.add("/docs/index.html", Route(f"<html><body>{links}</body></html>".encode(), content_type="text/html"))
    return paths


def watch_and_kill(url: str, db: Path, digest: Path, after: int) -> tuple[int, list[str]]:
    return run_and_kill(RUNNER, [url, str(db), str(digest)], ROOT, after)


def test_kill9_then_rerun_equals_a_clean_run(site, tmp_path):
    paths = serve(site)
    url = site.url("/docs/index.html")
    killed_db, clean_db = tmp_path / "killed.duckdb", tmp_path / "clean.duckdb"
    stored, lines = watch_and_kill(url, killed_db, tmp_path / "killed_digest", after=2)
    assert stored == 2, "".join(lines[-20:])
    survived = load(killed_db, ["documents"])["documents"]
    assert 2 <= len(survived) < len(paths)
    assert not (tmp_path / "killed_digest/latest.json").exists()

    rerun = watch([url], killed_db, fast_config(tmp_path / "k"))
    assert rerun.ingest.done == len(paths) - len(survived)
    # each document stored before the kill is either a 304 now (its URL row was written) or, killed between its
    # commit and its URL row, downloaded again and skipped as known content; the listing page is a 304
    assert rerun.digest is not None
    assert rerun.digest.counts.not_modified - 1 + rerun.ingest.skipped == len(survived)
    clean = watch([url], clean_db, fast_config(tmp_path / "c"))
    assert clean.ingest.done == len(paths)
    assert_same_tables(killed_db, clean_db)
    same_watch_state(killed_db, clean_db)
    assert rerun.digest is not None and clean.digest is not None
    assert [d.url for d in rerun.digest.new] == [d.url for d in clean.digest.new] == sorted(map(site.url, paths))
    assert rerun.digest.runs == [1, 2] and clean.digest.runs == [1]
    assert {f.finding_id for f in rerun.digest.new_findings} == {f.finding_id for f in clean.digest.new_findings}


def test_kill9_while_fetching_then_rerun_equals_a_clean_run(site, tmp_path):
    paths = serve(site)
    for path in paths:
        site.routes[path].delay = 0.3  # two at a time: the fetching takes about a second
    url = site.url("/docs/index.html")
    killed_db, clean_db = tmp_path / "killed.duckdb", tmp_path / "clean.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-c", RUNNER, url, str(killed_db), str(tmp_path / "d")], cwd=ROOT, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while sum(r.path in paths for r in site.log) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    served = sum(r.path in paths for r in site.log)
    assert 3 <= served < len(paths)  # killed while the files were being fetched
    assert load(killed_db, ["documents"])["documents"].empty  # nothing processed yet
    for path in paths:
        site.routes[path].delay = 0.0
    rerun = watch([url], killed_db, fast_config(tmp_path / "k"))
    clean = watch([url], clean_db, fast_config(tmp_path / "c"))
    assert rerun.ingest.done == clean.ingest.done == len(paths)
    assert_same_tables(killed_db, clean_db)
    same_watch_state(killed_db, clean_db)
    assert not list((tmp_path / "killed.files/.tmp").iterdir())
