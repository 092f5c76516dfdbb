"""Office identity: which office published a document, as a stable id, with the evidence and a confidence.

The id is a hash of the office's *key*: its name folded by the name-form rules of ``vocab.office_names``
(``中国共产党某省委员会办公厅`` → ``某省委办公厅``; ``某布依族苗族自治州X局`` → ``某州X局``; ``X本级`` → ``X``,
scope unit). So the id of a document depends on that document alone (ingest order never changes it), and two
documents share an office exactly when their names fold to the same key.

A link is refused (no office id, with the reason) rather than guessed: when no name found is a strong one (it must
carry a level of government and end like an office: ``某省`` or ``公开表一`` never link), or when the names one
document gives (its cover, its tables' 编制部门) fold to different keys that are not one the truncation of the other.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from dataclasses import dataclass, field, replace

import regex

from cnfiscal.models import DocumentRecord
from cnfiscal.vocab import office_names as on
from cnfiscal.vocab import offices as ov

log = logging.getLogger(__name__)

_LABEL = regex.compile(on.NAME_LABEL)
_NOISE = regex.compile(on.NAME_NOISE)
_REGION = regex.compile(on.REGION_MARK)
_PLACEHOLDER = regex.compile(on.PLACEHOLDER)
_SUFFIX = regex.compile(ov.OFFICE_SUFFIX)
_NOT_OFFICE = tuple(regex.compile(p) for p in ov.NOT_OFFICE)
_PEOPLES = "|".join(sorted(on.PEOPLES, key=len, reverse=True))
_AUTONOMOUS = regex.compile(rf"(?<=\p{{Han}})(?:(?:{_PEOPLES})族)+自治({'|'.join(on.AUTONOMOUS_LEVELS)})")
_AUTONOMOUS_REGION = regex.compile(rf"(?:(?:{_PEOPLES})族)*自治{on.AUTONOMOUS_REGION}")

CONFIDENCE_NAME = 1.0  # the document's own name, as printed
CONFIDENCE_FORMS = 0.95  # the document's own name, after name-form rules
CONFIDENCE_TABLES = 0.9  # the 编制部门 its tables print, two or more agreeing
CONFIDENCE_ONE_TABLE = 0.8  # one table's 编制部门
TRUNCATED_TAIL = 2  # a name cut by the layout loses at most this many characters (办公厅 → 办)


@dataclass(frozen=True, slots=True)
class Folded:
    """A name folded to its key, with the rules that were applied and the scope its qualifier names."""

    printed: str
    key: str
    rules: tuple[str, ...]
    scope: str | None  # "unit" (X本级), "department" (X（部门）) or None

    @property
    def strong(self) -> bool:
        return is_strong(self.key)


@dataclass(frozen=True, slots=True)
class OfficeLink:
    """One document's office: the id (None: refused), the name it was read from, how, and how sure."""

    sha256: str
    office_id: str | None
    key: str | None
    name: str | None  # as printed
    source: str  # "unit_name" | "tables" | "none"
    rules: tuple[str, ...] = ()
    scope: str | None = None
    confidence: float = 0.0
    reason: str | None = None  # why a link was refused
    year: int | None = None
    doc_type: str | None = None
    names: tuple[str, ...] = field(default_factory=tuple)  # every name form the document gives
    # a unit linked to its department's group because the department's list names it (``members``)
    member_of: str | None = None  # the department document's sha256
    member_page: int | None = None
    member_line: str | None = None  # the list's line, as printed


def office_id_of(key: str) -> str:
    return "o-" + hashlib.sha256(key.encode()).hexdigest()[:12]


def fold(name: str) -> Folded:
    """The key of a name as printed: label, noise and scope qualifiers dropped, full forms shortened."""
    text = _LABEL.sub("", _NOISE.sub("", name))
    rules: list[str] = []
    scope = None
    for suffixes, which in ((on.UNIT_SCOPE_SUFFIXES, "unit"), (on.DEPT_SCOPE_SUFFIXES, "department")):
        for suffix in suffixes:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, scope = text[: -len(suffix)], which
                rules.append(f"scope:{suffix}")
                break
    for full, short in on.SHORT_FORMS:
        if full in text:
            text = text.replace(full, short)
            rules.append(f"{full}→{short}")
    text, n = _AUTONOMOUS.subn(r"\1", text)
    if n:
        rules.append("自治州/县/旗 short form")
    text, n = _AUTONOMOUS_REGION.subn("", text)
    if n:
        rules.append("自治区 short form")
    if text.startswith(on.PARTY_PREFIX) and len(text) > len(on.PARTY_PREFIX):
        text = text[len(on.PARTY_PREFIX) :]
        rules.append("中共 prefix")
    return Folded(name, text, tuple(rules), scope)


def is_strong(key: str) -> bool:
    """A key good enough to link on: long enough, a level of government, an office's ending, not a heading."""
    if (
        len(key) < on.MIN_NAME_CHARS
        or regex.search(r"\d|表|[:：]|预算|决算|公开|目录", key)
        or _PLACEHOLDER.search(key)
    ):
        return False
    if any(p.search(key) for p in _NOT_OFFICE):
        return False
    return bool(_REGION.search(key)) and bool(_SUFFIX.search(key))


def link(record: DocumentRecord) -> OfficeLink:
    """The office of one document (see the module docstring for when a link is refused)."""
    own = fold(record.unit_name) if record.unit_name else None
    tables = [fold(t.unit_name) for t in record.tables if t.unit_name]
    strong_tables = [f for f in tables if f.strong]
    names = tuple(sorted({f.printed for f in ([own] if own else []) + tables}))
    base = OfficeLink(
        record.source.sha256, None, None, None, "none", year=_year(record), doc_type=record.doc_type.value, names=names
    )
    keys = {f.key for f in ([own] if own and own.strong else []) + strong_tables}
    conflict = _conflict(keys)
    if conflict:
        return replace(base, reason=conflict)
    if own is not None and own.strong:
        key = _longest(keys)
        confidence = CONFIDENCE_FORMS if own.rules or key != own.key else CONFIDENCE_NAME
        return _linked(base, key, own, "unit_name", confidence)
    if strong_tables:
        key = _longest(keys)
        best = Counter(f.printed for f in strong_tables if f.key == key).most_common(1)[0][0]
        chosen = next(f for f in strong_tables if f.printed == best)
        agreeing = sum(1 for f in strong_tables if key.startswith(f.key))
        return _linked(base, key, chosen, "tables", CONFIDENCE_TABLES if agreeing >= 2 else CONFIDENCE_ONE_TABLE)
    return replace(base, reason=f"no office name strong enough to link on (read: {', '.join(names) or 'none'})")


def _linked(base: OfficeLink, key: str, name: Folded, source: str, confidence: float) -> OfficeLink:
    return replace(
        base, office_id=office_id_of(key), key=key, name=name.printed, source=source, rules=name.rules,
        scope=name.scope, confidence=confidence,
    )  # fmt: skip


def _conflict(keys: set[str]) -> str | None:
    """Two keys that are not one a truncation of the other (a prefix short of at most ``TRUNCATED_TAIL``
    characters: ``某省委办`` / ``某省委办公厅``): the document names two offices (a department and its unit)."""
    ordered = sorted(keys, key=len)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if not (b.startswith(a) and len(b) - len(a) <= TRUNCATED_TAIL):
                return f"the document names different offices: {a} / {b}"
    return None


def _longest(keys: set[str]) -> str:
    return max(keys, key=len)


def _year(record: DocumentRecord) -> int | None:
    if record.year is not None:
        return record.year
    years = Counter(t.year for t in record.tables if t.year is not None)
    return years.most_common(1)[0][0] if len(years) == 1 else None
