"""One office's group of documents, as the rules see it: each record with its year, its scope (the department, or
its own unit ``X本级``) and the figures it gives for its own year."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cnfiscal.corpus.crossdoc.figures import figures
from cnfiscal.corpus.crossdoc.items import Figure
from cnfiscal.models import DocType, DocumentRecord


@dataclass(frozen=True, slots=True)
class Member:
    """A document of the group as linked: its record, the year and the scope its office link gives."""

    record: DocumentRecord
    year: int | None
    scope: str | None = None  # "unit" for the department's own unit (X本级)


@dataclass(frozen=True, slots=True)
class Doc:
    record: DocumentRecord
    year: int | None
    is_unit: bool
    figures: tuple[Figure, ...]

    @property
    def sha256(self) -> str:
        return self.record.source.sha256

    @property
    def doc_type(self) -> DocType:
        return self.record.doc_type


def group_docs(members: Iterable[Member]) -> list[Doc]:
    return [Doc(m.record, m.year, m.scope == "unit", tuple(figures(m.record))) for m in members]
