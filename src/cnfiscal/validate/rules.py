"""Rule registry: every rule has a stable id, a one-line description and its tolerance."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from cnfiscal.models import DocumentRecord, Finding


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    description: str
    tolerance: str
    check: Callable[[DocumentRecord], Iterable[Finding]]


RULES: list[Rule] = []
