"""The OCR replay the scanned-fixture tests share: recorded outputs first, the real engine on a miss.

The recording (``tests/data/scanned/ocr_replay.json``) is keyed by the exact bytes of each crop. A new
release of PyMuPDF, OpenCV, numpy or Pillow renders or filters a few pixels differently, and those crops
miss: they are then read by RapidOCR itself (installed with cnfiscal), so the tests check what a user's
install does and stay as strict — only slower. Re-record after a lock update with
``.venv/bin/python scripts/make_scanned_fixtures.py --record-ocr``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from cnfiscal.extract.ocr.engine import LazyEngine, ReplayEngine, default_engine

SCANNED = Path(__file__).resolve().parents[3] / "tests" / "data" / "scanned"
log = logging.getLogger(__name__)


@pytest.fixture(scope="session")
def replay() -> Iterator[ReplayEngine]:
    engine = ReplayEngine(SCANNED / "ocr_replay.json", LazyEngine(default_engine))
    yield engine
    if engine.misses:
        log.warning(
            "OCR replay: %d hits, %d misses read by RapidOCR (re-record to speed up)", engine.hits, engine.misses
        )
