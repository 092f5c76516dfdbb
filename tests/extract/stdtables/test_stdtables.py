"""决算/预算 standard tables: every table found with its title, pages, row count and checked totals.

Expected files: ``tests/data/expected/tables/<sample>.json``. They are written only with
``CNFISCAL_REGEN=1 pytest tests/extract/stdtables/test_stdtables.py`` and then checked by hand against the PDF
(the ``checked`` list of each file names the values that were verified by reading the page).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cnfiscal.models import DocumentRecord
from cnfiscal.pipeline import process

ROOT = Path(__file__).resolve().parents[3]
EXPECTED = ROOT / "tests" / "data" / "expected" / "tables"
SAMPLES = [
    "samples/pdf/final_finance_2024.pdf",
    "samples/pdf/final_socialwork_2024.pdf",
    "samples/pdf/final_template.pdf",
    "samples/pdf/budget_commerce_dept_2025.pdf",
    "samples/pdf/budget_govoffice_dept_2025.pdf",
    "samples/pdf/budget_justice_dept_2026.pdf",
    "samples/pdf/budget_wanli_2024.pdf",
    "samples/text/seed003_final_account_guiyang_bigdata_2024.txt",
]
TOTAL_NAMES = ("合计", "总计", "本年收入合计", "本年支出合计", "收入总计", "支出总计")


def summary(record: DocumentRecord) -> dict[str, object]:
    tables = []
    for t in record.tables:
        totals = {
            f"{r.side or ''}{r.name}": {c: str(v.yuan) for c, v in r.values.items() if v is not None}
            for r in t.rows
            if r.name in TOTAL_NAMES
        }
        rows = [
            [r.side, r.code, r.level, r.name, {c: v.raw for c, v in r.values.items() if v is not None}] for r in t.rows
        ]
        tables.append(
            {
                "kind": t.kind,
                "name": t.name,
                "code": t.code,
                "unit": t.unit,
                "page_start": t.page_start,
                "page_end": t.page_end,
                "n_rows": len(t.rows),
                "empty": t.empty,
                "columns": t.columns,
                "totals": totals,
                "rows": rows,
            }
        )
    return {"doc_type": record.doc_type.value, "year": record.year, "unit_name": record.unit_name, "tables": tables}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: Path(s).stem)
def test_tables_match_expected(sample: str) -> None:
    got = summary(process(ROOT / sample))
    path = EXPECTED / f"{Path(sample).stem}.json"
    if os.environ.get("CNFISCAL_REGEN"):
        old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        path.write_text(
            json.dumps({**got, "checked": old.get("checked", [])}, ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
    expected = json.loads(path.read_text(encoding="utf-8"))
    expected.pop("checked", None)
    assert got == expected
