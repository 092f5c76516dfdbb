"""``cnfiscal watch``: nightly runs over offices' publication pages — fetch what is new, ingest it, digest the run.

    from cnfiscal.corpus.watch import watch
    summary = watch(["https://example.gov.cn/zwgk/yjsgk/"], db="corpus.duckdb")

Modules: ``sources`` (SOURCE arguments, TOML files), ``fetch`` (HTTP), ``hosts`` (per-host limits, robots.txt),
``kinds`` (type by content), ``blobs`` (content-addressed files), ``listing`` (links of a page), ``crawl`` (walking the
pages), ``state`` and ``rows`` (the watch tables), ``run`` (the orchestrator), ``digest`` and ``markdown``.
See docs/watch.md.
"""

from __future__ import annotations

from cnfiscal.corpus.watch.run import WatchConfig, WatchSummary, watch

__all__ = ["WatchConfig", "WatchSummary", "watch"]
