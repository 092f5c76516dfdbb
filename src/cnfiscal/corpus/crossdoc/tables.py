"""The cross-document tables of the corpus database (listed in ``corpus.schema.ALL_TABLES``, so ``load`` and every
export carry them).

- ``offices``: one row per office — its id, the name most often printed, every name form seen, the years and
  documents linked, and the content signature of the group last checked (``signature``: what makes a re-check
  incremental and crash-safe).
- ``office_links``: one row per live document — the office its name links it to (or null), the name it was read from,
  the name-form rules applied, the confidence, and the reason when a link was refused; for a unit its department's
  list names (same year), the department's office it is checked in (``member_office_id``) with the evidence.
- ``corpus_findings``: cross-document findings; side A the document making the statement, side B the document it is
  checked against, each with sha256 and page; ``finding_id`` stable over runs.
- ``corpus_checks``: every cross-document statement met (agrees, finding, or unchecked with the reason).
"""

from __future__ import annotations

from cnfiscal.corpus.tablespec import TableSpec

OFFICES = TableSpec(
    "offices",
    (
        ("office_id", "VARCHAR"),
        ("key", "VARCHAR"),  # the name folded by the name-form rules (vocab.office_names)
        ("name", "VARCHAR"),  # the form printed most often
        ("names", "VARCHAR"),  # JSON list of every form printed
        ("years", "VARCHAR"),  # JSON list
        ("n_documents", "INTEGER"),
        ("evidence", "VARCHAR"),  # JSON list: {sha256, name, source, rules, confidence} per document
        ("signature", "VARCHAR"),  # sha256 of the group's live document hashes when it was last checked
        ("n_findings", "INTEGER"),
        ("checked_at", "TIMESTAMP"),
    ),
    ("office_id",),
)

OFFICE_LINKS = TableSpec(
    "office_links",
    (
        ("sha256", "VARCHAR"),
        ("office_id", "VARCHAR"),  # null: no link (see reason)
        ("key", "VARCHAR"),
        ("name", "VARCHAR"),  # as printed
        ("source", "VARCHAR"),  # unit_name | tables | none
        ("rules", "VARCHAR"),  # JSON list of the name-form rules applied
        ("scope", "VARCHAR"),  # unit (X本级) | department | null
        ("confidence", "DOUBLE"),
        ("reason", "VARCHAR"),
        ("year", "INTEGER"),
        ("doc_type", "VARCHAR"),
        ("names", "VARCHAR"),  # JSON list of every name form the document prints
        # added for a department's units (appended: an older database gains them by ALTER TABLE)
        ("units", "VARCHAR"),  # JSON list of the units a department's document lists (members.Listed)
        ("member_of", "VARCHAR"),  # a unit its department's list names: the department document's sha256
        ("member_office_id", "VARCHAR"),  # … the department's office (the group the document is checked in)
        ("member_page", "INTEGER"),
        ("member_line", "VARCHAR"),  # the list's line, as printed
        ("member_confidence", "DOUBLE"),
    ),
    ("sha256",),
)

CORPUS_FINDINGS = TableSpec(
    "corpus_findings",
    (
        ("finding_id", "VARCHAR"),
        ("office_id", "VARCHAR"),
        ("rule", "VARCHAR"),
        ("severity", "VARCHAR"),
        ("message", "VARCHAR"),
        ("item", "VARCHAR"),
        ("stated", "VARCHAR"),
        ("recomputed", "VARCHAR"),
        ("difference", "VARCHAR"),
        ("tolerance", "VARCHAR"),
        ("evidence", "VARCHAR"),
        ("sha256_a", "VARCHAR"),
        ("page_a", "INTEGER"),
        ("year_a", "INTEGER"),
        ("sha256_b", "VARCHAR"),
        ("page_b", "INTEGER"),
        ("year_b", "INTEGER"),
        ("message_key", "VARCHAR"),
        ("message_params", "VARCHAR"),  # JSON object of the figures as printed
    ),
    ("office_id", "rule", "sha256_a", "page_a", "finding_id"),
)

CORPUS_CHECKS = TableSpec(
    "corpus_checks",
    (
        ("office_id", "VARCHAR"),
        ("rule", "VARCHAR"),
        ("item", "VARCHAR"),
        ("sha256_a", "VARCHAR"),
        ("page_a", "INTEGER"),
        ("year_a", "INTEGER"),
        ("evidence", "VARCHAR"),
        ("outcome", "VARCHAR"),  # agrees | finding | unchecked
        ("reason", "VARCHAR"),
        ("sha256_b", "VARCHAR"),
        ("page_b", "INTEGER"),
        ("year_b", "INTEGER"),
        ("finding_id", "VARCHAR"),
    ),
    ("office_id", "sha256_a", "page_a", "rule", "item", "evidence"),
)

CROSSDOC_TABLES: tuple[TableSpec, ...] = (OFFICES, OFFICE_LINKS, CORPUS_FINDINGS, CORPUS_CHECKS)
