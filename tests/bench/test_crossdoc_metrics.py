"""The cross-document figures of ``python -m bench corpus`` (``bench/_crossdoc_metrics.py``) on made-up results:
what counts as met, checked, agreeing; a hand-listed statement recognised and right; a wrong office link."""

from __future__ import annotations

from bench._crossdoc_metrics import compare, report_lines, summarise

from cnfiscal.corpus.crossdoc.api import CrossResult
from cnfiscal.corpus.crossdoc.identity.offices import OfficeLink
from cnfiscal.corpus.crossdoc.models import Check, CrossFinding
from cnfiscal.models import Severity

NAMES = {"a" * 64: "b2018.pdf", "b" * 64: "b2017.pdf", "c" * 64: "other.pdf"}


def _link(sha: str, office: str | None) -> OfficeLink:
    return OfficeLink(sha * 64, office, None, None, "unit_name")


def _check(item: str, outcome: str, page_b: int | None = 16, reason: str | None = None) -> Check:
    said = f"{item}支出256.76万元，与上年相比减少"
    agrees = outcome == "agrees"
    return Check("o-1", "corpus.yoy.change", item, "a" * 64, 25, 2018, said, outcome, reason,
                 "b" * 64 if agrees else None, page_b if agrees else None)  # fmt: skip


def _result(*checks: Check, links: tuple[OfficeLink, ...] = ()) -> CrossResult:
    finding = CrossFinding(office_id="o-1", rule="corpus.yoy.flat", severity=Severity.WARNING, message="m", item="x",
                           sha256_a="a" * 64)  # fmt: skip
    return CrossResult(links=list(links or (_link("a", "o-1"), _link("b", "o-1"))), findings=[finding],
                       checks=list(checks))  # fmt: skip


def test_a_group_counts_met_checked_agreeing_findings_and_reasons() -> None:
    result = _result(
        _check("功能:行政运行", "agrees"),
        _check("功能:人大会议", "finding"),
        _check("", "unchecked", reason="no 2016 budget in the corpus for: 厅机关本级"),
        _check("", "unchecked", reason="no 2015 budget in the corpus for: 另一本级"),
    )
    [group] = summarise(result, NAMES, {"b2018.pdf": "npcsc"})
    assert (group.office, group.documents, group.found, group.checked, group.agrees) == ("npcsc", 2, 4, 2, 1)
    assert dict(group.findings) == {"warning": 1}
    assert dict(group.unchecked) == {"no YYYY budget in the corpus for": 2}  # one reason, whatever year or unit


def test_a_listed_statement_is_right_only_with_its_outcome_file_and_page() -> None:
    def agrees(item: str) -> dict[str, object]:
        return {"a": "b2018.pdf", "page_a": 25, "item": item, "outcome": "agrees", "b": "b2017.pdf", "page_b": 16}

    yoy = {
        "findings": [],
        "agrees": {"g": [agrees("功能:行政运行"), agrees("功能:人大会议"), agrees("功能:人大立法")]},
        "unchecked": [{"a": "b2018.pdf", "page_a": 25, "item": "", "evidence": "256.76万元", "outcome": "unchecked",
                       "reason": "not recognised"}],
    }  # fmt: skip
    result = _result(
        _check("功能:行政运行", "agrees"),
        _check("功能:人大会议", "agrees", page_b=17),  # met, agrees, but with another page than read by hand
        _check("", "unchecked", reason="the item compared is not recognised"),
    )
    got = compare(result, NAMES, yoy, {"documents": {}})
    assert (got.listed, got.recognised, got.outcome_right) == (4, 3, 2)
    assert (got.findings_expected, got.findings_found) == (0, 1)
    assert len(got.misses) == 2 and any("人大立法" in m for m in got.misses)


def test_office_links_wrong_when_shared_split_or_refused_without_leave() -> None:
    documents: dict[str, dict[str, object]] = {
        "b2018.pdf": {"office": "npcsc"},
        "b2017.pdf": {"office": "npcsc"},
        "other.pdf": {"office": "party"},
    }
    right = _result(links=(_link("a", "o-1"), _link("b", "o-1"), _link("c", "o-2")))
    got = compare(right, NAMES, {}, {"documents": documents})
    assert (got.links_listed, got.wrong_links) == (3, 0)
    shared = _result(links=(_link("a", "o-1"), _link("b", "o-1"), _link("c", "o-1")))
    assert compare(shared, NAMES, {}, {"documents": documents}).wrong_links == 1
    split = _result(links=(_link("a", "o-1"), _link("b", "o-3"), _link("c", "o-2")))
    assert compare(split, NAMES, {}, {"documents": documents}).wrong_links == 1
    refused = _result(links=(_link("a", "o-1"), _link("b", "o-1"), _link("c", None)))
    assert compare(refused, NAMES, {}, {"documents": documents}).wrong_links == 1
    documents["other.pdf"]["may_refuse"] = True
    assert compare(refused, NAMES, {}, {"documents": documents}).wrong_links == 0


def test_the_report_ends_with_the_totals() -> None:
    result = _result(_check("功能:行政运行", "agrees"))
    lines = report_lines(summarise(result, NAMES, {}), compare(result, NAMES, {"agrees": {}}, {}))
    assert lines[-1].startswith("   cross-document total: hand-listed statements recognised 0/0")
    assert any("agree   1" in line for line in lines)
