"""Recognition on more than one core: this process and helper processes share each page's crops.

onnxruntime threads gave no gain on the recogniser (small inputs, one batch at a time); processes do.
The crops of a call are ordered by width (as ``RapidEngine.recognize`` orders them) and cut into chunks
of whole recognition batches, so every batch — and so every reading — is the same as on one core. This
process reads chunks from the wide end while each helper (fed by a thread here) takes chunks from the
narrow end one at a time: a helper still loading its models or whose core is busy simply gets fewer.

How many processes (``Options.ocr_workers``): ``None`` (the default) means two — this process and one
helper — when the machine has two or more cores, and one inside a corpus ingest worker (a daemonic
process: the ingest pool already runs one document per core, and daemonic processes may not start
children). ``1`` never starts a helper. Helpers (``helper.py``, plain subprocesses) are started once per
process, kept for later documents, and end with it; a helper that dies is a log warning and its chunk is
read here.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing as mp
import os
import pickle
import subprocess
import sys
import threading
from collections import deque

import numpy as np

from cnfiscal.extract.ocr.engine import (
    ENGINE_TIMEOUT,
    Detected,
    OcrEngine,
    Recognized,
    TimedEngine,
    default_engine,
    injected_engine,
    width_order,
)

log = logging.getLogger(__name__)

CHUNK_BATCHES = 1  # recognition batches per chunk handed out (~0.15 s of work: little waiting at the end)


def resolve_workers(requested: int | None) -> int:
    """Processes to recognise with: ``requested``, or the default described in the module docstring."""
    if mp.current_process().daemon:
        if requested not in (None, 1):
            log.info("OCR inside a worker process: ocr_workers=%s ignored, one process", requested)
        return 1
    if requested is not None:
        return max(1, requested)
    return 2 if (os.cpu_count() or 1) >= 2 else 1


class _Helper:
    """One helper process; ``ready`` is set once its models are loaded."""

    def __init__(self) -> None:
        cmd = [sys.executable, "-m", "cnfiscal.extract.ocr.helper"]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.ready = threading.Event()
        self.alive = True
        self.cpu = 0.0
        threading.Thread(target=self._wait_ready, daemon=True, name="ocr-helper-start").start()

    def _wait_ready(self) -> None:
        try:
            if pickle.load(self.proc.stdout) == "ready":  # type: ignore[arg-type]
                self.ready.set()
                return
        except (EOFError, OSError, pickle.UnpicklingError):
            pass
        self._died("did not start")

    def read(self, crops: list[np.ndarray]) -> list[Recognized] | None:
        """The readings, or None when the helper has died."""
        try:
            pickle.dump(crops, self.proc.stdin)  # type: ignore[arg-type]
            self.proc.stdin.flush()  # type: ignore[union-attr]
            readings, cpu = pickle.load(self.proc.stdout)  # type: ignore[arg-type]
        except (EOFError, OSError, pickle.UnpicklingError) as e:
            self._died(f"{type(e).__name__}: {e}")
            return None
        self.cpu += cpu
        return [Recognized(t, c) for t, c in readings]

    def _died(self, why: str) -> None:
        if self.alive:
            log.warning("OCR helper process %d stopped (%s); reading on without it", self.proc.pid, why)
        self.alive = False

    def close(self) -> None:
        self.alive = False
        if self.proc.stdin is not None:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(2)  # it ends at end of input; one that does not is left to end with this process


class ParallelEngine:
    """``RapidEngine`` here plus ``helpers`` helper processes; ``helper_cpu`` sums the helpers' CPU seconds."""

    name = "rapidocr"

    def __init__(self, helpers: int, rec_batch: int = 8) -> None:
        self.local = default_engine()
        self.rec_batch = rec_batch
        self._helpers = [_Helper() for _ in range(helpers)]  # they load their models while pages are ruled

    @property
    def helper_cpu(self) -> float:
        return sum(h.cpu for h in self._helpers)

    def detect_read(self, image: np.ndarray) -> list[Detected]:
        return self.local.detect_read(image)

    def recognize(self, crops: list[np.ndarray]) -> list[Recognized]:
        order = width_order(crops)
        size = CHUNK_BATCHES * self.rec_batch
        work = deque(order[i : i + size] for i in range(0, len(order), size))
        out: list[Recognized] = [Recognized("", 0.0)] * len(crops)
        lock = threading.Lock()
        feeders = [
            threading.Thread(target=self._feed, args=(h, crops, work, lock, out), daemon=True, name="ocr-helper")
            for h in self._helpers
            if h.alive
        ]
        for t in feeders:
            t.start()
        while True:
            with lock:
                if not work:
                    break
                idx = work.pop()
            _put(out, idx, self.local.recognize([crops[i] for i in idx]))
        for t in feeders:
            t.join()
        for idx in work:  # chunks a helper gave back when it died
            _put(out, idx, self.local.recognize([crops[i] for i in idx]))
        return out

    @staticmethod
    def _feed(helper: _Helper, crops: list[np.ndarray], work: deque, lock: threading.Lock, out: list) -> None:
        while not helper.ready.wait(0.05):  # still loading its models: join in once ready, if work is left
            if not work or not helper.alive:
                return
        while True:
            with lock:
                if not work:
                    return
                idx = work.popleft()
            got = helper.read([crops[i] for i in idx])
            if got is None:
                with lock:
                    work.append(idx)
                return
            _put(out, idx, got)

    def close(self) -> None:
        for h in self._helpers:
            h.close()


def _put(out: list[Recognized], idx: np.ndarray, got: list[Recognized]) -> None:
    for i, r in zip(idx, got, strict=True):
        out[int(i)] = r


_ENGINES: dict[int, ParallelEngine] = {}
_LOCK = threading.Lock()


def recognition_engine(workers: int | None) -> OcrEngine:
    """The engine for ``Options.ocr_workers``: one per process and size, kept for later documents."""
    n = resolve_workers(workers)
    if n == 1:
        return default_engine()
    with _LOCK:
        if n - 1 not in _ENGINES:
            _ENGINES[n - 1] = ParallelEngine(n - 1)
        return _ENGINES[n - 1]


def current_engine(workers: int | None = 1) -> OcrEngine:
    """The engine set by ``use_engine`` (tests, benchmarks), else RapidOCR on ``workers`` processes
    (``Options.ocr_workers``), one onnxruntime thread each, with a time limit."""
    engine = injected_engine()
    if engine is not None:
        return engine
    return TimedEngine(recognition_engine(workers), ENGINE_TIMEOUT)


@atexit.register
def _close_all() -> None:
    for engine in _ENGINES.values():
        engine.close()
