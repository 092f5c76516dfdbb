"""Comparing the watch state of two databases, without the columns that say when something happened."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from cnfiscal.corpus.watch.state import VOLATILE


def watch_tables(db: Path) -> dict[str, pd.DataFrame]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        urls = con.sql("SELECT * FROM watch_urls ORDER BY url").df()
        versions = con.sql("SELECT * FROM watch_versions ORDER BY url, sha256").df()
    finally:
        con.close()
    frames = {"watch_urls": urls, "watch_versions": versions}
    return {n: f.drop(columns=[c for c in f.columns if c in VOLATILE]) for n, f in frames.items()}


def same_watch_state(a: Path, b: Path) -> None:
    left, right = watch_tables(a), watch_tables(b)
    assert len(left["watch_urls"]) > 0
    for name in left:
        pd.testing.assert_frame_equal(left[name], right[name], obj=name)
