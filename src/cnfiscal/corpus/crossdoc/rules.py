"""The cross-document rules, run on one office's group of live documents.

Each rule is a function ``(office_id, docs) -> (findings, checks)``; ``RULES`` lists them with their ids (documented
in docs/rules_corpus.md). A group is the documents of one office (``offices``): its budgets and final accounts of
every year, whatever form of its name each prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cnfiscal.corpus.crossdoc.checks import pairs, selfeval, sums, yoy
from cnfiscal.corpus.crossdoc.group import Doc, Member, group_docs
from cnfiscal.corpus.crossdoc.models import Check, CrossFinding

Rule = Callable[[str, list[Doc]], tuple[list[CrossFinding], list[Check]]]

RULES: tuple[tuple[str, Rule], ...] = (
    ("corpus.yoy", yoy.check),
    (pairs.RULE_UNIT, pairs.check_units),
    (pairs.RULE_FINAL, pairs.check_finals),
    (selfeval.RULE, selfeval.check),
    (sums.RULE_SUM, sums.check_sums),
)
# Rules comparing a document only with documents of its own scope (a unit's year with the same unit's other year,
# a unit's final account or self-evaluation with that unit's budget): run on each scope's documents apart — the
# department's, its own unit's (X本级), each listed unit's.
PER_SCOPE = frozenset({"corpus.yoy", pairs.RULE_FINAL, selfeval.RULE})

__all__ = ["RULES", "CrossFinding", "GroupResult", "Member", "check_office"]


@dataclass(slots=True)
class GroupResult:
    findings: list[CrossFinding] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)


def check_office(office_id: str, members: list[Member]) -> GroupResult:
    """Every rule on the office's documents."""
    docs = group_docs(members)
    result = GroupResult()
    for rule_id, rule in RULES:
        for part in _scopes(docs) if rule_id in PER_SCOPE else [docs]:
            findings, checks = rule(office_id, part)
            result.findings.extend(findings)
            result.checks.extend(checks)
    unique = {f.finding_id: f for f in result.findings}  # a statement read twice (a report and its tables file)
    result.findings = list(unique.values())
    return result


def _scopes(docs: list[Doc]) -> list[list[Doc]]:
    parts: dict[tuple[bool, str | None], list[Doc]] = {}
    for doc in docs:
        parts.setdefault((doc.is_unit, doc.unit_key), []).append(doc)
    return list(parts.values())
