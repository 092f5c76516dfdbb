"""Does a table hold what its title says? The title proposes the kind; the content (column headers, row labels,
subject codes) confirms it by the catalogue's ``CONTENT_SIGNS``. A table that does not fit gets a warning naming
the kinds it fits — recorded and logged, never silently re-labelled."""

from __future__ import annotations

import functools
import logging

import regex

from cnfiscal.models import Table
from cnfiscal.vocab.tables import CONTENT_SIGNS, SPEC_BY_KIND, TableKind

log = logging.getLogger(__name__)


@functools.cache
def _signs(kind: TableKind) -> tuple[regex.Pattern[str], ...]:
    return tuple(regex.compile(p) for p in CONTENT_SIGNS[kind])


def content_text(t: Table) -> str:
    """Column headers (of the table and of its rows' values), sides, codes and row labels, joined by ``|``."""
    columns = dict.fromkeys([*t.columns, *(c for r in t.rows for c in r.values)])
    rows = [*(r.side or "" for r in t.rows), *(r.code or "" for r in t.rows), *(r.name or "" for r in t.rows)]
    return "|".join(p for p in [*columns, *rows] if p)


def fits(kind: TableKind, text: str) -> bool:
    return all(p.search(text) for p in _signs(kind))


def content_warning(t: Table) -> str | None:
    """``<title>: 表中内容不似该表 …`` when the table's own content does not fit its kind; None when it fits or
    cannot be judged (no signs for the kind, an empty table)."""
    kind = TableKind(t.kind) if t.kind else None
    if kind is None or kind not in CONTENT_SIGNS or t.empty or not t.rows:
        return None
    text = content_text(t)
    if fits(kind, text):
        return None
    others = [SPEC_BY_KIND[k].title for k in CONTENT_SIGNS if k is not kind and fits(k, text)]
    warning = f"{t.name}: 表中内容不似该表（p.{t.page_start}）" + (f"，似{'/'.join(others[:3])}" if others else "")
    log.warning(warning)
    return warning
