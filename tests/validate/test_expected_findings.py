"""End to end: the findings of the self-evaluation rules on the bundled documents equal the hand-checked files.

The expected files (tests/data/expected/findings/*.json) were computed by hand from the source text (each
finding carries its ``why``); they are not snapshots. A difference is a parser or a rule bug.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cnfiscal.pipeline import process

from .expected import EXPECTED, actual, expected

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
CASES = {  # case → (document, expected file): the PDF prints of seed000/seed004 must give the same findings
    "seed000": (SAMPLES / "text" / "seed000_dept_self_eval_qiannan_bigdata_2021.txt", "seed000"),
    "seed000-pdf": (SAMPLES / "pdf" / "self_eval_seed000_dept_2021.pdf", "seed000_pdf"),  # 总分 on page 2
    "seed004": (SAMPLES / "text" / "seed004_dept_self_eval_qiannan_govservice_2023.txt", "seed004"),
    "seed004-pdf": (SAMPLES / "pdf" / "self_eval_seed004_dept_2023.pdf", "seed004"),
    "seed003": (SAMPLES / "text" / "seed003_final_account_guiyang_bigdata_2024.txt", "seed003"),
}


def _compare(case: str) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    path, name = CASES[case]
    scope = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8")).get("scope", "")
    record = process(path)
    assert record.errors == []
    got, want = actual(record, scope), expected(name)
    return [w for w in want if w not in got], [g for g in got if g not in want]


@pytest.mark.parametrize("name", sorted(CASES))
def test_findings_equal_hand_checked(name: str) -> None:
    assert _compare(name) == ([], [])


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_hand_checked_finding_is_found(name: str) -> None:
    missing, _ = _compare(name)
    assert missing == []
