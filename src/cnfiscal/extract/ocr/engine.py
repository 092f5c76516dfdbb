"""OCR engines behind one small protocol: RapidOCR (models from the wheel), a record/replay cache, a time limit.

The protocol has two calls: ``recognize`` (text + confidence for single-line crops, batched) and
``detect_read`` (detection + recognition over a region whose lines are unknown). Tests inject a fake
engine that crashes or hangs; ``ReplayEngine`` serves committed OCR outputs (JSON), a speed-up for tests:
keyed by the exact crop bytes, it misses whenever a library update renders or filters a pixel differently,
and then asks the real engine behind it (``LazyEngine``, which loads the models only on a first miss).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

import cv2
import numpy as np

from cnfiscal.errors import OCRError
from cnfiscal.extract.ocr.model import install_folded

log = logging.getLogger(__name__)

Quad = tuple[tuple[float, float], ...]  # four corner points, pixels of the image given
T = TypeVar("T")
REC_HEIGHT = 48  # the recogniser's input height (PP-OCRv4); 32–40 loses decimal points and ≥


@dataclass(frozen=True, slots=True)
class Recognized:
    text: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Detected:
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels of the image given
    text: str
    confidence: float


class OcrEngine(Protocol):
    name: str

    def recognize(self, crops: list[np.ndarray]) -> list[Recognized]:
        """One result per single-line crop (BGR or grey uint8), same order."""
        ...

    def detect_read(self, image: np.ndarray) -> list[Detected]:
        """Find text lines in ``image`` and read them."""
        ...


class RapidEngine:
    """RapidOCR (PP-OCRv4 det/rec ONNX models shipped inside ``rapidocr_onnxruntime``; nothing is downloaded)."""

    name = "rapidocr"

    def __init__(self, threads: int = 1, rec_batch: int = 8) -> None:
        self.rec_batch = rec_batch
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as e:  # a broken install: say what to install
            from cnfiscal.extract.ocr.deps import missing_package

            raise missing_package(e) from e
        self._ocr = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1, use_cls=False, print_verbose=False)
        self.folded = install_folded(self._ocr.text_rec, threads)  # same readings, less time (model.py)

    def recognize(self, crops: list[np.ndarray]) -> list[Recognized]:
        """Batches of similar width, each padded only to its widest crop.

        (RapidOCR's own batching pads every crop to at least 320 px: short cell texts like ``2`` or
        ``28户`` would cost as much as a full line — about twice the time on a table page.)
        """
        rec = self._ocr.text_rec
        order = width_order(crops)
        out: list[Recognized] = [Recognized("", 0.0)] * len(crops)
        for start in range(0, len(order), self.rec_batch):
            idx = order[start : start + self.rec_batch]
            widths = [_rec_width(crops[i]) for i in idx]
            batch = np.zeros((len(idx), 3, REC_HEIGHT, max(widths)), np.float32)
            for k, i in enumerate(idx):
                img = cv2.resize(_bgr(crops[i]), (widths[k], REC_HEIGHT)).astype(np.float32)
                batch[k, :, :, : widths[k]] = img.transpose(2, 0, 1) / 127.5 - 1.0
            preds = rec.session(batch)[0]
            decoded = rec.postprocess_op(
                preds, False, wh_ratio_list=[w / REC_HEIGHT for w in widths], max_wh_ratio=max(widths) / REC_HEIGHT
            )
            for k, i in enumerate(idx):
                out[i] = Recognized(str(decoded[k][0]), float(decoded[k][1]))
        return out

    def detect_read(self, image: np.ndarray) -> list[Detected]:
        result, _ = self._ocr(_bgr(image), use_cls=False)
        out: list[Detected] = []
        for box, text, score in result or []:
            xs = [float(p[0]) for p in box]
            ys = [float(p[1]) for p in box]
            out.append(Detected((min(xs), min(ys), max(xs), max(ys)), str(text), float(score)))
        return out


def width_order(crops: list[np.ndarray]) -> np.ndarray:
    """Crop indices by width/height ratio (stable: the same crops always make the same batches)."""
    return np.argsort([c.shape[1] / max(1, c.shape[0]) for c in crops], kind="stable")


def _rec_width(img: np.ndarray) -> int:
    return max(REC_HEIGHT, math.ceil(REC_HEIGHT * img.shape[1] / max(1, img.shape[0])))


def _bgr(img: np.ndarray) -> np.ndarray:
    if img.ndim == 2:
        return np.ascontiguousarray(np.repeat(img[:, :, None], 3, axis=2))
    return img


_DEFAULT: dict[int, RapidEngine] = {}
_LOCK = threading.Lock()


def default_engine(threads: int = 1) -> RapidEngine:
    """One RapidOCR per process and thread count (loading the models takes ~1 s)."""
    with _LOCK:
        if threads not in _DEFAULT:
            _DEFAULT[threads] = RapidEngine(threads=threads)
        return _DEFAULT[threads]


def image_key(kind: str, img: np.ndarray) -> str:
    h = hashlib.sha256(img.tobytes())
    h.update(repr((kind, img.shape, str(img.dtype))).encode())
    return h.hexdigest()[:32]


class LazyEngine:
    """The engine ``make()`` builds, built on first use: a replay that always hits never loads a model."""

    name = "lazy"

    def __init__(self, make: Callable[[], OcrEngine]) -> None:
        self._make = make
        self._engine: OcrEngine | None = None

    @property
    def engine(self) -> OcrEngine:
        if self._engine is None:
            self._engine = self._make()
            self.name = self._engine.name
        return self._engine

    def recognize(self, crops: list[np.ndarray]) -> list[Recognized]:
        return self.engine.recognize(crops)

    def detect_read(self, image: np.ndarray) -> list[Detected]:
        return self.engine.detect_read(image)


class ReplayEngine:
    """Record/replay cache of OCR outputs, keyed by the image bytes, stored as readable JSON.

    With ``inner`` set, misses are computed by it and recorded (``save()`` writes them); without it a
    miss raises ``OCRError``.
    """

    name = "replay"

    def __init__(self, path: Path, inner: OcrEngine | None = None) -> None:
        self.path = path
        self.inner = inner
        self.hits = self.misses = 0
        self._data: dict[str, list] = {}
        if path.exists():
            self._data = json.loads(path.read_text(encoding="utf-8"))

    def _lookup(self, key: str) -> list | None:
        found = self._data.get(key)
        if found is None:
            self.misses += 1
            if self.inner is None:
                raise OCRError(f"no recorded OCR output for image {key} in {self.path}")
        else:
            self.hits += 1
        return found

    def recognize(self, crops: list[np.ndarray]) -> list[Recognized]:
        keys = [image_key("rec", c) for c in crops]
        found = [self._lookup(k) for k in keys]
        todo = [i for i, f in enumerate(found) if f is None]
        if todo:
            assert self.inner is not None
            for i, r in zip(todo, self.inner.recognize([crops[i] for i in todo]), strict=True):
                found[i] = self._data[keys[i]] = [r.text, round(r.confidence, 4)]
        return [Recognized(f[0], f[1]) for f in found if f is not None]

    def detect_read(self, image: np.ndarray) -> list[Detected]:
        key = image_key("det", image)
        found = self._lookup(key)
        if found is None:
            assert self.inner is not None
            dets = self.inner.detect_read(image)
            found = self._data[key] = [[[round(v, 1) for v in d.box], d.text, round(d.confidence, 4)] for d in dets]
        return [Detected(tuple(b), t, s) for b, t, s in found]

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self._data, ensure_ascii=False, indent=1, sort_keys=True)
        self.path.write_text(text + "\n", encoding="utf-8")


class TimedEngine:
    """Gives up on an engine call after ``seconds`` (the call runs in a daemon thread; a hung engine is
    abandoned, not killed — process-level limits belong to the ingest workers)."""

    def __init__(self, inner: OcrEngine, seconds: float) -> None:
        self.inner = inner
        self.seconds = seconds
        self.name = inner.name

    def recognize(self, crops: list[np.ndarray]) -> list[Recognized]:
        return self._run(lambda: self.inner.recognize(crops))

    def detect_read(self, image: np.ndarray) -> list[Detected]:
        return self._run(lambda: self.inner.detect_read(image))

    def _run(self, call: Callable[[], T]) -> T:
        box: dict[str, object] = {}

        def target() -> None:
            try:
                box["value"] = call()
            except BaseException as e:  # handed to the caller below
                box["error"] = e

        worker = threading.Thread(target=target, daemon=True, name="ocr-engine")
        worker.start()
        worker.join(self.seconds)
        if worker.is_alive():
            raise OCRError(f"OCR engine {self.name} did not answer within {self.seconds:.0f} s")
        if "error" in box:
            raise OCRError(f"OCR engine {self.name} failed: {box['error']}") from box["error"]  # type: ignore[misc]
        return box["value"]  # type: ignore[return-value]


_CURRENT: ContextVar[OcrEngine | None] = ContextVar("cnfiscal_ocr_engine", default=None)
ENGINE_TIMEOUT = 120.0  # seconds for one engine call (one page's batch)


def injected_engine() -> OcrEngine | None:
    """The engine set by ``use_engine`` (tests, benchmarks), if any."""
    return _CURRENT.get()


@contextmanager
def use_engine(engine: OcrEngine) -> Iterator[OcrEngine]:
    token = _CURRENT.set(engine)
    try:
        yield engine
    finally:
        _CURRENT.reset(token)
