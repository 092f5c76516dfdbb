"""Agreement of every self-evaluation form in every published format with its hand-checked record.

The nine forms with hand-checked records (``tests/data/expected/selfeval``) are published by
``scripts/publish_forms.py`` as .xlsx, .docx, .html and copied page text (``tests/data/formats``); the PDF
renderings of seed000 / seed004 are in ``samples/pdf`` and the OCR texts in ``samples/text``. Each is run
through the whole pipeline (``pipeline.process``) and compared field by field with the record, content
fields only (page, bbox, line and confidence say where a value was read, which differs by format).

    .venv/bin/python -m tests.extract.backends.formats --report
"""

from __future__ import annotations

import argparse
from functools import cache
from pathlib import Path

from cnfiscal.models import SelfEval
from cnfiscal.pipeline import process
from tests.extract.selfeval.compare import CASES, ROOT, agreement, as_json, load_expected

FORMATS_DIR = ROOT / "tests" / "data" / "formats"
FORMATS = ("pdf", "text", "xlsx", "docx", "html", "pipes.txt", "cells.txt", "dense.txt")
PDFS = {"seed000": "self_eval_seed000_dept_2021.pdf", "seed004": "self_eval_seed004_dept_2023.pdf"}
# one cell a line: rows rebuilt from labels and the header's width; without empty cells, from the 分值/得分 pairs
THRESHOLD = {"cells.txt": 0.97, "dense.txt": 0.95}
DEFAULT_THRESHOLD = 0.99


def source(stem: str, fmt: str) -> tuple[Path, int] | None:
    """(file, index of the form among the file's self-evaluations) of ``stem`` in ``fmt``; None if not published."""
    if fmt == "pdf":
        return (ROOT / "samples" / "pdf" / PDFS[stem], 0) if stem in PDFS else None
    if fmt == "text":
        sample, index = next((sample, k) for s, sample, k in CASES if s == stem)
        return ROOT / "samples" / "text" / sample, index
    return FORMATS_DIR / f"{stem}.{fmt}", 0


@cache
def records(path: Path) -> tuple[SelfEval, ...]:
    return tuple(process(path).self_evals)


def form_agreement(stem: str, fmt: str) -> tuple[int, int] | None:
    found = source(stem, fmt)
    if found is None:
        return None
    path, index = found
    forms = records(path)
    actual = as_json(forms[index]) if index < len(forms) else {}
    return agreement(load_expected(stem), actual, content_only=True)


def table() -> dict[str, dict[str, tuple[int, int] | None]]:
    return {stem: {fmt: form_agreement(stem, fmt) for fmt in FORMATS} for stem, _, _ in CASES}


def _report() -> None:
    rows = table()
    print(f"{'form':12}" + "".join(f"{fmt:>18}" for fmt in FORMATS))
    sums = {fmt: [0, 0] for fmt in FORMATS}
    for stem, cells in rows.items():
        line = f"{stem:12}"
        for fmt in FORMATS:
            value = cells[fmt]
            line += f"{'—':>18}" if value is None else f"{value[0]:>8}/{value[1]:<5}{value[0] / value[1]:>5.0%}"
            if value is not None:
                sums[fmt] = [sums[fmt][0] + value[0], sums[fmt][1] + value[1]]
        print(line)
    print(f"{'all':12}" + "".join(f"{r:>8}/{t:<5}{r / t:>5.1%}" for r, t in sums.values()))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--report", action="store_true")
    if parser.parse_args().report:
        _report()
