"""Take the README's screenshot of a report's overview with headless Chromium (run by hand, never by the tests).

make run                                    # out/corpus.duckdb and out/report/ from the bundled samples
.venv/bin/python -m tests.report.screenshot out/report/index.html docs/screenshot.png
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.report.browser import Browser, available


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", type=Path, help="the report's index.html")
    parser.add_argument("out", type=Path, help="PNG to write")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1500)
    args = parser.parse_args(argv)
    if not available():
        sys.stderr.write("chromium is not installed\n")
        return 1
    with Browser() as browser:
        result = browser.open_page(args.page.resolve().as_uri(), width=args.width, height=args.height)
    if result.console_errors or not all(ok for _, ok in result.images):
        sys.stderr.write(f"the page did not render cleanly: {result.console_errors} {result.images}\n")
        return 1
    args.out.write_bytes(result.screenshot)
    sys.stderr.write(f"{args.out}: {len(result.screenshot)} bytes, fonts {result.fonts}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
