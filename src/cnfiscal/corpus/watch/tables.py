"""The watch tables' columns (one spec per table, like the corpus tables): created by ``watch``, exported by
``cnfiscal export`` when present. See ``state`` for what each row means."""

from __future__ import annotations

from cnfiscal.corpus.schema import TableSpec

V, INT, T = "VARCHAR", "INTEGER", "TIMESTAMP"

WATCH_URLS = TableSpec(
    "watch_urls",
    (
        ("url", V),
        ("kind", V),  # page | file
        ("source", V),
        ("referrer", V),
        ("link_text", V),
        ("etag", V),
        ("last_modified", V),
        ("sha256", V),  # the content it last served
        ("bytes", "BIGINT"),
        ("content_kind", V),  # pdf | zip | ole | html | text | binary, judged by content
        ("blob", V),  # its copy, relative to the file store
        ("status", V),  # ok | failed (the last fetch)
        ("reason", V),
        ("office_hint", V),
        ("year_hint", INT),
        ("first_seen", T),
        ("last_seen", T),
        ("last_changed", T),
        ("first_run", INT),
        ("last_run", INT),
    ),
    ("url",),
)
WATCH_VERSIONS = TableSpec(
    "watch_versions",
    (("url", V), ("sha256", V), ("previous_sha256", V), ("run_id", INT), ("seen_at", T)),
    ("url", "run_id", "seen_at"),
)
WATCH_RUNS = TableSpec(
    "watch_runs",
    (
        ("run_id", INT),
        ("started_at", T),
        ("finished_at", T),  # null: the run was interrupted
        ("sources", V),
        ("requests", INT),
        ("downloaded", INT),
        ("not_modified", INT),
        ("failed", INT),
        ("digest", V),
        ("store", V),  # the file store's folder (absolute): ``watch_urls.blob`` is relative to it
    ),
    ("run_id",),
)
WATCH_SOURCES = TableSpec(
    "watch_sources",
    (("url", V), ("follow", V), ("depth", INT), ("office", V), ("year", INT), ("first_seen", T), ("last_run", INT)),
    ("url",),
)
WATCH_SPECS: tuple[TableSpec, ...] = (WATCH_URLS, WATCH_VERSIONS, WATCH_RUNS, WATCH_SOURCES)
