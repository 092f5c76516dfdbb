"""A department's units as members of its office group: a document whose own name (folded) is an entry of the list
of units a department's document of the same year prints (``DocumentRecord.units``) joins the department's group
with scope ``unit``, with the evidence (the department document's sha256, the page, the printed line) and a
confidence.

- **Same year only.** A list says which units a year's budget (决算) includes (``纳入2024年度部门决算编制范围的
  单位``); units are created, merged and moved between departments, so another year's list is no evidence. Every
  rule using the link compares documents of one year, so a link across years would add no check, only a risk.
- **The whole name.** An entry is keyed like an office name (``vocab.office_names``); it links only on the whole
  key, never a part of it. An entry printed without the higher levels of its place (``某区X中心`` in the
  list of ``某市某区Y局``) is read with the department's own place put before it (``某市某区X中心``)
  — the part of the department's name before the entry's first place name, which must end with a level of
  government — at a lower confidence. An entry whose name does not start with the department's place after that
  (``城市运行管理中心``) never links.
- **One department.** A name two departments list for the same year links to neither.
- The department's own unit (``X本级``, ``X（本部）``) is linked by its name alone (``offices.fold``), not here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

import regex

from cnfiscal.corpus.crossdoc.identity.offices import OfficeLink, fold, is_strong
from cnfiscal.models import DocumentRecord
from cnfiscal.vocab import office_names as on

CONFIDENCE_LISTED = 0.9  # the unit's name is an entry of its department's list, as printed (after name forms)
CONFIDENCE_QUALIFIED = 0.85  # … after the department's place was put before the entry
_REGION = regex.compile(on.REGION_MARK)


@dataclass(frozen=True, slots=True)
class Listed:
    """An entry of a department document's list of units, keyed like an office name."""

    key: str
    name: str  # as printed
    year: int | None
    office_id: str  # the department's office
    sha256: str  # the department's document
    page: int | None
    raw: str  # the printed line
    separate: bool  # its budget is its own (not 并入本级)
    qualified: bool  # the department's place was put before it

    @property
    def confidence(self) -> float:
        return CONFIDENCE_QUALIFIED if self.qualified else CONFIDENCE_LISTED


def listed(found: OfficeLink, record: DocumentRecord) -> list[Listed]:
    """The entries of a department document's list other than its own unit (none when the document is not linked
    to an office, or is itself a unit's)."""
    if found.office_id is None or found.key is None or found.scope == "unit":
        return []
    out = []
    for unit in record.units:
        if unit.own:
            continue
        keyed = entry_key(unit.name, found.key)
        if keyed is not None:
            key, qualified = keyed
            out.append(
                Listed(key, unit.name, found.year, found.office_id, found.sha256, unit.page, unit.raw or unit.name,
                       unit.separate, qualified)
            )  # fmt: skip
    return out


def entry_key(name: str, department_key: str) -> tuple[str, bool] | None:
    """An entry's key and whether the department's place was put before it; None when it cannot be linked on."""
    key = fold(name).key
    place = _place(department_key)
    first = _REGION.search(key)
    if place is None or first is None:
        return None
    qualified = False
    if not key.startswith(place):
        at = department_key.find(key[: first.end()])
        if at <= 0 or not _REGION.search(department_key[at - 1]):
            return None
        key, qualified = department_key[:at] + key, True
    return (key, qualified) if is_strong(key) else None


def _place(key: str) -> str | None:
    """The first place name of a key (``某市``, ``某省``)."""
    first = _REGION.search(key)
    return key[: first.end()] if first else None


def join(links: Iterable[OfficeLink], entries: Iterable[Listed]) -> list[OfficeLink]:
    """Each link, made a member of the department whose same-year list names it (see the module docstring)."""
    entries = list(entries)
    named = Counter((e.year, e.key) for e in {(e.year, e.key, e.office_id): e for e in entries}.values())
    index = {(e.year, e.key): e for e in entries if named[(e.year, e.key)] == 1}
    out = []
    for found in links:
        entry = index.get((found.year, found.key)) if found.key and found.year is not None else None
        if entry is None or entry.office_id == found.office_id or entry.sha256 == found.sha256:
            out.append(found)
            continue
        out.append(as_member(found, entry))
    return out


def as_member(found: OfficeLink, entry: Listed) -> OfficeLink:
    return replace(
        found, office_id=entry.office_id, scope="unit", confidence=min(found.confidence, entry.confidence),
        member_of=entry.sha256, member_page=entry.page, member_line=entry.raw,
    )  # fmt: skip
