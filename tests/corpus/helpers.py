"""Shared helpers of the corpus tests: small corpora made from the bundled samples, and table comparison."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from cnfiscal.corpus import load

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TEXTS = sorted((SAMPLES / "text").glob("*.txt"))
SMALL_PDFS = [SAMPLES / "pdf/self_eval_seed000_dept_2021.pdf", SAMPLES / "pdf/self_eval_seed004_dept_2023.pdf"]

# columns that record when or how fast something ran, not what was read
VOLATILE = {"ingested_at", "seconds", "timings", "checked_at"}  # checked_at: offices (issue 14)


def make_corpus(folder: Path, copies: int = 1, pdfs: bool = True) -> list[Path]:
    """The sample texts (and two small PDFs), ``copies`` times, each copy with bytes appended so hashes differ."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(copies):
        for src in TEXTS + (SMALL_PDFS if pdfs else []):
            dst = folder / f"c{i:03d}_{src.name}"
            shutil.copyfile(src, dst)
            if i:
                with dst.open("ab") as f:
                    f.write(b"\n" * i if dst.suffix == ".txt" else b"%" + b" " * i + b"\n")
            made.append(dst)
    return made


def comparable(db: Path) -> dict[str, pd.DataFrame]:
    """Every table without run-time columns; whole records without their timings."""
    frames = load(db)
    out = {}
    for name, frame in frames.items():
        kept = frame.drop(columns=[c for c in frame.columns if c in VOLATILE])
        if name == "records":
            kept = kept.assign(record_json=kept["record_json"].map(_without_timings))
        out[name] = kept.reset_index(drop=True)
    return out


def _without_timings(text: str) -> str:
    data = json.loads(text)
    data.pop("timings", None)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def assert_same_tables(a: Path, b: Path) -> None:
    left, right = comparable(a), comparable(b)
    assert left.keys() == right.keys()
    for name in left:
        pd.testing.assert_frame_equal(left[name], right[name], obj=name)


def run_and_kill(script: str, args: list[str], cwd: Path, after: int) -> tuple[int, list[str]]:
    """Run ``python -c script args`` and SIGKILL it once it has logged ``after`` lines starting ``stored ``.

    Returns how many were stored and the subprocess's log lines (for the failure message).
    """
    proc = subprocess.Popen([sys.executable, "-c", script, *args], cwd=cwd, stderr=subprocess.PIPE, text=True)
    stored, lines = 0, []
    deadline = time.monotonic() + 120
    assert proc.stderr is not None
    for line in proc.stderr:
        lines.append(line)
        stored += line.startswith("stored ")
        if stored >= after or time.monotonic() > deadline:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    return stored, lines
