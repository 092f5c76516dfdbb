"""``watch`` with a Dask cluster (``--scheduler``) gives the same database as in-process."""

from __future__ import annotations

import dataclasses

import pytest

from cnfiscal.corpus.watch import watch
from tests.corpus.helpers import assert_same_tables
from tests.corpus.watch.conftest import PDF_2021, TEXT_2023, TEXT_REPORT, fast_config
from tests.corpus.watch.helpers import same_watch_state
from tests.corpus.watch.site import Route

distributed = pytest.importorskip("distributed")


def test_dask_equals_in_process(site, tmp_path):
    files = {"/d/a.pdf": PDF_2021, "/d/b.txt": TEXT_2023, "/d/c.txt": TEXT_REPORT}
    for path, src in files.items():
        site.add(path, Route(src.read_bytes()))
    links = "".join(f'<a href="{p}">附件</a>' for p in files)
    site.add("/d/index.html", Route(f"<html><body>{links}</body></html>".encode(), content_type="text/html"))
    local = watch([site.url("/d/index.html")], tmp_path / "local.duckdb", fast_config(tmp_path / "l"))
    config = fast_config(tmp_path / "r")
    with (
        distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as lc,
        distributed.Client(lc) as client,
    ):
        remote_config = dataclasses.replace(config, ingest=dataclasses.replace(config.ingest, client=client))
        remote = watch([site.url("/d/index.html")], tmp_path / "remote.duckdb", remote_config)
    assert local.ingest.done == remote.ingest.done == 3
    assert all(worker.startswith("inproc://") for worker in remote.ingest.peak_worker_rss_mb)
    assert_same_tables(tmp_path / "local.duckdb", tmp_path / "remote.duckdb")
    same_watch_state(tmp_path / "local.duckdb", tmp_path / "remote.duckdb")
