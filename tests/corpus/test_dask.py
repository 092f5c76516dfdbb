"""The same ingest on a Dask LocalCluster gives the same database as the local worker pool."""

from __future__ import annotations

import pytest

from cnfiscal.corpus import ingest
from tests.corpus.helpers import assert_same_tables, make_corpus

distributed = pytest.importorskip("distributed")


def test_dask_local_cluster_equals_local_run(tmp_path):
    folder = tmp_path / "docs"
    files = make_corpus(folder)
    local_db, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    # in-process on both sides, so both run the very same loaded code (the pool itself is tested elsewhere)
    local = ingest([folder], db=local_db, workers=0, progress=False)
    # one thread per worker: PyMuPDF is not thread-safe
    with (
        distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as lc,
        distributed.Client(lc) as client,
    ):
        remote = ingest([folder], db=dask_db, client=client, progress=False)
    assert (local.done, local.failed) == (remote.done, remote.failed) == (len(files), 0)
    assert remote.pages == local.pages > 0
    assert all(worker.startswith("inproc://") for worker in remote.peak_worker_rss_mb)
    assert_same_tables(local_db, dask_db)


def test_unreachable_scheduler_is_a_corpus_error(tmp_path, monkeypatch):
    from cnfiscal.corpus import dask_backend
    from cnfiscal.errors import CorpusError

    monkeypatch.setattr(dask_backend, "CONNECT_TIMEOUT", "2s")
    folder = tmp_path / "docs"
    make_corpus(folder, pdfs=False)
    with pytest.raises(CorpusError, match="cannot reach the Dask scheduler"):
        ingest([folder], db=tmp_path / "c.duckdb", scheduler="tcp://127.0.0.1:1", progress=False)
