"""The same ingest on a Dask LocalCluster gives the same database as the local worker pool."""

from __future__ import annotations

import pytest

from cnfiscal.corpus import ingest, load
from cnfiscal.corpus.task import Limits
from tests.corpus.fakes import faulty_work
from tests.corpus.helpers import TEXTS, assert_same_tables, make_corpus

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


def test_time_limit_on_dask_fails_the_document_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, name in enumerate(["a.txt", "b_hang.txt", "c.txt", "d.txt"]):
        (folder / name).write_bytes(TEXTS[i].read_bytes() + name.encode())
    db = tmp_path / "c.duckdb"
    with (
        distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as lc,
        distributed.Client(lc) as client,
    ):
        summary = ingest([folder], db=db, client=client, limits=Limits(seconds=1.5), work=faulty_work, progress=False)
    docs = load(db, ["documents"])["documents"].set_index("path")
    assert docs.loc[str(folder / "b_hang.txt"), "error"] == "time limit exceeded (1.5 s) on Dask; task cancelled"
    assert (summary.done, summary.failed) == (3, 1)
