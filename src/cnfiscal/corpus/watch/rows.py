"""A fetch result → the URL's new ``watch_urls`` row (derived from its previous row, never changed in place)."""

from __future__ import annotations

import dataclasses

from cnfiscal.corpus.watch.blobs import BlobStore
from cnfiscal.corpus.watch.crawl import Hit
from cnfiscal.corpus.watch.fetch import Fetched, FetchStatus
from cnfiscal.corpus.watch.kinds import ContentKind, mismatch
from cnfiscal.corpus.watch.state import UrlRow, now


def row_for(hit: Hit, fetched: Fetched, prior: UrlRow | None, run_id: int, blobs: BlobStore) -> UrlRow:
    """What ``watch_urls`` says about ``hit.url`` after this fetch."""
    at = now()
    base = prior or UrlRow(hit.url, hit.kind.value, hit.source.url, first_seen=at, first_run=run_id)
    seen = dataclasses.replace(
        base,
        kind=hit.kind.value,
        source=hit.source.url,
        referrer=hit.referrer,
        link_text=hit.link_text or None,
        office_hint=hit.source.office,
        year_hint=hit.source.year,
        last_seen=at,
        last_run=run_id,
    )
    if fetched.status is FetchStatus.NOT_MODIFIED:
        return _same_content(seen, hit.suffix)
    if fetched.blob is None:  # failed before any body: the last content known stays as it was
        return dataclasses.replace(seen, status="failed", reason=fetched.reason)
    blob = fetched.blob
    changed = blob.sha256 != base.sha256
    return dataclasses.replace(
        seen,
        etag=fetched.validators.etag,
        last_modified=fetched.validators.last_modified,
        sha256=blob.sha256,
        bytes=blob.size,
        content_kind=fetched.kind.value if fetched.kind else None,
        blob=blob.path.relative_to(blobs.root).as_posix(),
        status="failed" if fetched.status is FetchStatus.FAILED else "ok",
        reason=fetched.reason,
        last_changed=at if changed else base.last_changed,
    )


def _same_content(row: UrlRow, suffix: str) -> UrlRow:
    """A 304: the content is the one stored, so is its verdict (an error page stays a failure)."""
    reason = mismatch(suffix, ContentKind(row.content_kind)) if row.content_kind else None
    return dataclasses.replace(row, status="failed" if reason else "ok", reason=reason)
