"""A CPU tensor computed from another one (``mask = ids != pad``) before the code
moved that one to the device (``ids = ids.to(device)``): the move leaves it behind.
The line to change is in the function that moves: compute it after the move, or move
it too. Not where the ids were made: ``device=`` there is not what the code is
missing, it moves them. Likewise a tensor whose moved copy the code made (``model(**{k:
v.to(device) for k, v in enc.items()})``) and that it reads again unmoved, or computes
from after that move (``labels = enc["input_ids"][:, 1:]``): the line to change is
where the original meets the device, which the copy should. Read by TL204
(``moves.py``) to place such a finding; no rule here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst

from torchlint.analysis.file import Analysis
from torchlint.analysis.names import dotted
from torchlint.analysis.observations import CallObs, MixObs, TensorMoveObs
from torchlint.analysis.order import contains, innermost_function, written_before
from torchlint.analysis.values import Derivation, Event, Place, Value
from torchlint.checks._build import method_call
from torchlint.checks._devices import device_text, model_name, usable
from torchlint.lint.traverse import nodes
from torchlint.rules.rule import FixSpec, Replace, Rule


@dataclass(frozen=True)
class Stale:
    # (None: the tensor itself, of which a moved copy was made)
    derivation: Derivation | None
    move: TensorMoveObs
    function: cst.FunctionDef | None  # the one that moves (None: the module body)
    # Its statement that computed the tensor, or called the helper that did
    # (``batch = make_batch(ids)``); None for a copy.
    site: cst.CSTNode | None
    # The original, used after a moved copy of it (or of what it was computed from)
    # was made: the code meant the copy.
    copy: bool = False


def stale(analysis: Analysis, value: Value) -> Stale | None:
    """How ``value``, a tensor on the CPU, was left behind by a later move of a
    tensor it was computed from (the nearest such step), in a function of this file
    that computed it (or called what did) before that move."""
    if value.device != Place.CPU or analysis.module is None:
        return None
    module = analysis.module
    steps = list(value.derived.chain()) if value.derived is not None else []
    for step in steps:
        move = analysis.flow.tensor_moves.get(step.source)
        # (computed from the tensor after it was moved: not left behind by it, below;
        # moved in another file of the project: no line here to change)
        if move is None or move.order < step.order or not contains(module, move.statement):
            continue
        function = innermost_function(analysis.functions, move.statement)
        site = next(
            (
                s
                for s in step.sites
                if contains(module, s) and innermost_function(analysis.functions, s) is function
            ),
            None,
        )
        if site is not None:
            return Stale(step, move, function, site)
    return _original(analysis, value, steps)


def _original(analysis: Analysis, value: Value, steps: list[Derivation]) -> Stale | None:
    """``value`` is itself a tensor whose moved copy this file made, or was computed
    from one after that copy was made: the original, left on the CPU."""
    found = [(None, analysis.flow.tensor_moves.get(value.ident))] + [
        (step, analysis.flow.tensor_moves.get(step.source)) for step in steps
    ]
    for step, move in found:
        if move is None or (step is not None and move.order >= step.order):
            continue
        # (in a function of this file, or of another file of the project the flow
        # followed a call into: the line is that file's)
        for home in (analysis, *(h.analysis for h in analysis.files)):
            function = innermost_function(home.functions, move.statement)
            if function is not None:
                return Stale(step, move, function, None, copy=True)
    return None


def within(module: cst.Module, function: cst.FunctionDef | None, node: cst.CSTNode) -> bool:
    """``node`` is in ``function`` (None: in the module body, outside any def)."""
    if function is not None:
        return contains(function, node)
    return not any(
        isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) and contains(stmt, node)
        for stmt in module.body
    )


def statement_of(root: cst.CSTNode, node: cst.CSTNode) -> cst.CSTNode | None:
    """The simple statement under ``root`` that holds ``node``."""
    return next(
        (s for s in nodes(root, cst.SimpleStatementLine) if contains(s, node)),
        None,
    )


def where_left(
    module: cst.Module, found: Stale, value: Value, meets: cst.CSTNode
) -> tuple[cst.CSTNode, cst.CSTNode | None] | None:
    """Where the tensor left behind meets the device in the moving function, after
    the move: the op (``meets``) when it is there, else the argument that hands it on
    toward the op (``model(ids, batch["mask"])``), else (it leaves the function) the
    line that computed it; with the statement it is in. None where it met the device
    before the move: computing it later would not help."""
    fn = found.function
    root: cst.CSTNode = fn if fn is not None else module
    moved = found.move.statement
    if within(module, fn, meets):
        return (meets, statement_of(root, meets)) if written_before(moved, meets, root) else None
    for event in value.events:
        if event.action != "pass" or event.statement is found.site:
            continue  # (the call of the helper that computed it: before the move)
        if within(module, fn, event.node):
            if not written_before(moved, event.node, root):
                return None
            return event.node, event.statement
    return (found.site, found.site) if found.site is not None else None


def subject(
    found: Stale, passed: str, code: Callable[[cst.CSTNode], str]
) -> tuple[str, dict[str, cst.CSTNode]]:
    """What the message says of the tensor (named ``passed`` where it is reported),
    and the lines it names. The moved tensor is named as the moving function names
    it (a helper may call it otherwise)."""
    derivation, move = found.derivation, found.move
    call = move.move.node
    receiver = (
        call.func.value
        if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute)
        else None
    )
    name = code(receiver) if receiver is not None else ""
    source = f"`{name}`" if name and len(name) <= 40 else "a tensor"
    related: dict[str, cst.CSTNode] = {}
    if found.copy:
        place = device_text(move.move, code)
        moved = f"only a copy was moved to {place} at line <line:source_moved>"
        related["source_moved"] = call
        if derivation is None or not contains(found.function or call, derivation.node):
            # (the tensor itself, or handed on to where it is computed from)
            return f"`{passed}` is still on the CPU: {moved}", related
        related["derived"] = derivation.node
        return (
            f"`{passed}` comes from a tensor still on the CPU (computed from it at line "
            f"<line:derived>): {moved}",
            related,
        )
    how = "at line <line:derived>"
    assert derivation is not None and found.site is not None
    if not contains(found.site, derivation.node):
        related["site"] = found.site
        how = "by the call at line <line:site> (which computes it at line <line:derived>)"
    related["derived"] = derivation.node
    related["source_moved"] = call
    text = (
        f"`{passed}` was computed from {source} {how} before "
        f"{'it' if source == 'a tensor' else source} "
        f"was moved to {device_text(move.move, code)} at line <line:source_moved>, so it "
        "is still on the CPU"
    )
    return text, related


def operand_of(node: cst.CSTNode, device_expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """The CPU operand itself (``batch["label"]`` too), given the other."""
    if isinstance(node, cst.Subscript):
        return node.value
    if isinstance(node, cst.BinaryOperation):
        return node.left if device_expr is node.right else node.right
    if isinstance(node, cst.Comparison):  # labels == predicted
        right = node.comparisons[0].comparator
        return node.left if device_expr is right else right
    if isinstance(node, cst.Call):  # criterion(out, labels): the other of the two
        others = [a.value for a in node.args[:2] if a.value is not device_expr]
        return others[0] if len(others) == 1 else None
    return None


def report_meeting(
    rule: Rule, node: cst.CSTNode, mix: MixObs, found: Stale, where: str, indexed: bool
) -> bool:
    """TL204 for a tensor left behind that meets the device in an op (``where``: how
    the message names the device side's place): in the moving function. False where
    that spot is not this file's (the finding stays where the tensor was made)."""
    ctx = rule.ctx
    spot = where_left(ctx.module, found, mix.cpu, mix.node)
    if spot is None or not (found.copy or ctx.in_this_file(spot[0])):
        return False
    at, statement = spot
    # (a copy moved in another file of the project: that file's line, reported there)
    if rule.once_at(at, node, forward=found.copy) is None:
        return True
    code = ctx.code_for
    if at is mix.node:
        operand = operand_of(mix.node, mix.device_expr)
        written = code(operand) if operand is not None else ""
        passed = dotted(operand) if operand is not None else None
        called = dotted(operand.func) if isinstance(operand, cst.Call) else None
        short = written if 0 < len(written) <= 40 else f"{called}(...)" if called else None
        passed = passed or short or "the CPU operand"
    elif isinstance(at, cst.BaseExpression):
        passed = dotted(at) or code(at)
    else:
        passed = "the tensor computed here"
    text, related = subject(found, passed, code)
    name = dotted(mix.device_expr) or code(mix.device_expr)
    how = f"is indexed with `{name}`" if indexed else f"meets `{name}`"
    error = (
        "'indices should be either on cpu or on the same device as the indexed tensor'"
        if indexed
        else "'Expected all tensors to be on the same device'"
    )
    meets = "here"
    if at is not mix.node:
        related["meets"] = mix.node
        meets = "at line <line:meets>"
    rule.report(
        at,
        f"{text}, and {how}, on {where}, {meets}: {error}; {_advice(found)}",
        None,
        related,
        statement,
    )
    return True


def report_input(
    rule: Rule,
    node: cst.Call,
    obs: CallObs,
    arg: cst.Arg,
    found: Stale,
    placement: Event,
    handed: Event | None,
    held: bool,
) -> bool:
    """TL204 for a tensor left behind given to a placed model (not followed into):
    at the argument, when the moving function writes it. False where it does not
    (the usual finding, which names the line that made the tensor)."""
    ctx = rule.ctx
    target = handed.node if handed is not None else arg.value
    root: cst.CSTNode = found.function or ctx.module
    if not (
        ctx.in_this_file(target)
        and within(ctx.module, found.function, target)
        and written_before(found.move.statement, target, root)
    ):
        return False
    if rule.once_at(target, node) is None:
        return True
    code = ctx.code_for
    assert isinstance(target, cst.BaseExpression)
    passed = dotted(target) or code(target)
    text, related = subject(found, passed, code)
    whole = model_name(obs.callee)
    related["placed"] = placement.node
    placed = f"`{whole}` was moved to {device_text(placement, code)} at line <line:placed>"
    if placement.action == "place":
        placed = f"`{whole}` was loaded with device_map at line <line:placed>"
    fix = None
    device = obs.module.device_expr
    if handed is not None:
        related["used"] = node
        placed = f"`{handed.detail}` calls `{whole}` with it at line <line:used>, and {placed}"
    elif placement.action != "place" and usable(device, obs.env) and not held:
        assert device is not None
        fix = FixSpec.safe(
            Replace(arg.value, method_call(arg.value, "to", device)),
            message=f"move it at the call with .to({code(device)})",
        )
    rule.report(
        target,
        f"{text}, but {placed}: {_advice(found)}",
        fix,
        related,
        handed.statement if handed is not None else None,
    )
    return True


def _advice(found: Stale) -> str:
    if found.copy:
        return "use the moved copy (or compute it from that), or move it too"
    return "compute it after the move, or move it too"
