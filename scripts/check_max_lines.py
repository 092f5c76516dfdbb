"""Fail when a source module grows past the line limit (a sign it should be split)."""

from __future__ import annotations

import sys
from pathlib import Path

LIMIT = 400


def main() -> int:
    too_long = [
        (p, n)
        for p in sorted(Path("src").rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > LIMIT
    ]
    for p, n in too_long:
        sys.stderr.write(f"{p}: {n} lines > {LIMIT}\n")
    return 1 if too_long else 0


if __name__ == "__main__":
    sys.exit(main())
