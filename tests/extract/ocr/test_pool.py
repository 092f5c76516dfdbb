"""Recognition shared with a helper process (``extract.ocr.pool``): the same readings as on one core,
no helper inside a corpus worker, and a helper that dies costs nothing but time."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import cv2
import numpy as np
import pytest

from cnfiscal.extract.ocr import pool


def number_crops(n: int) -> list[np.ndarray]:
    """Single-line crops of printed amounts of different widths (like table cells)."""
    crops = []
    for i in range(n):
        text = f"{(i + 1) * 1237.25:,.2f}"[: 3 + i % 9]
        (w, h), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, 1.0, 2)
        img = np.full((h + 16, w + 16), 255, np.uint8)
        cv2.putText(img, text, (8, h + 8), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2, cv2.LINE_AA)
        crops.append(img)
    return crops


def test_workers_default_to_two_processes_but_one_inside_a_corpus_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool.os, "cpu_count", lambda: 2)
    assert pool.resolve_workers(None) == 2 and pool.resolve_workers(1) == 1 and pool.resolve_workers(3) == 3
    monkeypatch.setattr(pool.mp, "current_process", lambda: SimpleNamespace(daemon=True))
    assert pool.resolve_workers(None) == 1 and pool.resolve_workers(2) == 1
    monkeypatch.setattr(pool.os, "cpu_count", lambda: 1)
    monkeypatch.setattr(pool.mp, "current_process", lambda: SimpleNamespace(daemon=False))
    assert pool.resolve_workers(None) == 1


@pytest.mark.ocr
def test_a_helper_reads_part_of_the_crops_exactly_as_one_process_would(caplog: pytest.LogCaptureFixture) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    from cnfiscal.extract.ocr.engine import default_engine

    crops = number_crops(40)
    alone = default_engine().recognize(crops)
    assert sum(r.text.replace(",", "") == c for r, c in zip(alone, _texts(40), strict=True)) >= 36  # a sane engine
    engine = pool.ParallelEngine(1)
    try:
        assert engine._helpers[0].ready.wait(120)
        assert engine.recognize(crops) == alone
        assert engine.helper_cpu > 0  # the helper did read some
        engine._helpers[0].proc.kill()
        engine._helpers[0].proc.wait()
        with caplog.at_level(logging.WARNING):
            assert engine.recognize(crops) == alone  # its chunk is read here instead
        assert "OCR helper process" in caplog.text
    finally:
        engine.close()


def _texts(n: int) -> list[str]:
    return [f"{(i + 1) * 1237.25:,.2f}"[: 3 + i % 9].replace(",", "") for i in range(n)]
