"""Cross-document results: a finding that points at two documents, and the record of each statement checked.

``CrossFinding`` is ``Finding`` for two documents: side A is the document making the statement (year N's
``比上年增加X万元``), side B the document whose own figure it is checked against (year N−1's budget). Its
``finding_id`` is stable like ``Finding.identity``: the same two contents, rule, pages, values and evidence give
the same id on every run. ``Check`` records every cross-document statement met, checked or not, and why not.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from pydantic import Field

from cnfiscal.models import Record, Severity


class CrossFinding(Record):
    finding_id: str = ""
    office_id: str
    rule: str
    severity: Severity
    message: str  # Chinese by default, from ``message_key`` and ``message_params`` (vocab.messages)
    item: str
    stated: str | None = None  # what A implies (元, decimal string)
    recomputed: str | None = None  # what B prints (元, decimal string)
    difference: str | None = None
    tolerance: str | None = None
    evidence: str | None = None  # A's sentence | B's sentence or table cell
    sha256_a: str
    page_a: int | None = None
    year_a: int | None = None
    sha256_b: str | None = None
    page_b: int | None = None
    year_b: int | None = None
    message_key: str | None = None
    message_params: dict[str, str] = Field(default_factory=dict)

    def identity(self) -> str:
        key = [
            self.rule, self.sha256_a, self.page_a, self.sha256_b, self.page_b,
            self.item, self.stated, self.recomputed, self.evidence,
        ]  # fmt: skip
        return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode()).hexdigest()[:16]

    def with_identity(self) -> CrossFinding:
        return self.model_copy(update={"finding_id": self.identity()})


@dataclass(frozen=True, slots=True)
class Check:
    """One cross-document statement and what became of it: ``agrees``, ``finding`` (see ``finding_id``) or
    ``unchecked`` with the reason (no document of that year, the item not stated there, …)."""

    office_id: str
    rule: str
    item: str
    sha256_a: str
    page_a: int | None
    year_a: int | None
    evidence: str
    outcome: str  # agrees | finding | unchecked
    reason: str | None = None
    sha256_b: str | None = None
    page_b: int | None = None
    year_b: int | None = None
    finding_id: str | None = None
