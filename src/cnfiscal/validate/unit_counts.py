"""``doc.unit_count``: the number of units a department's document states (``下属5家预算单位``, ``预算单位共计一家``,
``行政单位1家，参公单位1家，事业单位4家``) equals the number it lists (``具体包括：1.…``).

What each count is of: ``下属N家`` does not count the department's own unit (本部, 本级), so it is compared with
the listed units that are not the own unit; ``共计N家`` and the counts by kind (summed) count every listed unit.
Checked only when the document lists units (``DocumentRecord.units``, read by ``extract.narrative.units``).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cnfiscal.models import DocumentRecord, Finding, UnitCount
from cnfiscal.validate.base import Check, findings_of
from cnfiscal.validate.tolerance import Tolerance
from cnfiscal.vocab.member_units import KIND_COUNTS
from cnfiscal.vocab.messages import msg

RULE = "doc.unit_count"
_EXACT = Tolerance(Decimal(0), True, "0 (exact)")


def unit_count_findings(record: DocumentRecord) -> list[Finding]:
    return findings_of(_checks(record))


def _checks(record: DocumentRecord) -> Iterator[Check]:
    if not record.units:
        return
    own = sum(1 for u in record.units if u.own)
    listed = "；".join(u.name for u in record.units)
    for basis, counts, n in (
        ("subordinate", [c for c in record.unit_counts if c.kind == "subordinate"], len(record.units) - own),
        ("total", [c for c in record.unit_counts if c.kind == "total"], len(record.units)),
    ):
        for count in counts:
            yield _check(basis, [count], count.count, n, listed)
    by_kind = [c for c in record.unit_counts if c.kind in KIND_COUNTS]
    if by_kind:
        yield _check("kinds", by_kind, sum(c.count for c in by_kind), len(record.units), listed)


def _check(basis: str, counts: list[UnitCount], stated: int, listed_n: int, listed: str) -> Check:
    raw = "，".join(c.raw for c in counts)
    return Check(
        rule=RULE,
        message=msg(f"{RULE}:{basis}", raw=raw, stated=stated, n=listed_n),
        stated=Decimal(stated),
        recomputed=Decimal(listed_n),
        tolerance=_EXACT,
        where="unit_counts",
        page=counts[0].page,
        evidence=f"{raw} | {listed}"[:300],
    )
