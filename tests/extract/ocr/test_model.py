"""The folded recogniser: same outputs as the shipped model, fewer nodes, and a safe fallback."""

from __future__ import annotations

import builtins
from collections import Counter
from typing import Any

import numpy as np
import pytest

pytestmark = pytest.mark.ocr


@pytest.fixture(scope="module")
def shipped() -> Any:
    pytest.importorskip("rapidocr_onnxruntime")
    pytest.importorskip("onnx")
    from cnfiscal.extract.ocr.model import rec_model_path

    return rec_model_path()


def test_folding_removes_the_elementwise_nodes_and_keeps_the_outputs(shipped: Any) -> None:
    import onnx

    from cnfiscal.extract.ocr.model import cpu_session, folded_model

    before = Counter(n.op_type for n in onnx.load(str(shipped)).graph.node)
    folded = folded_model(shipped)
    assert folded is not None
    after = Counter(n.op_type for n in onnx.load_from_string(folded).graph.node)
    # 28 blocks: each loses Mul+Add of the affine after its convolution, and Add/Clip/Div of its hard-swish
    assert after["HardSigmoid"] - before["HardSigmoid"] == 28
    assert before["Clip"] - after["Clip"] == 28 and before["Div"] - after["Div"] == 28
    assert after["Conv"] == before["Conv"]
    # and the 12 1×1 convolutions fed by an affine take it in: 28 + 12 Mul/Add pairs gone, 28 gate Muls added
    assert before["Add"] - after["Add"] == 28 + 28 + 12 and before["Mul"] - after["Mul"] == 28 + 28 + 12 - 28

    # a text-like batch (not the probe the engine checks with): readings and scores the same
    rng = np.random.default_rng(7)
    batch = np.where(rng.random((3, 3, 48, 240)) < 0.3, -1.0, 0.9).astype(np.float32)
    a = cpu_session(str(shipped)).run(None, {"x": batch})[0]
    b = cpu_session(folded).run(None, {"x": batch})[0]
    assert (a.argmax(-1) == b.argmax(-1)).all()
    assert float(np.abs(a - b).max()) < 1e-4


def test_the_engine_uses_the_folded_model_and_reads_the_same(shipped: Any) -> None:
    import cv2

    from cnfiscal.extract.ocr.engine import RapidEngine
    from cnfiscal.extract.ocr.model import cpu_session

    crop = np.full((40, 200), 255, np.uint8)
    cv2.putText(crop, "2226.98", (8, 30), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    folded, plain = RapidEngine(threads=1), RapidEngine(threads=1)
    assert folded.folded
    plain._ocr.text_rec.session.session = cpu_session(str(shipped))  # the model as shipped
    [x], [y] = folded.recognize([crop]), plain.recognize([crop])
    assert x.text == y.text == "2226.98"
    assert abs(x.confidence - y.confidence) < 1e-3


def test_without_onnx_the_shipped_model_is_used(shipped: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from cnfiscal.extract.ocr.model import folded_model

    real_import = builtins.__import__

    def no_onnx(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "onnx":
            raise ImportError("no onnx here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_onnx)
    assert folded_model(shipped) is None


def test_a_rewrite_that_changes_the_outputs_is_refused(shipped: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from rapidocr_onnxruntime import RapidOCR

    from cnfiscal.extract.ocr import model

    monkeypatch.setattr(model, "same_outputs", lambda reference, candidate: False)
    ocr = RapidOCR(intra_op_num_threads=1, use_cls=False, print_verbose=False)
    original = ocr.text_rec.session.session
    assert model.install_folded(ocr.text_rec, 1) is False
    assert ocr.text_rec.session.session is original


def test_same_outputs_wants_equal_best_characters() -> None:
    from cnfiscal.extract.ocr.model import same_outputs

    ref = np.array([[[0.6, 0.4], [0.2, 0.8]]], np.float32)
    assert same_outputs(ref, ref + 1e-5)
    assert not same_outputs(ref, np.array([[[0.4, 0.6], [0.2, 0.8]]], np.float32))  # best character differs
    assert not same_outputs(ref, ref[:, :1])
