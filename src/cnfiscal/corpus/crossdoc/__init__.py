"""Across documents (issue 14): office identity, and what one publication says about another must agree.

``check_records(records)`` runs it on records in memory (``api``); ``store.refresh(con)`` keeps the corpus tables
``offices``, ``office_links``, ``corpus_findings`` and ``corpus_checks`` up to date after each ingested document.
Rules are documented in docs/rules_corpus.md. (Kept free of imports: ``corpus.schema`` reads ``crossdoc.tables``.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cnfiscal.corpus.crossdoc.api import CrossResult


def check_records(records: Any) -> CrossResult:
    """See ``cnfiscal.corpus.crossdoc.api.check_records``."""
    from cnfiscal.corpus.crossdoc.api import check_records as run

    return run(records)


__all__ = ["check_records"]
