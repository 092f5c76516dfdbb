"""Field-level comparison of a parsed SelfEval with a synthetic form's expected record.

Leaves are compared as in ``tests.extract.selfeval.compare`` (rows paired like a diff), except that
decimal fields (``yuan``, ``value``, ``weight``, ``score``, ``rate``, ``level1_weight``, ``score_stated``)
compare as numbers (``61456656.00`` = ``61456656``) and provenance leaves (bbox, line, confidence) are left
out: the generator does not know them. Printed strings (``raw``, ``rate_raw``, labels, texts) compare exactly.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from cnfiscal.models import SelfEval
from tests.extract.selfeval.compare import as_json, flatten, mismatches

DECIMAL_KEYS = frozenset({"yuan", "value", "weight", "score", "rate", "level1_weight", "score_stated"})
UNKNOWN_TO_GENERATOR = frozenset({"bbox", "line", "confidence"})


def canonical(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: canonical(v, k) for k, v in value.items() if k not in UNKNOWN_TO_GENERATOR}
    if isinstance(value, list):
        return [canonical(v, key) for v in value]
    if key in DECIMAL_KEYS and isinstance(value, str):
        try:
            return format(Decimal(value).normalize(), "f")
        except InvalidOperation:
            return value
    return value


def record_json(record: SelfEval | None) -> dict[str, Any]:
    return canonical(as_json(record)) if record is not None else {}


def field_diff(expected: SelfEval, actual: SelfEval | None) -> dict[str, tuple[Any, Any]]:
    """Every expected leaf the parser got wrong (path → (expected, actual))."""
    return mismatches(record_json(expected), record_json(actual))


def field_counts(expected: SelfEval, actual: SelfEval | None) -> tuple[int, int]:
    """(fields right, fields total) over the expected record's leaves."""
    leaves = flatten(record_json(expected))
    wrong = field_diff(expected, actual)
    return sum(1 for p in leaves if p not in wrong), len(leaves)
