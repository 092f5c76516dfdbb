"""Field-level comparison of SelfEval records with hand-checked expected JSON.

Used by ``test_text.py`` and, with ``--report``, to print the agreement per document;
``--drafts DIR`` writes the parser's current output to DIR as *drafts* for a human to check — it never
touches ``tests/data/expected`` (expected files are edited by hand after reading the source text).

    .venv/bin/python -m tests.extract.selfeval.compare --report
    .venv/bin/python -m tests.extract.selfeval.compare --drafts /tmp/selfeval_drafts
"""

from __future__ import annotations

import argparse
import json
import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from cnfiscal.extract.inputs import open_input
from cnfiscal.extract.reader import read_document
from cnfiscal.models import DocType, SelfEval
from cnfiscal.normalize.selfeval import parse
from cnfiscal.options import Options

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "samples" / "text"
EXPECTED = ROOT / "tests" / "data" / "expected" / "selfeval"
NOT_COMPARED = ("warnings", "part_weights")  # parser diagnostics; heading weights (issue 13) are tested on their own

# (expected file stem, sample file, index of the table among the document's self_evals)
CASES: tuple[tuple[str, str, int], ...] = (
    ("seed000", "seed000_dept_self_eval_qiannan_bigdata_2021.txt", 0),
    ("seed004", "seed004_dept_self_eval_qiannan_govservice_2023.txt", 0),
    *((f"seed003_p{k + 1}", "seed003_final_account_guiyang_bigdata_2024.txt", k) for k in range(7)),
)


def extract(sample: str) -> list[SelfEval]:
    options = Options()
    doc = read_document(open_input(SAMPLES / sample, options), options)
    return parse(doc, DocType.UNKNOWN).self_evals


def as_json(record: SelfEval) -> dict[str, Any]:
    data = record.model_dump(mode="json")
    for key in NOT_COMPARED:
        data.pop(key, None)
    return data


def flatten(value: Any, path: str = "") -> dict[str, Any]:
    """Leaf paths → values: ``indicators[3].target.value``. Empty lists/dicts count as one leaf."""
    if isinstance(value, dict) and value:
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(flatten(v, f"{path}.{k}" if path else k))
        return out
    if isinstance(value, list) and value:
        out = {}
        for i, v in enumerate(value):
            out.update(flatten(v, f"{path}[{i}]"))
        return out
    return {path: value}


def aligned(expected: dict[str, Any], actual: dict[str, Any]) -> dict[str, Any]:
    """``actual`` with its indicator / funding rows paired to the expected rows (by level3 / source, in
    order, like a diff): a row the parser missed is ``None`` (all its fields wrong), not a shift of every
    following row; rows the parser invented go to ``indicators_extra`` / ``funding_extra``."""
    out = dict(actual)
    for key, field in (("indicators", "level3"), ("funding", "source")):
        exp_rows, act_rows = expected.get(key) or [], actual.get(key) or []
        matcher = SequenceMatcher(
            a=[r.get(field) for r in exp_rows], b=[r.get(field) for r in act_rows], autojunk=False
        )
        paired: list[Any] = [None] * len(exp_rows)
        used: set[int] = set()
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag in ("equal", "replace"):
                for k in range(min(i2 - i1, j2 - j1)):
                    paired[i1 + k] = act_rows[j1 + k]
                    used.add(j1 + k)
        out[key] = paired
        extra = [r for j, r in enumerate(act_rows) if j not in used]
        if extra:
            out[f"{key}_extra"] = extra
    return out


def mismatches(expected: dict[str, Any], actual: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Every expected leaf whose actual value differs (missing rows count as wrong), plus extra leaves."""
    exp, act = flatten(expected), flatten(aligned(expected, actual))
    unpaired = [p for p, v in act.items() if v is None and any(k.startswith(f"{p}.") for k in exp)]
    for p in unpaired:  # a row the parser missed: its expected fields are reported one by one
        del act[p]
    missing = object()
    diff = {p: (v, act.get(p, missing)) for p, v in exp.items() if act.get(p, missing) != v}
    diff.update({p: (missing, v) for p, v in act.items() if p not in exp})
    return {p: (None if e is missing else e, "<missing>" if a is missing else a) for p, (e, a) in diff.items()}


PROVENANCE = re.compile(r"(?:^|\.)(?:page|page_start|page_end|bbox|line|confidence)(?:\[\d\])?$")


def agreement(expected: dict[str, Any], actual: dict[str, Any], content_only: bool = False) -> tuple[int, int]:
    """(fields right, fields total) over the expected record's leaves; ``content_only`` leaves out the
    provenance leaves (page, bbox, line, confidence), which are trivially right for text input."""
    keep = [p for p in flatten(expected) if not (content_only and PROVENANCE.search(p))]
    wrong = set(mismatches(expected, actual))
    return sum(1 for p in keep if p not in wrong), len(keep)


def load_expected(stem: str) -> dict[str, Any]:
    return json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))


def _report() -> None:
    cache: dict[str, list[SelfEval]] = {}
    sums = [0, 0, 0, 0]
    print(f"{'record':12} {'all fields':>20} {'content fields':>20}")
    for stem, sample, k in CASES:
        records = cache.setdefault(sample, extract(sample))
        actual = as_json(records[k]) if k < len(records) else {}
        counts = [*agreement(load_expected(stem), actual), *agreement(load_expected(stem), actual, True)]
        sums = [a + b for a, b in zip(sums, counts, strict=True)]
        print(f"{stem:12} {_cell(counts[0], counts[1])} {_cell(counts[2], counts[3])}")
    print(f"{'all':12} {_cell(sums[0], sums[1])} {_cell(sums[2], sums[3])}")


def _cell(right: int, total: int) -> str:
    return f"{right:5}/{total:<5} {right / total:7.2%}"


def _drafts(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    cache: dict[str, list[SelfEval]] = {}
    for stem, sample, k in CASES:
        records = cache.setdefault(sample, extract(sample))
        text = json.dumps(as_json(records[k]), ensure_ascii=False, indent=2) + "\n"
        (out / f"{stem}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--report", action="store_true")
    parser.add_argument("--drafts", type=Path)
    args = parser.parse_args()
    if args.drafts:
        _drafts(args.drafts)
    if args.report:
        _report()
