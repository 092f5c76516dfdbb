"""DocumentRecord → database rows, one list per table of ``schema`` (column names as in ``schema.SPECS``).

``record_to_rows(record)`` returns ``{table name: [row, ...]}`` for every table in ``schema.ALL_TABLES``; a row is a
mapping of column name → value (``Decimal`` for money and numbers, never float). The ``documents`` row carries
``version=1, superseded=False``; the ingest writer sets the real version when it stores the row.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from cnfiscal.corpus.schema import ALL_TABLES, MONEY_SCALE, NUMBER_SCALE
from cnfiscal.models import BBox, Claim, DocumentRecord, Measure, Money, SelfEval, Status, Table

log = logging.getLogger(__name__)

Row = dict[str, object]
Rows = dict[str, list[Row]]

_LIMIT = Decimal(10) ** 28  # DECIMAL(38,10) leaves 28 integer digits; DECIMAL(38,6) leaves 32


def exact(value: Decimal | None, scale: int = NUMBER_SCALE) -> Decimal | None:
    """``value`` at the column's scale; a value that would lose digits is rounded with a log warning."""
    if value is None or not value.is_finite():
        return None
    try:
        q = value.quantize(Decimal(1).scaleb(-scale))
    except InvalidOperation:
        log.warning("value %s does not fit a DECIMAL(38,%d) column; stored as null", value, scale)
        return None
    if q != value:
        log.warning("value %s rounded to %s to fit a DECIMAL(38,%d) column", value, q, scale)
    if abs(q) >= _LIMIT * (Decimal(10) ** (NUMBER_SCALE - scale)):
        log.warning("value %s too large for its column; stored as null", value)
        return None
    return q


def money(prefix: str, m: Money | None) -> Row:
    if m is None:
        return {f"{prefix}_yuan": None, f"{prefix}_raw": None, f"{prefix}_unit": None, f"{prefix}_page": None}
    return {
        f"{prefix}_yuan": exact(m.yuan, MONEY_SCALE),
        f"{prefix}_raw": m.raw,
        f"{prefix}_unit": m.unit,
        f"{prefix}_page": m.page,
    }


def measure(prefix: str, m: Measure | None) -> Row:
    if m is None:
        return {f"{prefix}_{k}": None for k in ("raw", "op", "value", "unit", "kind")}
    return {
        f"{prefix}_raw": m.raw,
        f"{prefix}_op": m.op,
        f"{prefix}_value": exact(m.value),
        f"{prefix}_unit": m.unit,
        f"{prefix}_kind": m.kind,
    }


def bbox(b: BBox | None) -> str | None:
    return None if b is None else json.dumps([round(x, 2) for x in b])


def joined(items: Iterable[str]) -> str | None:
    text = "\n".join(items)
    return text or None


def doc_id(record: DocumentRecord) -> str:
    """The document key: its sha256, or ``unreadable:<sha256 of the path>`` for a file that could not be hashed."""
    src = record.source
    return src.sha256 or "unreadable:" + hashlib.sha256(src.path.encode("utf-8", "surrogateescape")).hexdigest()


def record_to_rows(record: DocumentRecord) -> Rows:
    """Every table's rows for one record (tables without rows map to an empty list)."""
    key = record.source.sha256
    rows: Rows = {spec.name: [] for spec in ALL_TABLES}
    rows["documents"].append(document_row(record))
    rows["errors"] = _error_rows(record)
    if not key:  # nothing was read, so there is nothing but the document row and its errors
        return rows
    for i, se in enumerate(record.self_evals):
        add_self_eval(rows, key, i, se)
    for i, table in enumerate(record.tables):
        add_table(rows, key, i, table)
    rows["claims"] = [claim_row(key, i, c) for i, c in enumerate(record.claims)]
    rows["findings"] = [
        {
            "sha256": key,
            "finding_idx": i,
            "rule": f.rule,
            "severity": str(f.severity),
            "message": f.message,
            "stated": f.stated,
            "recomputed": f.recomputed,
            "difference": f.difference,
            "tolerance": f.tolerance,
            "page": f.page,
            "bbox": bbox(f.bbox),
            "evidence": f.evidence,
            "location": f.where,
            "finding_id": f.finding_id or f.identity(key),
            "message_key": f.message_key,
            "message_params": json.dumps(f.message_params, ensure_ascii=False) if f.message_params else None,
            "page_b": f.page_b,
            "bbox_b": bbox(f.bbox_b),
        }
        for i, f in enumerate(record.findings)
    ]
    rows["warnings"] = warning_rows(record)
    rows["records"] = [{"sha256": key, "record_json": record.model_dump_json()}]
    return rows


def _error_rows(record: DocumentRecord) -> list[Row]:
    key = doc_id(record)
    return [
        {
            "doc_id": key,
            "sha256": record.source.sha256 or None,
            "error_idx": i,
            "stage": e.stage,
            "reason": e.reason,
            "page": e.page,
            "error_type": e.error_type,
        }
        for i, e in enumerate(record.errors)
    ]


def document_row(record: DocumentRecord) -> Row:
    src = record.source
    failed = record.status is Status.FAILED
    first = record.errors[0] if record.errors else None
    return {
        "doc_id": doc_id(record),
        "sha256": src.sha256 or None,
        "path": src.path,
        "version": 1,
        "superseded": False,
        "superseded_by": None,
        "status": "failed" if failed else "ok",
        "record_status": str(record.status),
        "error": first.reason if failed and first else None,
        "error_stage": first.stage if failed and first else None,
        "doc_type": str(record.doc_type),
        "unit_name": record.unit_name,
        "year": record.year,
        "fill_date": record.fill_date,
        "pages": src.pages,
        "input_kind": str(src.input_kind),
        "ocr": src.ocr,
        "bytes": src.bytes,
        "encoding": src.encoding,
        "schema_version": record.schema_version,
        "n_self_evals": len(record.self_evals),
        "n_tables": len(record.tables),
        "n_claims": len(record.claims),
        "n_findings": len(record.findings),
        "n_warnings": len(warning_rows(record)),
        "seconds": round(sum(record.timings.values()), 4),
        "timings": json.dumps(record.timings, sort_keys=True),
        "versions": json.dumps(record.versions, sort_keys=True),
        "ingested_at": None,
        "office_id": None,  # set by corpus.crossdoc once the document is stored
    }


def add_self_eval(rows: Rows, key: str, i: int, se: SelfEval) -> None:
    c = se.contact
    rows["self_evals"].append(
        {
            "sha256": key,
            "se_idx": i,
            "kind": se.kind,
            "unit_name": se.unit_name,
            "project_name": se.project_name,
            "department": se.department,
            "year": se.year,
            "fill_date": se.fill_date,
            "money_unit": se.money_unit,
            "page_start": se.page_start,
            "page_end": se.page_end,
            "goals_expected": se.goals.expected,
            "goals_actual": se.goals.actual,
            "total_weight": exact(se.total.weight),
            "total_score": exact(se.total.score),
            "grade": se.conclusion.grade,
            "score_stated": exact(se.conclusion.score_stated),
            "conclusion_text": se.conclusion.text,
            "contact_name": c.name if c else None,
            "contact_phone": c.phone if c else None,
            "n_funding": len(se.funding),
            "n_indicators": len(se.indicators),
            "notes": joined(se.notes),
        }
    )
    for j, f in enumerate(se.funding):
        rows["funding"].append(
            {
                "sha256": key,
                "se_idx": i,
                "row_idx": j,
                "source": f.source,
                "canonical": f.canonical,
                "is_breakdown": f.is_breakdown,
                **money("initial_budget", f.initial_budget),
                **money("annual_budget", f.annual_budget),
                **money("executed", f.executed),
                "weight": exact(f.weight),
                "rate": exact(f.rate),
                "rate_raw": f.rate_raw,
                "score": exact(f.score),
                "page": f.page,
                "bbox": bbox(f.bbox),
            }
        )
    for j, ind in enumerate(se.indicators):
        rows["indicators"].append(
            {
                "sha256": key,
                "se_idx": i,
                "row_idx": j,
                "level1": ind.level1,
                "level2": ind.level2,
                "level3": ind.level3,
                **measure("target", ind.target),
                **measure("actual", ind.actual),
                "weight": exact(ind.weight),
                "score": exact(ind.score),
                "reason": ind.reason,
                "is_subtotal": ind.is_subtotal,
                "level1_weight": exact(ind.level1_weight),
                "page": ind.page,
                "bbox": bbox(ind.bbox),
                "confidence": ind.confidence,
            }
        )


def add_table(rows: Rows, key: str, i: int, t: Table) -> None:
    rows["tables"].append(
        {
            "sha256": key,
            "table_idx": i,
            "name": t.name,
            "code": t.code,
            "kind": t.kind,
            "unit": t.unit,
            "unit_name": t.unit_name,
            "year": t.year,
            "page_start": t.page_start,
            "page_end": t.page_end,
            "columns": json.dumps(t.columns, ensure_ascii=False),
            "n_rows": len(t.rows),
            "empty": t.empty,
            "notes": joined(t.notes),
        }
    )
    for j, r in enumerate(t.rows):
        rows["table_rows"].append(
            {
                "sha256": key,
                "table_idx": i,
                "row_idx": j,
                "table_code": t.code,
                "table_name": t.name,
                "code": r.code,
                "name": r.name,
                "level": r.level,
                "side": r.side,
                "page": r.page,
                "bbox": bbox(r.bbox),
            }
        )
        for k, (column, value) in enumerate(r.values.items()):
            rows["table_values"].append(
                {
                    "sha256": key,
                    "table_idx": i,
                    "row_idx": j,
                    "col_idx": k,
                    "column_name": column,
                    **money("value", value),
                    "value_bbox": bbox(value.bbox) if value else None,
                }
            )


def claim_row(key: str, i: int, c: Claim) -> Row:
    return {
        "sha256": key,
        "claim_idx": i,
        "text": c.text,
        "page": c.page,
        "kind": c.kind,
        "subject": c.subject,
        "value": exact(c.value),
        "unit": c.unit,
        "base": c.base,
        **money("amount", c.amount),
        "bbox": bbox(c.bbox),
    }


def warning_rows(record: DocumentRecord) -> list[Row]:
    located = [("document", w) for w in record.warnings]
    for i, se in enumerate(record.self_evals):
        located.extend((f"self_evals[{i}]", w) for w in se.warnings)
    return [
        {"sha256": record.source.sha256, "warning_idx": i, "location": where, "message": w}
        for i, (where, w) in enumerate(located)
    ]
