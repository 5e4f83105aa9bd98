"""What a loss call records: the input and the target it is given (``LossObs``, for
the rules about targets) and, for the losses that do not promote their class
weights, weights of another dtype than the input (observed as an op that never
promotes, ``strict_ops``)."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from torchlint.analysis import joins, strict_ops
from torchlint.analysis.loss_api import (
    LENGTH_ARGUMENTS,
    LENGTH_LOSSES,
    LOSSES,
    RECORDED_LOSSES,
    WEIGHT_DTYPE_LOSSES,
)
from torchlint.analysis.observations import LossObs
from torchlint.analysis.scope import Scope
from torchlint.analysis.values import UNKNOWN, Kind, Place, Value, new_ident

Args = list[tuple[cst.Arg, Value]]


def called(scope: Scope, node: cst.Call, q: str, args: Args, module: Value | None = None) -> None:
    """Records a loss called on an input and a target (``LossObs``), and class
    weights of another dtype than the input (given to ``module``, the loss object
    called, where it was made; else to this call). For a loss given sequence
    lengths (``F.ctc_loss``), each length tensor, as a target of its own."""
    if q in LENGTH_LOSSES:
        _lengths(scope, node, q, args)
        return
    by_name = {a.keyword.value: (a, v) for a, v in args if a.keyword is not None}
    positional = [(a, v) for a, v in args if a.keyword is None and not a.star]
    target = by_name.get("target") or (positional[1] if len(positional) >= 2 else None)
    given = by_name.get("input") or (positional[0] if positional else None)
    joins.loss_pair(scope, node, given, target)
    weight = _class_weights(node, q, args, module)
    if weight is not None and given is not None:
        # (they do not promote: observed as an op that never promotes)
        strict_ops.observe(scope, node, LOSSES[q], (weight, (given[0].value, given[1])), True)
        # (and they must be where the input is: CPU weights fail with an input on a
        # device, 'Expected all tensors to be on the same device ... argument weight';
        # a loss module moved since takes the weights it keeps along)
        if module is None or (module.device == Place.CPU and not module.last("move", "place")):
            pair = (weight, (given[0].value, given[1]))
            joins.mixed(scope, [v for _, v in pair], node, [e for e, _ in pair], at_op=False)
    if target is not None:
        given_value = given[1] if given else UNKNOWN
        obs = LossObs(LOSSES[q], q, target[0], target[1], given_value, scope.no_grad == 0)
        scope.w.facts.loss_targets.add(node, obs, scope.depth)


def function(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``F.mse_loss(pred, target)``: recorded (``called``); the loss is a tensor where
    its input and target are (both, or the call fails), a number by default: no
    dimensions, in no dtype story."""
    if q in RECORDED_LOSSES:
        called(scope, node, q, args)
    placed = [v for _, v in args[:2] if v.kind in (Kind.TENSOR, Kind.MOVED) and v.device]
    if not placed:
        return UNKNOWN
    return replace(
        placed[0], kind=Kind.TENSOR, ident=new_ident(), moved_from=0, dtype=None, origin="loss"
    )


def _lengths(scope: Scope, node: cst.Call, q: str, args: Args) -> None:
    """``F.ctc_loss(log_probs, targets, input_lengths, target_lengths)``: each length
    argument, recorded with its parameter's name (``LossObs.role``)."""
    positional = [(a, v) for a, v in args if a.keyword is None and not a.star]
    if any(a.star for a, _ in args):
        return  # (ctc_loss(*outputs, ...): which is which is not written)
    for position, role in enumerate(LENGTH_ARGUMENTS, start=2):
        given = next((p for p in args if p[0].keyword and p[0].keyword.value == role), None)
        if given is None and len(positional) > position:
            given = positional[position]
        if given is not None:
            obs = LossObs(LENGTH_LOSSES[q], q, given[0], given[1], UNKNOWN, scope.no_grad == 0)
            scope.w.facts.loss_targets.add(node, replace(obs, role=role), scope.depth)


def _class_weights(
    node: cst.Call, q: str, args: Args, module: Value | None
) -> tuple[cst.BaseExpression, Value] | None:
    """The class weights of a loss call: the tensor its constructor was given
    (``effects._nn_class`` keeps it as the loss's one item), never recast since,
    with that argument's code; or the functional loss's ``weight`` argument."""
    if module is not None:
        made = module.last("create")
        if (
            not module.items
            or made is None
            or not isinstance(made.node, cst.Call)
            or module.last("cast") is not None
        ):
            return None
        arg = weight_argument(q, made.node)
        return (arg.value, module.items[0]) if arg is not None else None
    arg = weight_argument(q, node)
    value = next((v for a, v in args if a is arg), None)
    return (arg.value, value) if arg is not None and value is not None else None


def weight_argument(q: str, call: cst.Call) -> cst.Arg | None:
    """The class weights a loss of ``WEIGHT_DTYPE_LOSSES`` is given in ``call`` (its
    constructor, or the functional loss's call)."""
    position = WEIGHT_DTYPE_LOSSES.get(q)
    if position is None:
        return None
    positional = [a for a in call.args if a.keyword is None]
    if any(a.star for a in positional[: position + 1]):
        return None
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "weight":
            return arg
    return positional[position] if len(positional) > position else None
