"""Compare a parsed 决算/预算 record with a synthetic report's expected tables and claims, leaf by leaf."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from cnfiscal.models import Claim, Table, TableRow


def _key(r: TableRow) -> tuple[str | None, str | None, str | None]:
    return (r.side, r.code, r.name)


def _values(r: TableRow) -> dict[str, Decimal]:
    return {k: v.yuan for k, v in r.values.items() if v is not None}


def table_diff(want: Table, got: Table | None) -> list[str]:
    """Every disagreement (table fields, row count, each row's values) as a readable line."""
    if got is None:
        return [f"{want.name}: not found"]
    out = [
        f"{want.name}.{f}: {getattr(want, f)!r} != {getattr(got, f)!r}"
        for f in ("code", "unit", "page_start", "page_end", "empty")
        if getattr(want, f) != getattr(got, f)
    ]
    if len(want.rows) != len(got.rows):
        out.append(f"{want.name}: {len(want.rows)} rows != {len(got.rows)}")
    rows = {}
    for r in got.rows:
        rows.setdefault(_key(r), r)
    for r in want.rows:
        g = rows.get(_key(r))
        if g is None:
            out.append(f"{want.name}: row {_key(r)} missing")
        elif _values(r) != _values(g):
            out.append(f"{want.name}: row {_key(r)} {_values(r)} != {_values(g)}")
    return out


def value_counts(want: Table, got: Table | None) -> tuple[int, int]:
    """(values right, values expected) over every row's values."""
    total = sum(len(_values(r)) for r in want.rows)
    if got is None:
        return 0, total
    rows = {_key(r): _values(r) for r in got.rows}
    right = sum(1 for r in want.rows for k, v in _values(r).items() if rows.get(_key(r), {}).get(k) == v)
    return right, total


def claims_found(want: list[tuple[str, Decimal]], got: list[Claim]) -> tuple[int, list[tuple[str, Decimal]]]:
    """(claims found, the missing ones): each expected (kind, value) is matched to a parsed claim once."""
    have = Counter((c.kind, c.value.normalize()) for c in got if c.value is not None)
    missing = []
    for kind, value in want:
        k = (kind, value.normalize())
        if have[k] > 0:
            have[k] -= 1
        else:
            missing.append((kind, value))
    return len(want) - len(missing), missing
