"""End-to-end speed and memory: ``cnfiscal.pipeline.process`` next to raw PyMuPDF ``page.get_text()``.

Both run on the same files in the same process, best of ``REPEAT`` runs per file, timed in CPU time of
this process (``time.process_time``: the machine is shared by many jobs, and wall-clock time there
measures the neighbours; the work is single-threaded, so CPU time is what one core spends).
Peak memory is measured per document in a fresh subprocess (its ``VmHWM``), so one document's peak is
not hidden by another's.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pymupdf

from bench._metrics import pages_per_second
from bench._registry import BenchContext, benchmark

REPEAT = 3
TARGET_RATIO = 0.25
TARGET_MB = 300

_MEMORY_PROBE = """
import json, resource, sys

def peak_kb():
    # VmHWM: this process's own high-water mark (ru_maxrss survives exec on Linux: it would report the
    # parent's size at fork)
    try:
        with open("/proc/self/status") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

from cnfiscal.pipeline import process
base = peak_kb()
record = process(sys.argv[1])
print(json.dumps({"base_kb": base, "peak_kb": peak_kb(), "status": str(record.status)}))
"""


def raw_get_text(path: Path) -> int:
    """Open the PDF and call ``get_text()`` on every page; returns the page count."""
    with pymupdf.open(path) as doc:
        for page in doc:
            page.get_text()
        return doc.page_count


def _best(fn, path: Path, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.process_time()
        result = fn(path)
        best = min(best, time.process_time() - t0)
    return best, result


def _status(record: object) -> str:
    status = str(record.status)  # type: ignore[attr-defined]
    errors = record.errors  # type: ignore[attr-defined]
    return f"{status} ({errors[0].stage}: {errors[0].reason[:60]})" if errors else status


@benchmark("pipeline")
def pipeline_vs_raw(ctx: BenchContext) -> list[str]:
    from cnfiscal.pipeline import process

    repeat = 1 if ctx.quick else REPEAT
    process(ctx.pdfs[-1])  # warm-up: imports and lazy registries are not the documents' cost
    lines = [f"   {'document':38} {'pages':>5} {'raw p/s':>8} {'cnfiscal p/s':>12} {'ratio':>6} status"]
    tot_pages, tot_raw, tot_pipe = 0, 0.0, 0.0
    stages: Counter[str] = Counter()
    for path in ctx.pdfs:
        t_raw, pages = _best(raw_get_text, path, repeat)
        t_pipe, record = _best(process, path, repeat)
        n = int(pages)  # type: ignore[call-overload]
        tot_pages, tot_raw, tot_pipe = tot_pages + n, tot_raw + t_raw, tot_pipe + t_pipe
        stages.update(record.timings)  # type: ignore[attr-defined]
        lines.append(
            f"   {path.name:38} {n:5d} {pages_per_second(n, t_raw):8.0f} {pages_per_second(n, t_pipe):12.1f}"
            f" {t_raw / t_pipe:6.2f} {_status(record)}"
        )
    ratio = tot_raw / tot_pipe
    lines.append(
        f"   {'ALL':38} {tot_pages:5d} {pages_per_second(tot_pages, tot_raw):8.0f}"
        f" {pages_per_second(tot_pages, tot_pipe):12.1f} {ratio:6.2f}"
        f"   (target ratio >= {TARGET_RATIO}: {'met' if ratio >= TARGET_RATIO else 'NOT met'})"
    )
    spent = sum(stages.values()) or 1.0
    lines.append(
        "   time by stage (last run of each document): "
        + ", ".join(
            f"{k} {v:.2f} s ({v / spent:.0%}, {pages_per_second(tot_pages, v):.0f} p/s)" for k, v in stages.items()
        )
    )
    return lines


@benchmark("memory")
def peak_memory(ctx: BenchContext) -> list[str]:
    lines = [f"   {'document':38} {'peak MB':>8} {'after imports MB':>17}"]
    worst = 0.0
    for path in ctx.pdfs:
        out = subprocess.run(
            [sys.executable, "-c", _MEMORY_PROBE, str(path)], capture_output=True, text=True, check=True
        ).stdout
        probe = json.loads(out.strip().splitlines()[-1])
        peak, base = probe["peak_kb"] / 1024, probe["base_kb"] / 1024
        worst = max(worst, peak)
        lines.append(f"   {path.name:38} {peak:8.1f} {base:17.1f}")
    lines.append(f"   worst peak {worst:.1f} MB (target < {TARGET_MB} MB: {'met' if worst < TARGET_MB else 'NOT met'})")
    return lines
