"""The corpus stage: bulk, incremental, crash-safe ingest into DuckDB; ``load`` for readers; export.

Python API::

    from cnfiscal.corpus import ingest, load
    summary = ingest(["reports/"], db="corpus.duckdb", workers=2)
    frames = load("corpus.duckdb")          # {table name: pandas.DataFrame}

Tables and columns: ``cnfiscal.corpus.schema`` (and ``load``'s docstring).
"""

from __future__ import annotations

# ``ingest`` is both a submodule and the function: imported here, the function is what the package's name
# means, whatever imports the submodule later (a module sets its package's attribute only when first loaded).
from cnfiscal.corpus.ingest import ingest
from cnfiscal.corpus.rows import record_to_rows
from cnfiscal.corpus.store import load

__all__ = ["ingest", "load", "record_to_rows"]
