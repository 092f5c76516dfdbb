"""The units a department's document lists, and the counts it states, on every sample PDF — against the lists typed
from the pages (tests/data/expected/units/units.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cnfiscal.extract.inputs import open_input
from cnfiscal.extract.narrative.units import find_units
from cnfiscal.extract.reader import read_document
from cnfiscal.options import Options

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "pdf"
EXPECTED = json.loads((ROOT / "tests/data/expected/units/units.json").read_text(encoding="utf-8"))["documents"]


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.pdf")), ids=lambda p: p.name)
def test_the_listed_units_and_counts_are_those_printed(path):
    options = Options()
    found = find_units(read_document(open_input(path, options), options))
    want = EXPECTED.get(path.name, {"units": [], "counts": []})
    assert [[u.name, u.own, u.separate, u.page] for u in found.units] == want["units"]
    assert [[c.kind, c.count, c.page] for c in found.counts] == want["counts"]


def test_a_units_note_and_kind_are_kept_apart_from_its_name():
    options = Options()
    found = find_units(read_document(open_input(SAMPLES / "budget_govoffice_dept_2025.pdf", options), options))
    unit = found.units[1]
    assert (unit.name, unit.kind, unit.note, unit.separate) == (
        "上海市普陀区交流服务中心", "事业单位", "不单列预算，并入本部", False,
    )  # fmt: skip
    assert unit.raw == "2.下属事业单位上海市普陀区交流服务中心不单列预算，并入本部。" and unit.bbox is not None
