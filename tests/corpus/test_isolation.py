"""A document that hangs, crashes its worker or eats memory becomes a failed row; the batch completes."""

from __future__ import annotations

import shutil

from cnfiscal.corpus import ingest, load
from cnfiscal.corpus.task import Limits
from tests.corpus.fakes import faulty_work
from tests.corpus.helpers import TEXTS


def test_hang_crash_and_memory_hog_are_failed_rows_and_the_rest_is_ok(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    names = ["a_ok.txt", "b_hang.txt", "c_ok.txt", "d_crash.txt", "e_hog.txt", "f_ok.txt"]
    for i, name in enumerate(names):
        shutil.copyfile(TEXTS[i % len(TEXTS)], folder / name)
        with (folder / name).open("a", encoding="utf-8") as f:
            f.write(f"\n{name}\n")  # distinct content, so no file is skipped as a duplicate
    limits = Limits(seconds=2.5, memory_mb=1024)
    summary = ingest([folder], db=tmp_path / "c.duckdb", workers=2, limits=limits, work=faulty_work, progress=False)
    assert (summary.done, summary.failed) == (3, 3)
    assert summary.workers_replaced == 2  # the hung one and the crashed one
    docs = load(tmp_path / "c.duckdb", ["documents"])["documents"].set_index("path")
    reason = {p.rsplit("/", 1)[1]: (s, e) for p, s, e in zip(docs.index, docs["status"], docs["error"], strict=True)}
    assert reason["b_hang.txt"] == ("failed", "time limit exceeded (2.5 s); worker killed")
    assert reason["d_crash.txt"] == ("failed", "worker crashed (killed by SIGKILL); worker replaced")
    assert reason["e_hog.txt"] == ("failed", "memory limit exceeded (1024 MB per worker)")
    assert {reason[n][0] for n in ("a_ok.txt", "c_ok.txt", "f_ok.txt")} == {"ok"}
    assert set(docs.loc[docs["status"] == "failed", "error_stage"]) == {"corpus"}
