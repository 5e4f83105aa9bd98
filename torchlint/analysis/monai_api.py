"""MONAI's helpers that keep tensors where their inputs are.

``sliding_window_inference(inputs, roi_size, sw_batch_size, predictor)`` cuts windows
of ``inputs``, moves them to ``sw_device`` (the inputs' device unless given), runs
``predictor`` on them and stitches its outputs on ``device`` (the inputs' device
unless given): as ``predictor(inputs)`` would, it is observed as that call, and gives
its output. ``one_hot(labels, num_classes)`` of ``monai.networks`` writes ones into
zeros it makes on the labels' device: a tensor where the labels are (its dtype is
``dtype=``'s, float32 unless given; left unknown here)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import libcst as cst

from torchlint.analysis import holders, op_results
from torchlint.analysis.names import dotted
from torchlint.analysis.values import UNKNOWN, Kind, Value

if TYPE_CHECKING:
    from torchlint.analysis.scope import Scope

Args = list[tuple[cst.Arg, Value]]

_INFERERS = "monai.inferers."
SLIDING_WINDOW = frozenset(
    {f"{_INFERERS}sliding_window_inference", f"{_INFERERS}utils.sliding_window_inference"}
)
ONE_HOT = frozenset({"monai.networks.one_hot", "monai.networks.utils.one_hot"})


def _argument(args: Args, position: int, keyword: str) -> tuple[cst.Arg, Value] | None:
    named = next((a for a in args if a[0].keyword and a[0].keyword.value == keyword), None)
    positional = [a for a in args if a[0].keyword is None and not a[0].star]
    return named or (positional[position] if len(positional) > position else None)


def sliding_window(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``sliding_window_inference(inputs, roi, n, model)``: ``model(inputs)``, where
    neither ``sw_device=`` nor ``device=`` sends the windows or the result elsewhere."""
    inputs, predictor = _argument(args, 0, "inputs"), _argument(args, 3, "predictor")
    elsewhere = any(
        a.star or (a.keyword and a.keyword.value in ("sw_device", "device")) for a, _ in args
    )
    if (
        elsewhere
        or inputs is None
        or predictor is None
        or inputs[1].kind not in (Kind.TENSOR, Kind.MOVED)
        or predictor[1].kind not in (Kind.MODULE, Kind.WRAPPER)
    ):
        scope.escape_args(args)
        return UNKNOWN
    model = predictor[1]
    ran = scope.observe_call(node, dotted(predictor[0].value) or "model", model, [inputs])
    return holders.output(model, [inputs], ran)


def one_hot(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``one_hot(labels, num_classes)``: a tensor where ``labels`` is."""
    labels = _argument(args, 0, "labels")
    if labels is None or labels[1].kind not in (Kind.TENSOR, Kind.MOVED):
        scope.escape_args(args)
        return UNKNOWN
    given = replace(labels[1], kind=Kind.TENSOR)
    return replace(op_results.same_place(scope, node, given, "one_hot"), dtype=None)


HANDLERS = {
    **dict.fromkeys(SLIDING_WINDOW, sliding_window),
    **dict.fromkeys(ONE_HOT, one_hot),
}
