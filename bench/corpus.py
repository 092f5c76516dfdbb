"""The real corpus against its hand-checked truth: ``python -m bench corpus`` (add ``-v`` detail with
``CNFISCAL_BENCH_VERBOSE=1``).

Every document of ``samples/`` with a truth file in ``tests/data/expected/corpus/`` is run through the whole
pipeline; per document: tables found / present (placed: pages and unit right too), amounts exact / checked,
office and year right, self-evaluations read, and the hand labels of its errors and warnings (genuine /
false; unlabelled ones are listed to be read). A change that helps one template and hurts another shows here.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from bench._corpus_metrics import DocScore, load_truth, score
from bench._crossdoc_metrics import compare, report_lines, summarise
from bench._registry import ROOT, BenchContext, benchmark
from cnfiscal.models import DocumentRecord

TRUTH = ROOT / "tests" / "data" / "expected" / "corpus"
CROSSDOC_TRUTH = ROOT / "tests" / "data" / "expected" / "crossdoc"


@dataclass(frozen=True, slots=True)
class CorpusRun:
    scores: list[DocScore]
    records: dict[str, DocumentRecord] = field(default_factory=dict)  # file name → record (the cross-document part)

    def total(self, attr: str) -> int:
        return sum(int(getattr(s, attr)) for s in self.scores)


def sample_path(name: str) -> Path:
    for folder in ("pdf", "text", "web"):
        if (p := ROOT / "samples" / folder / name).exists():
            return p
    raise FileNotFoundError(name)


def run_corpus(names: list[str] | None = None) -> CorpusRun:
    from cnfiscal.pipeline import process

    scores, records = [], {}
    for truth_file in sorted(TRUTH.glob("*.json")):
        truth = load_truth(truth_file)
        if names and truth["file"] not in names:
            continue
        records[truth["file"]] = record = process(sample_path(truth["file"]))
        scores.append(score(record, truth))
    return CorpusRun(scores, records)


def crossdoc_report(run: CorpusRun, verbose: bool = False) -> list[str]:
    """The cross-document checks over the run's documents, against ``yoy.json`` and ``offices.json``."""
    from cnfiscal.corpus.crossdoc import check_records

    result = check_records(run.records.values())
    names = {r.source.sha256: name for name, r in run.records.items()}
    offices = json.loads((CROSSDOC_TRUTH / "offices.json").read_text(encoding="utf-8"))
    yoy = json.loads((CROSSDOC_TRUTH / "yoy.json").read_text(encoding="utf-8"))
    labels = {name: entry["office"] for name, entry in offices.get("documents", {}).items()}
    return report_lines(summarise(result, names, labels), compare(result, names, yoy, offices), verbose)


def report(run: CorpusRun, verbose: bool = False) -> list[str]:
    lines = [
        f"   {'document':46} {'tables':>7} {'placed':>6} {'amounts':>7}  kind office year  {'errors ok/false':>15}"
        f" {'warn ok/false':>13} unlab"
    ]
    for s in run.scores:
        lines.append(
            f"   {s.name[:46]:46} {s.tables_found:3d}/{s.tables_present:<3d} {s.tables_placed:6d}"
            f" {s.amounts_exact:3d}/{s.amounts_checked:<3d}  {_mark(s.kind_right):^4} {_mark(s.office_right):^6}"
            f" {_mark(s.year_right):^4}"
            f"  {s.errors_genuine:7d}/{s.errors_false:<7d} {s.warnings_genuine:6d}/{s.warnings_false:<6d}"
            f" {len(s.unlabelled):5d}"
        )
        if verbose:
            lines.extend(f"      - {m}" for m in s.misses + s.known + s.unlabelled + s.without_evidence)
    errors = run.total("errors_genuine") + run.total("errors_false")
    precision = run.total("errors_genuine") / errors if errors else 1.0
    warnings = run.total("warnings_genuine") + run.total("warnings_false")
    lines.append(
        f"   total: tables {run.total('tables_found')}/{run.total('tables_present')}"
        f" (placed {run.total('tables_placed')}), amounts {run.total('amounts_exact')}/{run.total('amounts_checked')}"
        f" ({run.total('amounts_known')} known limits),"
        f" kind {run.total('kind_right')}/{len(run.scores)}, office {run.total('office_right')}/{len(run.scores)},"
        f" year {run.total('year_right')}/{len(run.scores)},"
        f" self-evaluations {run.total('self_evals_read')}/{run.total('self_evals_expected')},"
        f" errors genuine {run.total('errors_genuine')}/{errors} ({precision:.0%}),"
        f" warnings genuine {run.total('warnings_genuine')}/{warnings},"
        f" unlabelled {sum(len(s.unlabelled) for s in run.scores)},"
        f" without page/evidence {sum(len(s.without_evidence) for s in run.scores)},"
        f" documents with >1 false error {sum(1 for s in run.scores if s.errors_false > 1)}"
    )
    return lines


def _mark(ok: bool) -> str:
    return "ok" if ok else "NO"


@benchmark("corpus")
def corpus(ctx: BenchContext) -> list[str]:
    logging.getLogger("cnfiscal").setLevel(logging.CRITICAL)
    verbose = bool(os.environ.get("CNFISCAL_BENCH_VERBOSE"))
    run = run_corpus()
    return report(run, verbose=verbose) + crossdoc_report(run, verbose=verbose)
