"""Corpus ingest throughput and memory: the bundled samples replicated to ≥ 500 documents.

Each copy gets a few bytes appended (after ``%%EOF`` for a PDF, blank lines for a text), so every file has its own
sha256 and is really processed. The corpus is ingested into a fresh DuckDB with 1 and with 2 worker processes
(documents/s, pages/s, peak RSS of each worker), then once more to show that a re-run does no work. Memory flatness:
during the 1-worker run the worker's peak RSS and the writer's current RSS are sampled at ¼, ½ and all of the
corpus; the ratios (all ÷ ¼) stay near 1.0 when nothing accumulates per document.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench._registry import ROOT, BenchContext, benchmark
from cnfiscal.corpus import ingest
from cnfiscal.corpus.progress import IngestSummary
from cnfiscal.corpus.task import Outcome
from cnfiscal.models import DocumentRecord

TARGET_DOCS = 500
QUICK_DOCS = 60


def sample_files() -> list[Path]:
    return sorted((ROOT / "samples/pdf").glob("*.pdf")) + sorted((ROOT / "samples/text").glob("*.txt"))


def replicate(out: Path, n_docs: int) -> list[Path]:
    """At least ``n_docs`` files: whole rounds of copies of every sample, each copy with distinct bytes appended."""
    samples = sample_files()
    rounds = -(-n_docs // len(samples))
    made = []
    for i in range(rounds):
        folder = out / f"r{i:03d}"
        folder.mkdir(parents=True)
        for src in samples:
            dst = folder / src.name
            shutil.copyfile(src, dst)
            with dst.open("ab") as f:
                f.write(b"\n%% copy %d\n" % i if src.suffix == ".pdf" else b"\n" * (i + 1))
            made.append(dst)
    return made


class MemorySampler:
    """Worker peak RSS and writer RSS after ¼, ½ and all of the documents."""

    def __init__(self, total: int) -> None:
        self.marks = {max(1, total // 4): "¼", max(1, total // 2): "½", total: "all"}
        self.count = 0
        self.samples: dict[str, tuple[float, float]] = {}

    def __call__(self, outcome: Outcome, record: DocumentRecord) -> None:
        self.count += 1
        if self.count in self.marks:
            self.samples[self.marks[self.count]] = (outcome.peak_rss_mb, writer_rss_mb())

    def report(self) -> list[str]:
        if len(self.samples) < 3:
            return ["   memory: not enough documents to sample"]
        first, last = self.samples["¼"], self.samples["all"]
        worker = " / ".join(f"{v[0]:.0f}" for v in self.samples.values())
        writer = " / ".join(f"{v[1]:.0f}" for v in self.samples.values())
        return [
            f"   memory as the corpus grows (¼ / ½ / all, workers=1): worker peak {worker} MB "
            f"(ratio all÷¼ {last[0] / first[0]:.2f}); writer RSS {writer} MB (ratio {last[1] / first[1]:.2f})",
        ]


def writer_rss_mb() -> float:
    """This (the writer's) process's current resident memory, from /proc."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(files_dir: Path, db: Path, workers: int, sampler: MemorySampler | None = None) -> tuple[IngestSummary, float]:
    t0 = time.perf_counter()
    summary = ingest([files_dir], db=db, workers=workers, progress=False, on_stored=sampler)
    return summary, time.perf_counter() - t0


def line(workers: int, s: IngestSummary, seconds: float) -> str:
    docs = s.done + s.failed
    peaks = ", ".join(f"{v:.0f}" for v in sorted(s.peak_worker_rss_mb.values()))
    return (
        f"   workers={workers}: {docs} documents, {s.pages} pages in {seconds:.1f} s → "
        f"{docs / seconds:.2f} documents/s, {s.pages / seconds:.1f} pages/s; failed {s.failed}; "
        f"peak RSS per worker {peaks} MB"
    )


@benchmark("ingest")
def bench_ingest(ctx: BenchContext) -> list[str]:
    n_docs = QUICK_DOCS if ctx.quick else TARGET_DOCS
    with tempfile.TemporaryDirectory(prefix="cnfiscal-bench-ingest-") as tmp:
        corpus = Path(tmp) / "corpus"
        files = replicate(corpus, n_docs)
        out = [
            f"   corpus: {len(files)} documents ({len(files) // len(sample_files())} copies of "
            f"{len(sample_files())} samples), {sum(f.stat().st_size for f in files) / 1e6:.0f} MB"
        ]
        sampler = MemorySampler(len(files))
        one, t_one = run(corpus, Path(tmp) / "w1.duckdb", 1, sampler)
        out.append(line(1, one, t_one))
        two, t_two = run(corpus, Path(tmp) / "w2.duckdb", 2)
        out.append(line(2, two, t_two) + f"; speed-up ×{t_one / t_two:.2f}")
        out += sampler.report()
        again, t_again = run(corpus, Path(tmp) / "w2.duckdb", 2)
        out.append(f"   re-run: {again.done} done, {again.skipped} skipped in {t_again:.1f} s (no work)")
        failures = sorted({reason for _, reason in one.failures})
        out += [f"   failure reason: {r}" for r in failures[:5]]
    return out
