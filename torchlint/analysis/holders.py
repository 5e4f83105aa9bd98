"""Where a module's weights are, and in what dtype, when something other than a
move of it says so: a module class of the file built around what its ``__init__``
keeps (``Wrapper(net)``, ``LoRABlock(base, lora)``), a method of its class that moves
or casts ``self``, and a ``Sequential``'s first child; what calling a module gives
(``output``); and an instance's attributes when one of its methods runs, where the
instance is now (``instance_attrs``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import libcst as cst

from torchlint.analysis import dims
from torchlint.analysis.names import dotted
from torchlint.analysis.scope import HOLDERS, holding
from torchlint.analysis.torch_api import FLOATING_DTYPES, INTEGER_DTYPES

if TYPE_CHECKING:
    from torchlint.analysis.scope import Scope

from torchlint.analysis.values import (
    BUFFER,
    MAYBE_DTYPE,
    OUTPUT,
    PARAMETER,
    UNKNOWN,
    Event,
    Kind,
    PartCast,
    Place,
    Site,
    Value,
    new_ident,
    new_value,
    placed_like,
    unpass,
    with_cast,
)

# What a module's ``__init__`` keeps that has a place: tensors and modules.
HELD_STATE = frozenset({Kind.TENSOR, Kind.MODULE, Kind.MOVED})


def built(module: Value, attrs: dict[str, Value], given: list[Value]) -> Value:
    """``module`` as made with the ``self.`` attributes ``attrs`` its ``__init__``
    set from the arguments ``given``."""
    held = [v for v in attrs.values() if v.kind in HELD_STATE]
    # (a part with no weights, a loss or an activation, stays anywhere harmlessly)
    weighted = [v for v in held if not (v.kind == Kind.MODULE and v.dtype is None)]
    if (
        module.device == Place.CPU
        and any(v.device not in (None, Place.CPU) for v in weighted)
        and not any(v.device == Place.CPU for v in weighted)
    ):
        # Its __init__ makes weights where something else is (LoRA factors made
        # with ``device=base.weight.device``), or keeps modules it is given that
        # are placed (``LoRABlock(base, lora)``): not surely on the CPU (unless one
        # of them is made there: ``nn.Parameter(torch.zeros(1))`` or an
        # ``nn.Linear`` beside them stays behind).
        module = replace(module, device=Place.MAYBE)
    elif module.device == Place.MAYBE and held and all(v.device == Place.CPU for v in held):
        # ``Model(device=device)`` whose ``__init__`` made every weight on the CPU and
        # never moved itself: the device is kept for later (its inputs), not used.
        module = replace(module, device=Place.CPU)
    dtypes = {v.dtype for v in held}
    handed = {v.ident for v in given if v.kind == Kind.MODULE and v.ident}
    casts = [c for v in held if v.ident in handed and (c := v.last("cast")) is not None]
    if casts and len(dtypes) == 1 and None not in dtypes and module.last("cast") is None:
        # Its weights are all those of modules it was given, cast before
        # (``Wrapper(net.half())``): it is in their dtype, since that cast. (Not
        # one it makes and casts itself: where such a part is stays its own.)
        (dtype,) = dtypes
        if dtype != module.dtype:
            module = replace(module, dtype=dtype, events=(*module.events, casts[-1]))
    made = {v.dtype for v in weighted if v.kind == Kind.MODULE}
    if (
        len(made) == 1
        and made <= FLOATING_DTYPES
        and not casts
        and module.dtype == "float32"
        and module.last("cast") is None
    ):
        # Its __init__ made every weighted part in one dtype (``nn.Linear(..., dtype=
        # cfg.params_dtype)``): so is the module, whose moves keep it.
        module = replace(module, dtype=made.pop())
    return module


def own_cast(module: Value, part: Value) -> tuple[Event, ...]:
    """The story of ``part``, a submodule that keeps the dtype it was cast to before
    ``module`` (never cast as a whole) took it (``Wrapper(backbone.half())``): where
    the module is, and that cast, which decided its dtype (on a branch, too: the run
    that takes it computes in that dtype)."""
    cast = part.last("cast")
    if cast is None or cast in module.events:
        return module.events
    return (*module.events, cast)


def first_child(arg: tuple[cst.Arg, Value]) -> Value:
    """``*list(model.children())`` (or a slice of it from the start): the model's
    first child, whose first op is the model's (a backbone without its head); of a
    list written out (``*[Block(d) for _ in range(n)]``), its first member; of a list
    filled in order (``layers = []``, ``layers += [nn.Conv2d(...), ...]``), the first
    one put in it."""
    node, value = arg[0].value, arg[1]
    if isinstance(node, (cst.List, cst.ListComp)) and value.kind == Kind.LIST and value.items:
        return value.items[0]  # *[Block(d) for _ in range(n)]: one like every member
    if value.kind == Kind.LIST and value.first is not None:
        return value.first
    if isinstance(node, cst.Subscript) and len(node.slice) == 1:
        cut = node.slice[0].slice
        if not isinstance(cut, cst.Slice) or cut.lower is not None:
            return UNKNOWN
        node = node.value
    if not (
        value.kind == Kind.LIST
        and value.items
        and isinstance(node, cst.Call)
        and dotted(node.func) == "list"
        and len(node.args) == 1
        and isinstance(call := node.args[0].value, cst.Call)
        and isinstance(call.func, cst.Attribute)
        and call.func.attr.value in ("children", "modules")
    ):
        return UNKNOWN
    return replace(value.items[0], part_of=0)


def after_method(module: Value, left: Value | None) -> Value | None:
    """``module`` as a method of its class left ``self`` (``left``), where that method
    moved or cast it (``def setgpu(self): self.cuda(self.gpu)``): the caller's
    module is where the method put it. None where the method did neither."""
    if left is None or left.ident != module.ident:
        return None
    added = tuple(e for e in left.events if e.action in ("move", "cast") and e not in module.events)
    if not added:
        return None
    return replace(
        module,
        device=left.device,
        device_expr=left.device_expr,
        dtype=left.dtype,
        events=(*module.events, *added),
    )


def output(
    module: Value, args: list[tuple[cst.Arg, Value]], returned: Value | None = None
) -> Value:
    """What calling ``module`` on ``args`` gives: a tensor where the module runs (when
    placed), in its dtype; a layer with no weights (a pooling, an activation) gives
    its input back as it is (where, in what dtype, and its story). A module cast on
    a branch computes in that dtype on that branch. ``returned``: what its forward,
    followed, returned; a tensor with dimensions it made there on the CPU (a table
    built lazily, ``torch.arange(n)`` without ``device=``) stays what it is, wherever
    the module is."""
    if (
        returned is not None
        and returned.kind == Kind.TENSOR
        and returned.device == Place.CPU
        and module.on_accelerator
        and not returned.handed()
        and _sized(returned.last("create"))
    ):
        return returned
    if returned is not None and _recast(module, returned, args):
        return returned
    if module.dtype is None and module.origin.startswith("torch.nn.") and args:
        first, value = args[0]
        if first.keyword is None and value.kind == Kind.TENSOR:
            # (the same story; but integer ids come out of an nn.Embedding as floats)
            dtype = None if value.dtype in INTEGER_DTYPES else value.dtype
            return replace(value, ident=new_ident(), moved_from=0, dtype=dtype)
    moved = module.last("move")
    to_cpu = moved is not None and moved.detail == Place.CPU and module.device == Place.CPU
    where = module.device if module.placed or to_cpu else None
    made = new_value(Kind.TENSOR, where, module.dtype)
    branch = module.branch_cast()  # (half on a branch: so is what it computes)
    events: tuple[Event, ...] = (branch,) if branch else ()
    # (a module the code moved to the CPU computes there: its move is in the story)
    events += (moved,) if to_cpu and moved is not None else ran(module)
    return replace(made, origin=OUTPUT, events=events)


def _recast(module: Value, returned: Value, args: list[tuple[cst.Arg, Value]]) -> bool:
    """A forward that casts what it computes to another float dtype than its
    module's (``(x.float() * mask).sum(1) / n`` in a half model's pooling): its
    output is in that dtype, not the module's. Only a cast made inside the forward
    (not one its inputs came with) decides."""
    if not (
        returned.kind == Kind.TENSOR
        and returned.dtype in FLOATING_DTYPES
        and module.dtype in FLOATING_DTYPES
        and returned.dtype != module.dtype
    ):
        return False
    cast = returned.last("cast")
    if cast is None or cast.detail != returned.dtype:
        return False
    return not any(cast in value.events for _, value in args)


def spread_members(args: Sequence[tuple[cst.Arg, Value]]) -> list[Value] | None:
    """The members of ``nn.Sequential(a, b, *layers)`` in order, a tuple or list
    written out (``layers = [nn.Conv2d(...), nn.ReLU()]``) spread in place; None
    where one is not known (a keyword, ``*`` of anything else)."""
    out: list[Value] = []
    for arg, value in args:
        if arg.keyword is not None or arg.star == "**":
            return None
        if arg.star:
            if value.kind != Kind.TUPLE:
                return None
            out += value.items
        else:
            out.append(value)
    return out


def local_after_layers(members: list[Value]) -> tuple[Value, ...]:
    """The first member of ``nn.Sequential(nn.Linear(n, d), nn.ReLU(), Block())`` that
    is an instance of a class of the file, where only torch.nn layers come before it
    (the Sequential's ``items``, after its first member)."""
    for value in members[1:]:
        if value.kind != Kind.MODULE:
            return ()
        if value.origin.startswith("local:") and value.ident:
            return (replace(value, items=()),)
        if not value.origin.startswith("torch.nn."):
            return ()
    return ()


def through_layers(
    container: Value, args: list[tuple[cst.Arg, Value]]
) -> list[tuple[cst.Arg, Value]]:
    """The inputs the first member of the file's classes in an ``nn.Sequential`` gets
    (``values.sequential_head``): what the torch.nn layers before it made of the
    Sequential's input (``nn.Sequential(nn.Linear(n, d), Block())``: a tensor where
    and as the Sequential computes), or the inputs themselves where it comes first."""
    if len(container.items) != 2 or not args or args[0][0].keyword is not None:
        return args
    return [(args[0][0], output(placed_like(container, container.items[0]), args[:1]))]


def ran(module: Value) -> tuple[Event, ...]:
    """Where ``module`` was put on the device its outputs are on: a "ran" event, which
    no rule takes for a move of the tensor itself (none where it is not on one)."""
    placed = module.last("move", "place") if module.on_accelerator else None
    if placed is None:
        return ()
    # (a module cast to the dtype an option chose, ``vae.to(device, dtype=weight_dtype)``:
    # its output is in that dtype on the run that takes the branch)
    chosen = module.branch_cast()
    return (Event("ran", placed.node, placed.detail, placed.path, placed.bound),) + (
        (chosen,) if chosen is not None else ()
    )


def _sized(made: Event | None) -> bool:
    """Not a 0-dim count (``torch.tensor(n)``, which meets tensors on any device): a
    tensor made from data has dimensions where ``dims.factory`` says so."""
    if made is None:
        return False
    node = made.node
    name = (dotted(node.func) or "").rsplit(".", 1)[-1] if isinstance(node, cst.Call) else ""
    if name not in ("tensor", "as_tensor", "scalar_tensor"):
        return True
    assert isinstance(node, cst.Call)
    return dims.factory(name, node)


def after_call(
    caller: Scope, sub: Scope, handed: list[Value], own: dict[str, Value], node: Site
) -> None:
    """What a walked call did in place, for the caller: a module handed over and
    moved or cast there is moved for the caller too (and a dict the callee set
    entries of has them); so is a module an instance held whose method moved it
    (``self.module.to(d)`` of a strategy object), under the caller's names for it."""
    for value in handed:
        if value.ident and (
            value.kind in (Kind.MODULE, Kind.WRAPPER, Kind.OPTIMIZER)
            or (value.kind == Kind.ENCODING and value.keys)
        ):
            final = next((v for v in sub.env.values() if v.ident == value.ident), None)
            if final is not None:
                caller.update_ident(value.ident, unpass(final, node))
    for key, value in own.items():
        final = sub.env.get(key)
        if (
            key.startswith("self.")
            and value.ident
            and value.kind in (Kind.MODULE, Kind.WRAPPER)
            and final is not None
            and final is not value
            and final.ident == value.ident
            and final.kind == value.kind
            and any(v.ident == value.ident for v in caller.env.values())
        ):
            caller.update_ident(value.ident, unpass(final, node))


def instance_attrs(
    obj: Value,
    attrs: dict[str, Value],
    part_casts: dict[tuple[int, str], PartCast],
    aside: frozenset[str] = frozenset(),
) -> dict[str, Value]:
    """An instance's attributes when one of its methods runs: a module's submodules
    and parameters are where the module is now (moved and cast with it), in the dtype
    a part was cast to on its own since (``model.backbone.half()``); but not those set
    ``aside`` (``object.__setattr__``), which are where they were."""
    if obj.kind not in (Kind.MODULE, Kind.WRAPPER):
        return dict(attrs)
    # A module never moved since it was built leaves a part its __init__ placed
    # (``self.visual = Encoder().to(device)``) where that part is.
    moved = any(e.action in ("move", "place", "cast") for e in obj.events)
    out = {}
    for key, value in attrs.items():
        held = value.kind in (Kind.MODULE, Kind.WRAPPER) or value.origin in (PARAMETER, BUFFER)
        held = held and key[len("self.") :] not in aside
        if not moved and held and value.last("move", "cast"):
            value = replace(value, part_of=obj.ident)
        elif held:
            dtype, events = value.dtype, obj.events
            if value.kind in (Kind.MODULE, Kind.WRAPPER) and not (
                value.dtype is None and value.origin.startswith("torch.nn.")
            ):
                # (a pooling or an activation has no dtype of its own; a part its
                # __init__ cast, or a module cast before it was handed in, keeps that
                # dtype until the whole module is cast)
                if value.dtype is None or obj.last("cast") or not value.last("cast"):
                    dtype = obj.dtype
                else:
                    events = own_cast(obj, value)
            elif dtype in FLOATING_DTYPES and obj.last("cast") is not None:
                # model.half() casts its floating parameters and buffers too (an
                # integer buffer keeps its dtype)
                dtype = obj.dtype if obj.dtype in FLOATING_DTYPES else MAYBE_DTYPE
            value = replace(
                value,
                device=obj.device,
                dtype=dtype,
                device_expr=obj.device_expr,
                events=events,
                part_of=obj.ident,
            )
        cast = part_casts.get((obj.ident, key[len("self.") :]))
        if cast is not None and value.kind in (Kind.MODULE, Kind.WRAPPER):
            value = with_cast(value, cast)
        out[key] = value
    # (self.layers = [self.conv, self.norm]: a plain list of registered parts holds
    # them where the module took them)
    parts = {v.ident: v for v in out.values() if v.kind == Kind.MODULE and v.ident}
    for key, value in out.items():
        if value.kind in HOLDERS and value.items:
            for ident, part in parts.items():
                value = holding(value, ident, part)
            out[key] = value
    return out


def module_list(module: Value, q: str, listed: Value, keyed: bool = False) -> Value:
    """``nn.ModuleList(listed)``: the module made (``q``), with what it holds where
    its members say it. ``keyed``: ``nn.ModuleDict(listed)`` of a dict, whose members
    say its dtype only (iterating it gives its keys)."""
    if (
        not keyed
        and listed.kind == Kind.LIST
        and len(listed.items) == 1
        and listed.items[0].kind == Kind.MODULE
        and listed.items[0].origin.startswith("local:")
    ):
        # nn.ModuleList([Block(d) for _ in range(n)]): instances of one class of the
        # file, whose forward ``self.blocks[i](x)`` runs (``list_member``)
        member = listed.items[0]
        return replace(module, dtype=member.dtype, origin=q, items=(member,))
    members = tuple(listed.items) if listed.kind in (Kind.LIST, Kind.TUPLE, Kind.OPTIONS) else ()
    dtypes = {m.dtype if m.kind == Kind.MODULE else None for m in members}
    if len(dtypes) != 1 or None in dtypes:
        return replace(module, origin=q)
    # nn.ModuleList([nn.Conv2d(...), nn.Conv2d(...)]): weighted layers made in one
    # dtype, so is the list; layers of one class are each that layer (``for conv in
    # self.convs``: a Conv2d)
    first = members[0]
    same = {m.origin for m in members} == {first.origin} and first.origin.startswith("torch.nn.")
    return replace(
        module, dtype=dtypes.pop(), origin=q, items=(first,) if same and not keyed else ()
    )
