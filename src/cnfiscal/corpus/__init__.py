"""The corpus stage: bulk, incremental, crash-safe ingest into DuckDB; ``load`` for readers; export.

Python API::

    from cnfiscal.corpus import ingest, load
    summary = ingest(["reports/"], db="corpus.duckdb", workers=2)
    frames = load("corpus.duckdb")          # {table name: pandas.DataFrame}

Tables and columns: ``cnfiscal.corpus.schema`` (and ``load``'s docstring).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cnfiscal.corpus.rows import record_to_rows
from cnfiscal.corpus.store import load

if TYPE_CHECKING:
    from cnfiscal.corpus.ingest import IngestSummary


def ingest(paths: Any, db: Any, **kwargs: Any) -> IngestSummary:
    """Ingest files and folders into ``db``; see ``cnfiscal.corpus.ingest.ingest`` for the options."""
    from cnfiscal.corpus.ingest import ingest as _ingest

    return _ingest(paths, db=db, **kwargs)


__all__ = ["ingest", "load", "record_to_rows"]
