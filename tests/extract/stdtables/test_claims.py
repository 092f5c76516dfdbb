"""Narrative claims of a 部门预算 report, every one checked by hand against the page it is printed on.

Expected: ``tests/data/expected/tables/claims_<sample>.json`` (written only with ``CNFISCAL_REGEN=1``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cnfiscal.extract.layout import Line
from cnfiscal.extract.narrative.claims import paragraphs
from cnfiscal.pipeline import process

ROOT = Path(__file__).resolve().parents[3]
EXPECTED = ROOT / "tests" / "data" / "expected" / "tables"
SAMPLES = ["samples/pdf/budget_govoffice_dept_2025.pdf"]


def _claims(sample: str) -> list[dict[str, object]]:
    record = process(ROOT / sample)
    return [
        {
            "page": c.page,
            "group": c.group,
            "kind": c.kind,
            "role": c.role,
            "subject": c.subject,
            "value": None if c.value is None else str(c.value),
            "unit": c.unit,
            "base": c.base,
        }
        for c in record.claims
    ]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: Path(s).stem)
def test_every_claim_matches_the_hand_checked_list(sample: str) -> None:
    got = _claims(sample)
    path = EXPECTED / f"claims_{Path(sample).stem}.json"
    if os.environ.get("CNFISCAL_REGEN"):
        old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        path.write_text(
            json.dumps({"checked": old.get("checked", []), "claims": got}, ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
    assert got == json.loads(path.read_text(encoding="utf-8"))["claims"]


def _lines(*texts: str) -> list[Line]:
    return [Line(t, 1, None, i + 1) for i, t in enumerate(texts)]


def test_share_change_rate_and_direction_claims_of_one_paragraph() -> None:
    from cnfiscal.extract.narrative.claims import extract_claims

    claims = extract_claims(
        _lines(
            "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；",
            "总计20,244.58万元。与2023年度相比,减少7,901.89万元,下降28.07%。",
            "年初预算为288. 32万元,支出决算为310. 85万元,完成年初预算的107. 81%,决算数大于预算数。",
            "单价100万元（含）以上设备0台。",
        )
    )
    kinds = [(c.kind, c.role, str(c.value)) for c in claims]
    assert ("share", "part", "0.9979") in kinds
    assert ("change", "change", "-79018900") in kinds
    assert ("change", "change_pct", "-0.2807") in kinds
    assert ("rate", "rate", "1.0781") in kinds
    assert ("change", "direction", "None") in kinds and claims[-1].base == "大于"
    assert not [c for c in claims if c.line == 4]  # a threshold is not a figure
    budget = next(c for c in claims if c.role == "budget")
    assert budget.amount is not None and str(budget.amount.yuan) == "2883200"


def test_a_lead_in_line_joins_the_list_it_introduces() -> None:
    paras = paragraphs(_lines("支出19,704.57万元, 主要用于以下方面:", "一般公共服务支出(类)894.67万元,占4.54%;"))
    assert len(paras) == 1
