"""``python -m bench [--quick] [NAME ...]``: run the registered benchmarks and print their reports."""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
import time
from pathlib import Path

from bench._registry import BENCHMARKS, BenchContext


def discover() -> None:
    """Import every ``bench/<name>.py`` (not ``_private``) so that it registers its benchmarks."""
    for mod in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if not mod.name.startswith("_"):
            importlib.import_module(f"bench.{mod.name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="a smaller, faster run")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.CRITICAL)  # record errors are shown per document
    discover()
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; known: {sorted(BENCHMARKS)}")
    ctx = BenchContext(quick=args.quick)
    for name in args.names or list(BENCHMARKS):
        t0 = time.perf_counter()
        print(f"== {name}", flush=True)
        for line in BENCHMARKS[name](ctx):
            print(line, flush=True)
        print(f"   ({time.perf_counter() - t0:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
