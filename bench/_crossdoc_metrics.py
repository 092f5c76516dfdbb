"""Cross-document figures of the real corpus (issue 14), from ``check_records`` over its documents.

Per office group: the statements met, checked (agrees or a finding), agreeing, the findings by severity and the
unchecked ones by reason (years written ``YYYY`` and the names after a colon dropped, so one reason counts once).
Against the hand labels (``tests/data/expected/crossdoc/``): of the statements listed in ``yoy.json`` (``agrees``
and ``unchecked``), how many the tool meets (same document, page, item — and words, for an unchecked one) and how
many come out as listed (outcome, and for an agreement the same previous-year file and page); the findings expected
and found;
and the office links of ``offices.json`` — a document linked with another office's documents, or its office
split over two ids, or refused where the labels do not allow it, is a wrong link.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import regex

from cnfiscal.corpus.crossdoc.api import CrossResult
from cnfiscal.corpus.crossdoc.models import Check

_YEAR = regex.compile(r"\b(?:19|20)\d{2}\b")


@dataclass(slots=True)
class GroupSummary:
    office: str  # the hand label of its documents (offices.json), else the office id
    documents: int = 0
    found: int = 0
    checked: int = 0
    agrees: int = 0
    findings: Counter[str] = field(default_factory=Counter)  # severity → count
    unchecked: Counter[str] = field(default_factory=Counter)  # reason → count


@dataclass(slots=True)
class Expected:
    listed: int = 0
    recognised: int = 0
    outcome_right: int = 0
    findings_expected: int = 0
    findings_found: int = 0
    links_listed: int = 0
    wrong_links: int = 0
    misses: list[str] = field(default_factory=list)


def summarise(result: CrossResult, names: Mapping[str, str], labels: Mapping[str, str]) -> list[GroupSummary]:
    """One summary per linked office; ``names``: sha256 → file name, ``labels``: file name → office label."""
    groups: dict[str, GroupSummary] = {}
    for link in result.links:
        if link.office_id is not None:
            label = labels.get(names.get(link.sha256, ""), link.office_id)
            groups.setdefault(link.office_id, GroupSummary(label)).documents += 1
    for c in result.checks:
        g = groups.setdefault(c.office_id, GroupSummary(c.office_id))
        g.found += 1
        g.checked += c.outcome != "unchecked"
        g.agrees += c.outcome == "agrees"
        if c.outcome == "unchecked":
            g.unchecked[_reason(c.reason)] += 1
    for f in result.findings:
        groups.setdefault(f.office_id, GroupSummary(f.office_id)).findings[f.severity.value] += 1
    return sorted(groups.values(), key=lambda g: g.office)


def _reason(reason: str | None) -> str:
    """A reason counted once whatever its year or the unit names after its colon (``…for: 厅机关本级``)."""
    return _YEAR.sub("YYYY", reason or "no reason").split(": ", 1)[0]


def compare(result: CrossResult, names: Mapping[str, str], yoy: dict[str, Any], offices: dict[str, Any]) -> Expected:
    """The hand labels against what the tool did (``yoy``, ``offices``: the two truth files, parsed)."""
    out = Expected()
    by_key: dict[tuple[str, int | None, str], list[Check]] = {}
    for c in result.checks:
        by_key.setdefault((names.get(c.sha256_a, c.sha256_a), c.page_a, c.item), []).append(c)
    for entry in [e for group in yoy.get("agrees", {}).values() for e in group] + yoy.get("unchecked", []):
        out.listed += 1
        met = [c for c in by_key.get((entry["a"], entry["page_a"], entry["item"]), []) if _words(entry, c)]
        out.recognised += bool(met)
        if any(_as_listed(entry, c, names) for c in met):
            out.outcome_right += 1
        else:
            out.misses.append(f"{entry['a']} p.{entry['page_a']} {entry['item']}: {[c.outcome for c in met]}")
    out.findings_expected = len(yoy.get("findings", []))
    out.findings_found = len(result.findings)
    out.links_listed, out.wrong_links = _links(result, names, offices.get("documents", {}))
    return out


def _words(entry: dict[str, Any], c: Check) -> bool:
    return str(entry.get("evidence", "")) in c.evidence


def _as_listed(entry: dict[str, Any], c: Check, names: Mapping[str, str]) -> bool:
    if c.outcome != entry["outcome"]:
        return False
    if c.outcome == "unchecked":
        return str(entry.get("reason", "")) in (c.reason or "")
    return names.get(c.sha256_b or "") == entry.get("b") and c.page_b == entry.get("page_b")


def _links(result: CrossResult, names: Mapping[str, str], documents: Mapping[str, Any]) -> tuple[int, int]:
    """(documents labelled, wrong links): refused without leave, or an id shared by two labels or split."""
    ids: dict[str, set[str]] = {}
    labels_of: dict[str, set[str]] = {}
    wrong = listed = 0
    for link in result.links:
        entry = documents.get(names.get(link.sha256, ""))
        if entry is None:
            continue
        listed += 1
        if link.office_id is None:
            wrong += not entry.get("may_refuse", False)
            continue
        ids.setdefault(entry["office"], set()).add(link.office_id)
        labels_of.setdefault(link.office_id, set()).add(entry["office"])
    wrong += sum(len(v) - 1 for v in ids.values()) + sum(len(v) - 1 for v in labels_of.values())
    return listed, wrong


def report_lines(groups: Iterable[GroupSummary], expected: Expected, verbose: bool = False) -> list[str]:
    lines = ["   cross-document (issue 14), per office group:"]
    for g in groups:
        if not g.found and g.documents < 2:
            continue
        found = ", ".join(f"{k} {v}" for k, v in sorted(g.findings.items())) or "none"
        lines.append(
            f"   {g.office[:24]:24} docs {g.documents:2d}  statements {g.found:3d}  checked {g.checked:3d}"
            f"  agree {g.agrees:3d}  findings {found}"
        )
        lines.extend(f"      unchecked {n:3d}: {reason}" for reason, n in g.unchecked.most_common())
    lines.append(
        f"   cross-document total: hand-listed statements recognised {expected.recognised}/{expected.listed},"
        f" outcome right {expected.outcome_right}/{expected.listed},"
        f" findings {expected.findings_found} (expected {expected.findings_expected}),"
        f" office links wrong {expected.wrong_links} of {expected.links_listed}"
    )
    if verbose:
        lines.extend(f"      - {m}" for m in expected.misses)
    return lines
