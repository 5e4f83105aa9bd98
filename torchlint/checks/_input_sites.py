"""Where TL204 (``moves.py``) reports a module's input left on the CPU when the line
to change is not the call that hands it over: the factory of a recurrent layer's
starting state, a dtype-only cast that could have moved it too, the entry of a
rebuilt batch that was left out of its moves, and the call that left a helper's
``device=`` default."""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from torchlint.analysis.names import called_name
from torchlint.analysis.observations import CallObs
from torchlint.analysis.shape_api import RANGE_FACTORIES, SIZED_FACTORIES
from torchlint.analysis.torch_api import RECURRENT_MODULES
from torchlint.analysis.values import Event, Value
from torchlint.checks._devices import device_text, model_name
from torchlint.checks._made import unplaced
from torchlint.rules.rule import Rule


def recast(
    rule: Rule,
    used: cst.CSTNode,
    recast: Event,
    made: Event,
    name: str,
    other: str,
    moved: Event | None,
) -> None:
    """A CPU tensor whose last step before it meets the device was a dtype-only
    ``.to(dtype)``: the line to change is that cast, which could move it too."""
    at = rule.once_at(recast.node, used)
    if at is None:
        return
    related: dict[str, cst.CSTNode] = {"made": made.node, "used": used}
    where = "the model's device"
    if moved is not None:
        related["moved"] = moved.node
        where = f"{device_text(moved, rule.ctx.code_for)} (line <line:moved>)"
    method = recast.node.func.attr.value  # type: ignore[attr-defined]
    subject = (
        f"this `.{method}()` converts only the dtype"
        if at is recast.node
        else (f"`{name}` is converted only in dtype (line <line:cast>)")
    )
    if at is not recast.node:
        related["cast"] = recast.node
    rule.report(
        at,
        f"{subject}: the tensor stays on the CPU, where it was made (line <line:made>), "
        f"and meets {other}, on {where}, at line <line:used>: 'Expected all tensors to "
        "be on the same device'; convert and move it in one step, "
        "`.to(device=..., dtype=...)` with the device of what it meets",
        None,
        related,
    )


def starting_state(
    rule: Rule, node: cst.Call, obs: CallObs, placement: Event, made: Event, handed: Event | None
) -> None:
    """The starting state of a recurrent layer, made on the CPU: the line to change
    is the factory, which can make it on the device (the state is no data a caller
    loads and moves), once however many calls reach the layer. Made in another
    file the run does not lint: this call, which reaches it."""
    at = rule.once_at(made.node, node, forward=True)
    if at is None:
        return
    whole = model_name(obs.callee)
    related: dict[str, cst.CSTNode] = {"used": obs.node, "placed": placement.node}
    if at is made.node:
        subject = f"this tensor is made on the CPU {unplaced(made.node)} and is"
    else:
        related["made"] = made.node
        subject = (
            f"this call reaches a tensor made on the CPU {unplaced(made.node)} at line <line:made>,"
        )
    how = "called with it at line <line:used>"
    if handed is not None and handed.node is not at:
        related["passed"] = handed.node
        how = (
            f"passed to `{handed.detail}` at line <line:passed>, which calls `{whole}` "
            "with it at line <line:used>"
        )
    rule.report(
        at,
        f"{subject} the starting state of `{whole}` ({how}), but `{whole}` was moved to "
        f"{device_text(placement, rule.ctx.code_for)} at line <line:placed>: 'Input and "
        "hidden tensors are not at the same device'; create it on the model's device "
        "(`device=`, the input's `.device`)",
        None,
        related,
        at,
    )


def left_out(
    rule: Rule, node: cst.Call, obs: CallObs, placement: Event, made: Event, put: Event
) -> None:
    """A batch's tensor put, unmoved, in a dict whose other entries are moved in
    the same literal (``{"ids": b["ids"].to(dev), "speaker": b["speaker"]}``):
    that entry is the line to change, once."""
    _at_line(
        rule,
        (node, put.node, obs, placement, made),
        lambda whole: (
            f"the batch's `{put.detail}` (made on the CPU at line <line:made>) is put here "
            f"without the move its other entries get, and `{whole}` gets it"
        ),
        "move it with the others",
    )


def left_default(
    rule: Rule, node: cst.Call, obs: CallObs, placement: Event, made: Event, back: Event
) -> None:
    """A module's input made by a helper whose ``device=`` default (None or the
    CPU) the call left (``causal_mask(n)`` of ``def causal_mask(n,
    device=torch.device("cpu"))``): that call is the line to change, once."""
    _at_line(
        rule,
        (node, back.node, obs, placement, made),
        lambda whole: (
            "this call leaves its helper's `device=` at its default (None or the CPU), so "
            f"the tensor made at line <line:made> is on the CPU, and `{whole}` gets it"
        ),
        "pass it the device of the model's inputs (`device=...`)",
    )


def _at_line(
    rule: Rule,
    site: tuple[cst.Call, cst.CSTNode, CallObs, Event, Event],
    story: Callable[[str], str],
    advice: str,
) -> None:
    """Reports a module's CPU input at ``line`` (once), the line to change, with the
    model's call and its placement: ``site`` is (the call visited, that line, the
    call's observation, the placement, the making)."""
    node, line, obs, placement, made = site
    at = rule.once_at(line, node, forward=True)
    if at is None:
        return
    whole = model_name(obs.callee)
    rule.report(
        at,
        f"{story(whole)} at line <line:used>, but `{whole}` was moved to "
        f"{device_text(placement, rule.ctx.code_for)} at line <line:placed>: {advice}",
        None,
        {"made": made.node, "used": obs.node, "placed": placement.node},
    )


def is_starting_state(obs: CallObs, arg: cst.Arg, made: cst.CSTNode) -> bool:
    """``arg`` is the starting state (``hx``) of a torch.nn recurrent layer, and a
    factory that takes ``device=`` made the tensor (``torch.zeros(layers, n, dim)``)."""
    if obs.module.origin not in RECURRENT_MODULES or arg.star:
        return False
    if arg.keyword is not None:
        if arg.keyword.value != "hx":
            return False
    elif len(obs.node.args) < 2 or obs.node.args[1] is not arg:
        return False
    name = called_name(made)
    return name in SIZED_FACTORIES or name in RANGE_FACTORIES


def put_unmoved(rule: Rule, value: Value, made: Event) -> Event | None:
    """The "put" event of a batch's tensor left unmoved among moved entries
    (``dicts.py``), after it was made, in this file; None for any other tensor."""
    put = value.last("put")
    if put is None or not rule.ctx.in_this_file(put.node):
        return None
    return put if value.next_after(made, "put") is not None else None
