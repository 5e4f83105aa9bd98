"""Optimizers in the flow analysis: a ``torch.optim`` optimizer over a module's
parameters, where its state is, and the move of the module that leaves that state
behind (what TL207 reports).

``Module.to()`` moves parameters in place; an optimizer's state tensors stay where
they were made. They are made at the first ``step()`` (Adam, AdamW, SGD with
momentum: wherever the parameters are by then), as the optimizer is built
(Adagrad), or by ``load_state_dict``, which puts each loaded tensor where its
parameter is at that moment. So a state made or loaded while the model is on the CPU,
followed by a move of the model and a step, mixes devices.
"""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from torchlint.analysis.facts import ClassFacts
from torchlint.analysis.observations import OptimizerObs
from torchlint.analysis.scope import Scope
from torchlint.analysis.torch_api import optimizer_state
from torchlint.analysis.values import (
    PARAMETER,
    UNKNOWN,
    Event,
    Kind,
    Place,
    Value,
    entry,
    new_ident,
    new_value,
)
from torchlint.lint.traverse import nodes

Args = list[tuple[cst.Arg, Value]]


# The origin's suffix of an optimizer that keeps no tensors (SGD without momentum).
NO_STATE = ":no-state"


def parameters(receiver: Value) -> Value:
    """``model.parameters()``: tied to the module (or the whole a part belongs to)."""
    return Value(
        Kind.PARAMS,
        receiver.device,
        ident=new_ident(),
        part_of=receiver.ident or receiver.part_of,
    )


def make(scope: Scope, node: cst.Call, q: str, args: Args) -> Value | None:
    """``torch.optim.Adam(model.parameters(), ...)``: an optimizer over the model's
    parameters (None when ``q`` makes no optimizer that keeps state). One that makes
    its state as it is built (Adagrad) makes it where the parameters are now."""
    keywords = {a.keyword.value: a.value for a, _ in args if a.keyword is not None}
    if (
        len([a for a, _ in args if a.keyword is None and not a.star]) >= 3
        and "momentum" not in keywords
    ):  # SGD(params, lr, momentum)
        keywords["momentum"] = args[2][0].value
    how = optimizer_state(q, keywords)
    if how is None and q in ("torch.optim.SGD", "torch.optim.sgd.SGD"):
        # keeps no state (no momentum), but is an optimizer over those parameters: a
        # helper that builds Adagrad for one option and SGD for another still
        # returns an optimizer, with Adagrad's story for the run that takes it
        how = "none"
    if how is None:
        return None
    return _over(scope, node, q, args, how)


def local(scope: Scope, node: cst.Call, cls: ClassFacts, args: Args) -> Value | None:
    """``NeuronOpt(model.parameters())`` of the file's own ``torch.optim.Optimizer``
    subclass (None when ``cls`` is not one): its state is made as it is built when
    its ``__init__`` writes ``self.state`` (torch's base ``__init__`` makes none),
    else at the first step."""
    hows = [
        "lazy" if b.rsplit(".", 1)[-1] == "Optimizer" else optimizer_state(b, {})
        for b in cls.bases
        if b.startswith("torch.optim.")
    ]
    how = next((h for h in hows if h is not None), None)
    if how is None:
        return None  # (an lr_scheduler, SGD without momentum)
    init = cls.method("__init__")
    if init is not None and any(
        n.attr.value == "state" and isinstance(n.value, cst.Name) and n.value.value == "self"
        for n in nodes(init.body, cst.Attribute)
    ):
        how = "eager"
    return _over(scope, node, cls.name, args, how)


def _over(scope: Scope, node: cst.Call, q: str, args: Args, how: str) -> Value:
    """The optimizer ``q`` (its name or qualified name) built over the parameters the
    call is given, its state made ``how`` ("eager": now, where they are)."""
    positional = [v for a, v in args if a.keyword is None and not a.star]
    params = next((v for a, v in args if a.keyword and a.keyword.value == "params"), UNKNOWN)
    params = _groups(positional[0] if positional else params)
    if params.kind != Kind.PARAMS:
        return UNKNOWN
    create = Event("create", node, q.rsplit(".", 1)[-1])
    module = _by_ident(scope, params.part_of)
    made = new_value(Kind.OPTIMIZER, None, None, create)
    if how == "eager" and module is not None and module.device == Place.CPU:
        state = Event("state", node, "made", q.rsplit(".", 1)[-1])
        made = replace(made, device=Place.CPU, events=(create, state))
    # (The parameters it holds: ``param_groups``, analysis/copies.py.)
    origin = q + NO_STATE if how == "none" else q
    return replace(made, part_of=params.part_of, origin=origin, items=(params,))


def _groups(params: Value) -> Value:
    """``[{"params": model.encoder.parameters(), "lr": lr}, {"params": ...}]``: the
    parameters of the groups, where they are all of one model (the whole its parts
    belong to); else ``params`` as it is."""
    if params.kind not in (Kind.LIST, Kind.TUPLE) or not params.items:
        return params
    held = [_group_params(entry(group, "params")) for group in params.items]
    found = [v for v in held if v is not None and v.kind == Kind.PARAMS]
    if len(found) != len(held) or len({v.part_of for v in found}) != 1 or not found[0].part_of:
        return params
    return found[0]


def _group_params(held: Value | None) -> Value | None:
    """A group's ``"params"``: the parameters of a model, or a list of some of them
    (``{"params": [p]}`` for each ``p`` of ``model.named_parameters()``)."""
    if held is not None and held.kind in (Kind.LIST, Kind.TUPLE) and len(held.items) == 1:
        member = held.items[0]
        if member.kind == Kind.TENSOR and member.origin.startswith(PARAMETER) and member.part_of:
            # (where they are now, as a comprehension's parameters are: ``loops``)
            return Value(Kind.PARAMS, member.device, part_of=member.part_of)
    return held


def method(
    scope: Scope, node: cst.Call, path: str | None, optimizer: Value, name: str, args: Args
) -> Value:
    """``optimizer.<name>(...)``: ``load_state_dict`` puts the state where the
    parameters are now; ``step`` after the model left that state behind is observed;
    anything else may change nothing we track."""
    if name == "load_state_dict" and optimizer.origin.endswith(NO_STATE):
        pass  # (SGD without momentum: only its settings are loaded)
    elif name == "load_state_dict":
        module = _by_ident(scope, optimizer.part_of)
        device = module.device if module is not None else None
        handed = optimizer.handed_in()
        state = Event(
            "state",
            node,
            "loaded",
            handed.detail if handed is not None else "",  # the helper: load_checkpoint()
            statement=handed.statement if handed is not None else None,
        )
        where = Place.CPU if device == Place.CPU else None if device is not None else Place.MAYBE
        new = replace(optimizer, device=where, events=(*optimizer.events, state))
        scope.update_ident(optimizer.ident, new)
    elif name == "step" and optimizer.device == Place.CPU:
        last = optimizer.last("state", "left")
        made = optimizer.last("state")
        if last is not None and last.action == "left" and made is not None:
            assert isinstance(last.node, cst.Call)
            obs = OptimizerObs(last, made, node, path or "the optimizer")
            # (a move in another file, stepped in this one: at the call that led there)
            key = (
                last.statement
                if last.statement is not None and scope.w.facts.site is None
                else last.node
            )
            scope.w.facts.optimizer_states.add(key, obs, scope.depth)
    else:
        scope.escape_args(args)
    return UNKNOWN


def left_behind(scope: Scope, module: int, move: Event) -> None:
    """``module`` was moved to a device: an optimizer over its parameters whose state
    is on the CPU keeps it there."""
    # (also one an instance of a class of the file holds: ``self.optimizer`` of a
    # trainer whose ``self.network`` the caller moves)
    # (a module's own method that moves it, ``self.to(dev)`` in ``set_device``: the
    # move is the call of the walk's entry that led there)
    entry = _entry_call(scope) if move.path == "self" else None
    held = [v for _, attrs in scope.w.objects.values() for v in attrs.values()]
    for value in [*scope.env.values(), *held]:
        if _stays(value, module, move):
            left = _left(scope, move, entry)
            scope.update_ident(value.ident, replace(value, events=(*value.events, left)))
    # (and one a list holds: ``self.optimizers = [opt]`` of a training strategy)
    for name, value in list(scope.env.items()):
        if value.kind in (Kind.LIST, Kind.TUPLE) and any(
            _stays(v, module, move) for v in value.items
        ):
            left = _left(scope, move, entry)
            items = tuple(
                replace(v, events=(*v.events, left)) if _stays(v, module, move) else v
                for v in value.items
            )
            scope.env[name] = replace(value, items=items)
    # (and one a caller holds: ``model.set_device(dev)``, a method that moves itself)
    child, caller = scope, scope.parent
    while caller is not None:
        for value in list(caller.env.values()):
            if _stays(value, module, move):
                # (reported at the caller's call that led to the move)
                left = _left(scope, move, entry or child.called_at)
                caller.update_ident(value.ident, replace(value, events=(*value.events, left)))
        child, caller = caller, caller.parent


def _entry_call(scope: Scope) -> cst.CSTNode | None:
    """The call in the walk's entry (the script's code, a function of the linted
    file) that led to the function ``scope`` walks; None at the entry itself."""
    child = scope
    while child.parent is not None and child.parent.parent is not None:
        child = child.parent
    return child.called_at if child.parent is not None else None


def _left(scope: Scope, move: Event, statement: cst.CSTNode | None = None) -> Event:
    """The optimizer's state left behind by ``move``; in another file of the project
    or a function the optimizer's holder called, with the ``statement`` of the holder
    that led there (where a step is reported)."""
    site = statement or scope.w.facts.site
    return Event("left", move.node, move.detail, move.path, statement=site)


def _stays(value: Value, module: int, move: Event) -> bool:
    """An optimizer over ``module``'s parameters with its state on the CPU, not yet
    left there by ``move``."""
    if value.kind != Kind.OPTIMIZER or value.part_of != module or value.device != Place.CPU:
        return False
    earlier = value.last("left")
    return earlier is None or earlier.node is not move.node  # (named twice: left once)


def touch(scope: Scope, path: str) -> None:
    """``optimizer.state`` read or written (the state moved by hand, say): where the
    state is becomes unknown."""
    parts = path.split(".")
    for i in range(1, len(parts)):
        value = scope.env.get(".".join(parts[:i]))
        if value is not None and value.kind == Kind.OPTIMIZER:
            if parts[i] == "state":
                scope.escape(value)
            return


def _by_ident(scope: Scope, ident: int) -> Value | None:
    """The value ``ident`` names here, or in a caller of the helper being walked
    (``build_optimizer(model.parameters())``: the model is the caller's)."""
    at: Scope | None = scope
    while at is not None and ident:
        found = next((v for v in at.env.values() if v.ident == ident), None)
        if found is not None:
            return found
        at = at.parent
    return None


def grad_norm(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``clip_grad_norm_(model.parameters(), c)``: the total norm, a tensor with no
    dimensions where the parameters are (a GPU's, for a model moved there)."""
    params = args[0][1] if args else UNKNOWN
    if params.kind == Kind.LIST and params.items:
        params = params.items[0]  # [p for p in model.parameters() if ...]
    if params.kind not in (Kind.PARAMS, Kind.TENSOR) or not params.part_of:
        return UNKNOWN
    module = _by_ident(scope, params.part_of)
    if module is None or module.device is None:
        return UNKNOWN
    moved = module.last("move", "place")
    return new_value(
        Kind.TENSOR,
        module.device,
        "float32",
        *(() if moved is None else (moved,)),
        device_expr=module.device_expr,
    )
