"""What a loss call records: the input and the target it is given (``LossObs``, for
the rules about targets) and, for the losses that do not promote their class
weights, weights of another dtype than the input (observed as an op that never
promotes, ``strict_ops``)."""

from __future__ import annotations

import libcst as cst

from torchlint.analysis import joins, strict_ops
from torchlint.analysis.loss_api import LOSSES, WEIGHT_DTYPE_LOSSES
from torchlint.analysis.observations import LossObs
from torchlint.analysis.scope import Scope
from torchlint.analysis.values import UNKNOWN, Value

Args = list[tuple[cst.Arg, Value]]


def called(scope: Scope, node: cst.Call, q: str, args: Args, module: Value | None = None) -> None:
    """Records a loss called on an input and a target (``LossObs``), and class
    weights of another dtype than the input (given to ``module``, the loss object
    called, where it was made; else to this call)."""
    by_name = {a.keyword.value: (a, v) for a, v in args if a.keyword is not None}
    positional = [(a, v) for a, v in args if a.keyword is None and not a.star]
    target = by_name.get("target") or (positional[1] if len(positional) >= 2 else None)
    given = by_name.get("input") or (positional[0] if positional else None)
    joins.loss_pair(scope, node, given, target)
    weight = _class_weights(node, q, args, module)
    if weight is not None and given is not None:
        # (they do not promote: observed as an op that never promotes)
        strict_ops.observe(scope, node, LOSSES[q], (weight, (given[0].value, given[1])), True)
    if target is not None:
        given_value = given[1] if given else UNKNOWN
        obs = LossObs(LOSSES[q], q, target[0], target[1], given_value, scope.no_grad == 0)
        scope.w.facts.loss_targets.add(node, obs, scope.depth)


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
