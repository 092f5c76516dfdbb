"""``cnfiscal watch``: nightly runs over offices' publication pages — fetch what is new, ingest it, digest the run.

    from cnfiscal.corpus.watch import watch
    summary = watch(["https://example.gov.cn/zwgk/yjsgk/"], db="corpus.duckdb")

Modules: ``sources`` (SOURCE arguments, TOML files), ``fetch`` (HTTP), ``hosts`` (per-host limits, robots.txt),
``kinds`` (type by content), ``blobs`` (content-addressed files), ``listing`` (links of a page), ``crawl`` (walking the
pages), ``tables``, ``state`` and ``rows`` (the watch tables), ``run`` (the orchestrator), ``digest`` and ``markdown``.
See docs/watch.md.

Nothing heavy is imported here: ``export`` reads ``watch.tables`` without loading the ingest machinery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from cnfiscal.corpus.watch.run import WatchConfig, WatchSummary
    from cnfiscal.corpus.watch.sources import WatchSource


def watch(sources: list[str] | list[WatchSource], db: Path | str, config: WatchConfig | None = None) -> WatchSummary:
    """Fetch what is new at ``sources``, ingest it into ``db``, and digest the run (``run.watch``)."""
    from cnfiscal.corpus.watch.run import watch as _watch

    return _watch(sources, db, config)


def __getattr__(name: str) -> Any:
    if name in ("WatchConfig", "WatchSummary"):
        from cnfiscal.corpus.watch import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["WatchConfig", "WatchSummary", "watch"]
