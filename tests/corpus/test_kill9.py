"""kill -9 during an ingest, then a re-run: the database equals that of one uninterrupted run."""

from __future__ import annotations

from pathlib import Path

from cnfiscal.corpus import ingest, load
from tests.corpus.helpers import assert_same_tables, make_corpus, run_and_kill

ROOT = Path(__file__).resolve().parents[2]
RUNNER = """
import logging, sys
logging.basicConfig(level=logging.WARNING, format="%(message)s")
logging.getLogger("cnfiscal.corpus.ingest").setLevel(logging.DEBUG)
from cnfiscal.corpus import ingest
from tests.corpus.fakes import slow_work
ingest([sys.argv[1]], db=sys.argv[2], workers=1, work=slow_work, progress=False)
"""


def ingest_and_kill(folder: Path, db: Path, after: int) -> tuple[int, list[str]]:
    """Run an ingest in a subprocess; SIGKILL it once ``after`` documents are committed.

    Returns how many were committed and the subprocess's log lines (for the failure message).
    """
    return run_and_kill(RUNNER, [str(folder), str(db)], ROOT, after)


def test_kill9_then_rerun_equals_a_clean_run(tmp_path):
    folder = tmp_path / "docs"
    files = make_corpus(folder, copies=3, pdfs=False)
    killed_db, clean_db = tmp_path / "killed.duckdb", tmp_path / "clean.duckdb"
    stored, lines = ingest_and_kill(folder, killed_db, after=3)
    assert stored == 3, "".join(lines[-20:])
    survived = load(killed_db, ["documents"])["documents"]
    assert 3 <= len(survived) < len(files)  # it was killed half-way, and kept what it had committed
    rerun = ingest([folder], db=killed_db, workers=0, progress=False)
    assert rerun.skipped == len(survived) and rerun.done == len(files) - len(survived)
    ingest([folder], db=clean_db, workers=0, progress=False)
    assert_same_tables(killed_db, clean_db)
    assert len(load(clean_db, ["documents"])["documents"]) == len(files)
