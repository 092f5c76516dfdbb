"""One office's group of documents, as the rules see it: each record with its year, its scope (the department, its
own unit ``X本级``, or a unit its list of units names: ``members``) and the figures it gives for its own year."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cnfiscal.corpus.crossdoc.figures.items import Figure
from cnfiscal.corpus.crossdoc.figures.statements import figures
from cnfiscal.models import DocType, DocumentRecord


@dataclass(frozen=True, slots=True)
class Member:
    """A document of the group as linked: its record, the year and the scope its office link gives."""

    record: DocumentRecord
    year: int | None
    scope: str | None = None  # "unit": the department's own unit (X本级) or a unit its list names
    unit_key: str | None = None  # which unit (its own folded name; the department's for X本级); None: the department


@dataclass(frozen=True, slots=True)
class Doc:
    record: DocumentRecord
    year: int | None
    is_unit: bool
    figures: tuple[Figure, ...]
    unit_key: str | None = None  # which of the department's units (None: the department itself)

    @property
    def sha256(self) -> str:
        return self.record.source.sha256

    @property
    def doc_type(self) -> DocType:
        return self.record.doc_type


def group_docs(members: Iterable[Member]) -> list[Doc]:
    return [Doc(m.record, m.year, m.scope == "unit", tuple(figures(m.record)), m.unit_key) for m in members]
