"""doc.unit_count: a department's stated number of units against the units it lists (the 万里街道 2024 list, p4)."""

from __future__ import annotations

from cnfiscal.models import DocumentRecord, MemberUnit, Severity, Source, UnitCount
from cnfiscal.validate.unit_counts import unit_count_findings

# p4: 包括万里街道本部以及下属 5 家预算单位…行政单位 1 家，参公单位1家，事业单位 4 家，具体包括：1.…（本部）…6.
COUNTS = [
    UnitCount(kind="subordinate", count=5, raw="下属 5 家预算单位", page=4),
    UnitCount(kind="行政单位", count=1, raw="行政单位 1 家", page=4),
    UnitCount(kind="参公单位", count=1, raw="参公单位1家", page=4),
    UnitCount(kind="事业单位", count=4, raw="事业单位 4 家", page=4),
]
NAMES = ["某街道办事处（本部）", "某街道甲中心", "某街道乙中心", "某街道丙中心", "某街道丁中心", "某街道执法队"]


def _record(names: list[str], counts: list[UnitCount]) -> DocumentRecord:
    units = [MemberUnit(name=n, own=n.endswith("（本部）"), page=4) for n in names]
    return DocumentRecord(
        source=Source(path="x.pdf", sha256="a" * 64, input_kind="pdf-text"), units=units, unit_counts=counts
    )


def test_the_printed_counts_agree_with_the_printed_list():
    assert unit_count_findings(_record(NAMES, COUNTS)) == []


def test_a_unit_missing_from_the_list_is_an_error_for_each_count():
    found = unit_count_findings(_record(NAMES[:-1], COUNTS))
    assert [(f.message_key, f.severity, f.stated, f.recomputed, f.page) for f in found] == [
        ("doc.unit_count:subordinate", Severity.ERROR, "5", "4", 4),
        ("doc.unit_count:kinds", Severity.ERROR, "6", "5", 4),
    ]
    assert found[0].message == "文中称“下属 5 家预算单位”，所列本级以外的单位为4家"


def test_a_total_count_counts_the_own_unit():
    total = [UnitCount(kind="total", count=1, raw="预算单位共计一家", page=5)]
    assert unit_count_findings(_record(["某办公厅部门本级"], total)) == []
    found = unit_count_findings(_record(["某办公厅部门本级", "某中心"], total))
    assert [(f.stated, f.recomputed) for f in found] == [("1", "2")]


def test_counts_without_a_list_are_not_checked():
    assert unit_count_findings(_record([], COUNTS)) == []
