"""Hand-checked expected findings: load, compare, and (only with ``--write``) draft a skeleton to check by hand.

An expected file lists, per document, every finding of the self-evaluation and report rules
(``selfeval.*``, ``report.*``) with the fields compared exactly: rule, severity, where, stated, recomputed,
difference, page. ``why`` is the hand computation (not compared). A claim is named by its source line and
role (``claims@line148:whole``) rather than by its index, which depends on every parser's claims.

    .venv/bin/python -m tests.validate.expected samples/text/seed001_….txt --write seed001   # draft only
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import regex

from cnfiscal.models import DocumentRecord, Finding

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = ROOT / "tests" / "data" / "expected" / "findings"
COMPARED = ("rule", "severity", "where", "stated", "recomputed", "difference", "page")
OURS = ("selfeval.", "report.")
_CLAIM = regex.compile(r"^claims\[(\d+)\]$")


def where_of(record: DocumentRecord, finding: Finding) -> str | None:
    m = _CLAIM.match(finding.where or "")
    if not m:
        return finding.where
    claim = record.claims[int(m.group(1))]
    return f"claims@line{claim.line}:{claim.role}"


def actual(record: DocumentRecord, scope: str = "") -> list[dict[str, object]]:
    out = []
    for f in record.findings:
        if not f.rule.startswith(OURS) or not (f.where or "").startswith(scope):
            continue
        row = {k: getattr(f, k) for k in COMPARED}
        row["severity"] = f.severity.value
        row["where"] = where_of(record, f)
        out.append(row)
    return sorted(out, key=_key)


def expected(name: str) -> list[dict[str, object]]:
    data = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    return sorted(({k: f.get(k) for k in COMPARED} for f in data["findings"]), key=_key)


def _key(row: dict[str, object]) -> tuple[str, ...]:
    return tuple(str(row.get(k)) for k in COMPARED)


def _draft(path: str, name: str) -> None:
    from cnfiscal.pipeline import process

    record = process(path)
    rows = [{**row, "why": "TODO: check by hand"} for row in actual(record)]
    doc = {"document": path, "checked_by_hand": "TODO", "findings": rows}
    out = EXPECTED / f"{name}.draft.json"
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    sys.stderr.write(f"wrote {out} — check every value against the source before renaming it\n")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[2] == "--write":
        _draft(sys.argv[1], sys.argv[3])
    else:
        sys.stderr.write(__doc__ or "")
