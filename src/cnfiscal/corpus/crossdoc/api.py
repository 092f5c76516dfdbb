"""Cross-document checks from Python, with or without a database.

Without one — records in, links and findings out::

    from cnfiscal.pipeline import process
    from cnfiscal.corpus.crossdoc import check_records
    result = check_records([process("budget_2023.pdf"), process("budget_2024.pdf")])
    result.links        # one OfficeLink per record (office_id None: refused, with the reason; a unit its
                        # department's list names: the department's office, scope unit, member_of/page/line)
    result.findings     # CrossFinding: rule, severity, message, stated, recomputed, sha256_a/page_a, sha256_b/page_b
    result.checks       # every cross-document statement: agrees | finding | unchecked (with the reason)

With one — ``cnfiscal ingest`` keeps the tables ``offices``, ``office_links``, ``corpus_findings`` and
``corpus_checks`` up to date; ``cnfiscal.corpus.load(db, ["corpus_findings"])`` reads them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from cnfiscal.corpus.crossdoc.identity.members import join, listed
from cnfiscal.corpus.crossdoc.identity.offices import OfficeLink, link
from cnfiscal.corpus.crossdoc.models import Check, CrossFinding
from cnfiscal.corpus.crossdoc.rules import Member, check_office
from cnfiscal.models import DocumentRecord, Status


@dataclass(slots=True)
class CrossResult:
    links: list[OfficeLink] = field(default_factory=list)
    findings: list[CrossFinding] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)


def check_records(records: Iterable[DocumentRecord]) -> CrossResult:
    """Link every record to its office and run the cross-document rules on each office's group."""
    result = CrossResult()
    live = [r for r in records if r.status is not Status.FAILED]
    own = [link(r) for r in live]
    result.links = join(own, (e for found, r in zip(own, live, strict=True) for e in listed(found, r)))
    groups: dict[str, list[Member]] = defaultdict(list)
    for found, record in zip(result.links, live, strict=True):
        if found.office_id is not None:
            unit_key = found.key if found.scope == "unit" else None
            groups[found.office_id].append(Member(record, found.year, found.scope, unit_key))
    for office_id in sorted(groups):
        checked = check_office(office_id, groups[office_id])
        result.findings.extend(checked.findings)
        result.checks.extend(checked.checks)
    return result
