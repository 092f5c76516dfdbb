"""The benchmark registry: a module ``bench/<name>.py`` registers its functions with ``@benchmark``.

A benchmark takes a ``BenchContext`` and returns the lines of its report (it may also log).
``python -m bench`` imports every ``bench/*.py`` not starting with ``_`` and runs what registered,
in registration order (or only the names given on the command line).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PDFS = ROOT / "samples" / "pdf"


@dataclass(frozen=True, slots=True)
class BenchContext:
    pdfs: tuple[Path, ...] = field(default_factory=lambda: tuple(sorted(SAMPLE_PDFS.glob("*.pdf"))))
    quick: bool = False  # fewer repetitions / files, for a smoke run


Benchmark = Callable[[BenchContext], list[str]]
BENCHMARKS: dict[str, Benchmark] = {}


def benchmark(name: str) -> Callable[[Benchmark], Benchmark]:
    def register(fn: Benchmark) -> Benchmark:
        if name in BENCHMARKS:
            raise ValueError(f"benchmark {name!r} registered twice")
        BENCHMARKS[name] = fn
        return fn

    return register
