"""The recogniser model with its element-wise ops folded away — the same function, about a quarter less work.

The PP-OCRv4 recogniser shipped in ``rapidocr_onnxruntime`` is exported from Paddle with every
"learnable affine block" and every hard-swish spelt out as separate element-wise nodes:
``Conv → Mul(a) → Add(b) → Add(3) → Clip(0, 6) → Mul → Div(6)``. On one core those nodes cost about a
third of the time (each is a pass over the whole feature map). Three rewrites, all exact algebra:

* an affine ``a·conv(x) + b`` straight after a convolution is the convolution with weights ``a·W`` and
  bias ``a·bias + b`` (per output channel; no padding involved, so exact at the borders too);
* ``x · clip(x + 3, 0, 6) / 6`` is ``x · HardSigmoid(x)`` with α = 1/6, β = 1/2 (two nodes instead of
  four);
* an affine ``c·x + d`` feeding a 1×1 convolution is that convolution with weights ``W·c`` and bias
  ``bias + W·d`` (exact: a 1×1 convolution has no padding).

Measured on one core: 0.72–0.78× the recogniser's time, the same text on every crop of the
fixtures. The rewrite runs in memory when the engine starts (~0.3 s, needs the ``onnx`` package of the
``ocr`` extra) and is checked there: the rewritten model must give the original's output on a probe batch
(largest difference < ``PROBE_TOLERANCE``, same best character everywhere). Anything else — ``onnx``
missing, a model of another shape, a failed check — means the original model is used, with a log line.
Measured in ``bench/ocr.py`` (``recogniser model``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

PROBE_TOLERANCE = 1e-3  # on softmax outputs in [0, 1]; float rounding of the folded weights gives ~1e-6


class _Graph:
    """The node list of an ONNX graph with its constants, producers and consumers."""

    def __init__(self, model: Any) -> None:
        from onnx import numpy_helper

        self.graph = model.graph
        self.nodes = list(self.graph.node)
        self.const: dict[str, np.ndarray] = {
            n.output[0]: numpy_helper.to_array(n.attribute[0].t)
            for n in self.nodes
            if n.op_type == "Constant" and n.attribute and n.attribute[0].name == "value"
        }
        self.const.update({i.name: numpy_helper.to_array(i) for i in self.graph.initializer})
        self.reindex()

    def reindex(self) -> None:
        self.producer = {o: n for n in self.nodes for o in n.output}
        self.consumers: dict[str, list[Any]] = {}
        for n in self.nodes:
            for i in n.input:
                self.consumers.setdefault(i, []).append(n)

    def sole_consumer(self, name: str, op: str) -> Any | None:
        users = self.consumers.get(name, [])
        return users[0] if len(users) == 1 and users[0].op_type == op else None

    def is_scalar(self, name: str, value: float) -> bool:
        a = self.const.get(name)
        return a is not None and a.size == 1 and float(a.reshape(-1)[0]) == value

    def channel_vector(self, name: str, channels: int) -> np.ndarray | None:
        """A constant that broadcasts per channel (a scalar or ``channels`` values), as a vector."""
        a = self.const.get(name)
        if a is None:
            return None
        if a.size == 1:
            return np.full(channels, float(a.reshape(-1)[0]), np.float32)
        if a.size == channels and (a.ndim == 1 or a.shape[-1] == a.shape[-2] == 1):
            return a.reshape(-1).astype(np.float32)
        return None

    def add_initializer(self, name: str, value: np.ndarray) -> None:
        from onnx import numpy_helper

        self.graph.initializer.append(numpy_helper.from_array(value.astype(np.float32), name))
        self.const[name] = value

    def replace(self, old: list[Any], new: list[Any]) -> None:
        """``new`` takes the place of the last node of ``old``; the others are removed."""
        at = self.nodes.index(old[-1])
        self.nodes[at : at + 1] = new
        drop = {id(n) for n in old[:-1]}
        self.nodes = [n for n in self.nodes if id(n) not in drop]
        self.reindex()

    def commit(self) -> None:
        del self.graph.node[:]
        self.graph.node.extend(self.nodes)


def _const_input(g: _Graph, node: Any) -> tuple[str, str] | None:
    """(constant input, other input) of a two-input node with exactly one constant."""
    consts = [i for i in node.input if i in g.const]
    others = [i for i in node.input if i not in g.const]
    return (consts[0], others[0]) if len(consts) == 1 and len(others) == 1 else None


def fold_affine_after_conv(g: _Graph) -> int:
    """``Conv → Mul(a) → Add(b)`` (the convolution's only consumer) → one ``Conv``."""
    folded = 0
    for conv in [n for n in g.nodes if n.op_type == "Conv" and n.input[1] in g.const]:
        weights = g.const[conv.input[1]]
        out_ch = weights.shape[0]
        mul = g.sole_consumer(conv.output[0], "Mul")
        add = mul is not None and g.sole_consumer(mul.output[0], "Add")
        if not add or _const_input(g, mul) is None or _const_input(g, add) is None:
            continue
        a = g.channel_vector(_const_input(g, mul)[0], out_ch)  # type: ignore[index]
        b = g.channel_vector(_const_input(g, add)[0], out_ch)  # type: ignore[index]
        if a is None or b is None:
            continue
        _set_conv(g, conv, conv.input[0], weights * a.reshape(-1, 1, 1, 1), _bias(g, conv) * a + b)
        conv.output[0] = add.output[0]
        g.replace([mul, add], [])
        folded += 1
    return folded


def fold_affine_before_pointwise(g: _Graph) -> int:
    """``Mul(c) → Add(d) → Conv 1×1`` (the affine's only consumer, no padding) → one ``Conv``: the
    convolution of ``c·x + d`` is the one with weights ``W·c`` (per input channel) and bias ``bias + W·d``.
    (Before a padded 3×3 or 5×5 convolution the bias would be wrong along the borders, so those stay.)"""
    folded = 0
    for conv in [n for n in g.nodes if n.op_type == "Conv" and n.input[1] in g.const]:
        add = g.producer.get(conv.input[0])
        add_in = _const_input(g, add) if add is not None and add.op_type == "Add" else None
        mul = g.producer.get(add_in[1]) if add_in else None
        mul_in = _const_input(g, mul) if mul is not None and mul.op_type == "Mul" else None
        weights = g.const[conv.input[1]]
        if not (add_in and mul_in and _pointwise(conv, weights)) or _fan_out(g, add, mul):
            continue
        c = g.channel_vector(mul_in[0], weights.shape[1])
        d = g.channel_vector(add_in[0], weights.shape[1])
        if c is None or d is None:
            continue
        _set_conv(g, conv, mul_in[1], weights * c.reshape(1, -1, 1, 1), _bias(g, conv) + weights[:, :, 0, 0] @ d)
        g.replace([mul, add], [])
        folded += 1
    return folded


def _bias(g: _Graph, conv: Any) -> np.ndarray:
    weights = g.const[conv.input[1]]
    return g.const[conv.input[2]] if len(conv.input) > 2 else np.zeros(weights.shape[0], np.float32)


def _set_conv(g: _Graph, conv: Any, x: str, weights: np.ndarray, bias: np.ndarray) -> None:
    """The convolution made to read ``x`` with new weights and bias (new initializers, named after it)."""
    stem = f"{conv.name or conv.output[0]}_folded{len(g.graph.initializer)}"
    g.add_initializer(stem + "_w", weights)
    g.add_initializer(stem + "_b", bias)
    del conv.input[:]
    conv.input.extend([x, stem + "_w", stem + "_b"])


def _pointwise(conv: Any, weights: np.ndarray) -> bool:
    """A 1×1 convolution over all channels, without padding."""
    attrs = {a.name: a for a in conv.attribute}
    pads = list(attrs["pads"].ints) if "pads" in attrs else []
    group = attrs["group"].i if "group" in attrs else 1
    return weights.shape[2:] == (1, 1) and group == 1 and not any(pads)


def _fan_out(g: _Graph, *nodes: Any) -> bool:
    """Does any of these nodes' outputs feed more than one node?"""
    return any(len(g.consumers.get(n.output[0], [])) != 1 for n in nodes)


def fuse_hard_swish(g: _Graph) -> int:
    """``Add(x, 3) → Clip(0, 6) → Mul(x, ·) → Div(6)`` → ``Mul(x, HardSigmoid(x))``."""
    from onnx import helper

    fused = 0
    for div in [n for n in g.nodes if n.op_type == "Div" and g.is_scalar(n.input[1], 6.0)]:
        mul = g.producer.get(div.input[0])
        clip = g.producer.get(mul.input[1]) if mul is not None and mul.op_type == "Mul" else None
        add = g.producer.get(clip.input[0]) if clip is not None and clip.op_type == "Clip" else None
        if mul is None or clip is None or add is None or add.op_type != "Add" or not g.is_scalar(add.input[1], 3.0):
            continue
        x = add.input[0]
        if mul.input[0] != x or not (g.is_scalar(clip.input[1], 0.0) and g.is_scalar(clip.input[2], 6.0)):
            continue
        gate = helper.make_node("HardSigmoid", [x], [div.output[0] + "_gate"], alpha=1 / 6, beta=0.5)
        g.replace([add, clip, mul, div], [gate, helper.make_node("Mul", [x, gate.output[0]], [div.output[0]])])
        fused += 1
    return fused


def folded_model(path: Path) -> bytes | None:
    """The rewritten model, serialised; None when ``onnx`` is missing or nothing matched."""
    try:
        import onnx
    except ImportError:
        log.info("onnx is not installed: the recogniser runs unfolded (pip install onnx)")
        return None
    model = onnx.load(str(path))
    g = _Graph(model)
    affine, swish, before = fold_affine_after_conv(g), fuse_hard_swish(g), fold_affine_before_pointwise(g)
    g.commit()
    log.debug("recogniser %s: %d + %d affine blocks folded, %d hard-swish fused", path.name, affine, before, swish)
    return model.SerializeToString() if affine or swish or before else None


def probe_batch() -> np.ndarray:
    """A fixed batch shaped like recognition input: dark strokes on light ground, normalised to [-1, 1]."""
    rng = np.random.default_rng(0)
    img = np.where(rng.random((4, 3, 48, 160)) < 0.2, -1.0, 1.0) + rng.normal(0, 0.1, (4, 3, 48, 160))
    return np.clip(img, -1, 1).astype(np.float32)


def same_outputs(reference: np.ndarray, candidate: np.ndarray) -> bool:
    return (
        reference.shape == candidate.shape
        and float(np.abs(reference - candidate).max()) < PROBE_TOLERANCE
        and bool((reference.argmax(-1) == candidate.argmax(-1)).all())
    )


def rec_model_path() -> Path:
    """Where ``rapidocr_onnxruntime`` keeps its recogniser (its own config names the file)."""
    from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH, update_model_path
    from rapidocr_onnxruntime.utils import read_yaml

    return Path(update_model_path(read_yaml(str(DEFAULT_CFG_PATH)))["Rec"]["model_path"])


def cpu_session(model: str | bytes, threads: int = 1) -> Any:
    """An onnxruntime CPU session on a model file or serialised model, ``threads`` intra-op threads."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 3
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def install_folded(text_rec: Any, threads: int) -> bool:
    """Swap the ONNX session inside RapidOCR's ``TextRecognizer`` for one on the folded model, if it checks out.

    RapidOCR's own pre- and post-processing (the character list, CTC decoding) stay as they are.
    """
    original = text_rec.session.session
    try:
        folded = folded_model(rec_model_path())
    except Exception as e:  # a model or onnx version this rewrite does not know: keep the original
        log.warning("recogniser not folded (%s: %s); using it as shipped", type(e).__name__, e)
        return False
    if folded is None:
        return False
    session = cpu_session(folded, threads)
    probe = {original.get_inputs()[0].name: probe_batch()}
    if not same_outputs(original.run(None, probe)[0], session.run(None, probe)[0]):
        log.warning("folded recogniser disagrees with the shipped one on the probe batch; using it as shipped")
        return False
    text_rec.session.session = session
    return True
