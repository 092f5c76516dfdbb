"""An auditor's decisions on findings: 确认 / 驳回 / 待定 (confirmed / dismissed / pending), with a note, who and when.

Decisions live in the ``reviews`` table, one row per decision; the latest one per ``finding_id`` counts. They are
never deleted by an ingest: a re-ingest of the same file gives the same ``finding_id`` (``Finding.identity``) and
finds its decision; a new version of the file (other content, other ids) inherits the decision of a finding that is
unchanged — same path, rule, location, stated and recomputed figures (``decisions``).

Cross-document findings (``corpus_findings``, the ones that point at two documents) take decisions the same way:
their id is ``CrossFinding.identity``; a finding re-made when either document has a new version inherits the decision
when it is unchanged — same rule, statement document path and page, other document path and page, item and figures.

For the nightly digest: ``dismissed_ids(con)`` is the set of live finding ids an auditor dismissed (directly or by
inheritance), so a dismissed finding is never reported as new.
"""

from __future__ import annotations

import datetime as dt
import getpass
import logging
from dataclasses import dataclass
from enum import StrEnum

import duckdb
import pandas as pd

from cnfiscal.corpus.tablespec import TableSpec
from cnfiscal.errors import CorpusError

log = logging.getLogger(__name__)


class Decision(StrEnum):
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    PENDING = "pending"


CHINESE: dict[Decision, str] = {Decision.CONFIRMED: "确认", Decision.DISMISSED: "驳回", Decision.PENDING: "待定"}
_WORDS: dict[str, Decision] = {
    **{d.value: d for d in Decision},
    **{zh: d for d, zh in CHINESE.items()},
    "confirm": Decision.CONFIRMED,
    "dismiss": Decision.DISMISSED,
    "已确认": Decision.CONFIRMED,
    "已驳回": Decision.DISMISSED,
}


def parse_decision(text: object) -> Decision | None:
    """``确认``, ``驳回``, ``待定`` or the English words (any case); None for an empty cell; else ValueError."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return None
    word = str(text).strip()
    if not word:
        return None
    found = _WORDS.get(word) or _WORDS.get(word.lower())
    if found is None:
        raise ValueError(f"decision {word!r} is not 确认/驳回/待定 (confirmed/dismissed/pending)")
    return found


def who_default() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


@dataclass(frozen=True, slots=True)
class Reviewed:
    """A decision as recorded."""

    finding_id: str
    decision: Decision
    note: str
    who: str
    when: dt.datetime


# Where a cross-document finding is, as one string: its statement's page, then the other document and page, then
# the item (so an unchanged finding of a new version of either document is recognised).
_CROSS_LOCATION = """
    concat('p', coalesce(CAST(f.page_a AS VARCHAR), '?'), ' ↔ ', coalesce(b.path, f.sha256_b, ''), ' p',
           coalesce(CAST(f.page_b AS VARCHAR), '?'), ' ', coalesce(f.item, ''))
"""
_CROSS = f"""
    SELECT f.finding_id, f.sha256_a AS sha256, a.path, f.rule, {_CROSS_LOCATION} AS location, f.stated, f.recomputed
    FROM corpus_findings f
    LEFT JOIN documents a ON a.sha256 = f.sha256_a
    LEFT JOIN documents b ON b.sha256 = f.sha256_b
    WHERE f.finding_id IS NOT NULL AND f.finding_id <> ''
"""
_LIVE = f"""
    SELECT f.finding_id, f.sha256, d.path, f.rule, f.location, f.stated, f.recomputed
    FROM findings f JOIN documents d ON d.sha256 = f.sha256 AND NOT coalesce(d.superseded, false)
    WHERE f.finding_id IS NOT NULL
    UNION ALL {_CROSS}
"""
_LATEST = """
    SELECT * EXCLUDE (rn) FROM (
        SELECT *, row_number() OVER (PARTITION BY finding_id ORDER BY "when" DESC) AS rn FROM reviews
    ) WHERE rn = 1
"""
_DECISIONS = f"""
    WITH live AS ({_LIVE}), latest AS ({_LATEST}),
    direct AS (
        SELECT l.finding_id, r.decision, r.note, r.who, r."when", CAST(NULL AS VARCHAR) AS inherited_from
        FROM live l JOIN latest r ON r.finding_id = l.finding_id
    ),
    inherited AS (
        SELECT l.finding_id, r.decision, r.note, r.who, r."when", r.finding_id AS inherited_from,
               row_number() OVER (PARTITION BY l.finding_id ORDER BY r."when" DESC) AS rn
        FROM live l JOIN latest r
          ON r.path = l.path AND r.rule = l.rule AND r.location IS NOT DISTINCT FROM l.location
         AND r.stated IS NOT DISTINCT FROM l.stated AND r.recomputed IS NOT DISTINCT FROM l.recomputed
         AND r.finding_id <> l.finding_id
        WHERE l.finding_id NOT IN (SELECT finding_id FROM direct)
    )
    SELECT DISTINCT * FROM (
        SELECT * FROM direct
        UNION ALL SELECT finding_id, decision, note, who, "when", inherited_from FROM inherited WHERE rn = 1
    ) ORDER BY finding_id
"""


# The decision that holds per live finding, as ``cnfiscal export`` writes it (``decisions.<fmt>``, a sheet of the
# xlsx export): derived from ``reviews`` (the history) by ``DECISIONS_SQL``, not stored.
DECISIONS = TableSpec(
    "decisions",
    (
        ("finding_id", "VARCHAR"),
        ("decision", "VARCHAR"),
        ("note", "VARCHAR"),
        ("who", "VARCHAR"),
        ("when", "TIMESTAMP"),
        ("inherited_from", "VARCHAR"),
    ),
    ("finding_id",),
)
DECISIONS_SQL = _DECISIONS


def decisions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The decision that holds for each live finding that has one: columns finding_id, decision, note, who,
    when, inherited_from (the id on an earlier version the decision was made on; null when made on this one)."""
    return con.execute(_DECISIONS).df()


def dismissed_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Ids of live findings an auditor dismissed (驳回), on this version or an earlier one where the finding was
    the same: a nightly run never reports them as new."""
    rows = con.execute(f"SELECT finding_id FROM ({_DECISIONS}) WHERE decision = ?", [Decision.DISMISSED.value])
    return {r[0] for r in rows.fetchall()}


def record_decision(  # noqa: PLR0917
    con: duckdb.DuckDBPyConnection,
    finding_id: str,
    decision: Decision,
    note: str = "",
    who: str | None = None,
    source: str = "cli",
) -> Reviewed:
    """Store one decision on a finding of the database (one document's or one across documents); CorpusError when
    no finding has this id."""
    found = con.execute(
        """SELECT f.sha256, d.path, f.rule, f.location, f.stated, f.recomputed
           FROM findings f JOIN documents d ON d.sha256 = f.sha256
           WHERE f.finding_id = ? ORDER BY coalesce(d.superseded, false), d.version DESC LIMIT 1""",
        [finding_id],
    ).fetchone()
    if found is None:
        found = con.execute(
            f"SELECT sha256, path, rule, location, stated, recomputed FROM ({_CROSS}) WHERE finding_id = ? LIMIT 1",
            [finding_id],
        ).fetchone()
    if found is None:
        raise CorpusError(f"no finding with id {finding_id} in the database")
    when = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    who = who or who_default()
    con.execute(
        "INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [finding_id, decision.value, note, who, when, source, *found],
    )
    log.info("review: %s %s by %s", finding_id, decision.value, who)
    return Reviewed(finding_id, decision, note, who, when)


def current(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """finding_id → (decision, note) as they hold now (for an import: unchanged rows are not recorded again)."""
    frame = decisions(con)
    return {
        str(r.finding_id): (str(r.decision), "" if pd.isna(r.note) else str(r.note))
        for r in frame.itertuples(index=False)
    }
