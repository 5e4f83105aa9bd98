"""Which GPU a device expression picks: the *current* one (``.cuda()``, ``"cuda"``,
``torch.device("cuda")``: GPU 0 unless the program sets another), or one the code
*chooses* (``args.device``, a ``device`` parameter, ``f"cuda:{rank}"``,
``.cuda(args.gpu)``, ``device_map={"": device}``). On a machine with one GPU both are
the same; on a host with several, a tensor on the current GPU and a model on the
chosen one crash with ``found at least two devices, cuda:1 and cuda:0``.

The walk classifies each move, creation and placement where it happens (the names in
the expression are those of that scope) and keeps the answer in
``FlowFacts.gpus``, keyed by the event's node; ``gpu_of`` reads a value's answer
back from its last event."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import libcst as cst

from torchlint.analysis.names import dotted
from torchlint.analysis.observations import FallbackMixObs, FlowFacts, GpuMixObs, HardCudaObs
from torchlint.analysis.values import FALLS_BACK, Event, Gpu, Kind, Place, Value

if TYPE_CHECKING:
    from torchlint.analysis.scope import Scope


def _index(text: str) -> Gpu | None:
    """``"cuda"``, ``"cuda:0"``: the current GPU; ``"cuda:1"``: a chosen one."""
    kind, _, index = text.partition(":")
    if kind != "cuda":
        return None
    return Gpu.CURRENT if index in ("", "0") else Gpu.CHOSEN


def literal_gpu(node: cst.BaseExpression | None) -> Gpu | None:
    """The GPU a literal names, needing no names: a string or an f-string. (An
    integer is an index, read by ``index_gpu`` where the code says "cuda".)"""
    if isinstance(node, cst.SimpleString):
        text = node.evaluated_value
        return _index(text) if isinstance(text, str) else None
    template = None
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
        template = node.left  # "cuda:%d" % opt.gpu_id
    elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        template = node.left  # "cuda:" + str(args.gpu)
    elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        if node.func.attr.value == "format":
            template = node.func.value  # "cuda:{}".format(rank)
    if isinstance(template, cst.SimpleString):
        text = template.evaluated_value
        # (a GPU the code chooses)
        return Gpu.CHOSEN if isinstance(text, str) and text.startswith("cuda:") else None
    if isinstance(node, cst.FormattedString):
        text = "".join(p.value for p in node.parts if isinstance(p, cst.FormattedStringText))
        if text.startswith("cuda") and any(
            isinstance(p, cst.FormattedStringExpression) for p in node.parts
        ):
            return Gpu.CHOSEN  # f"cuda:{rank}"
        return _index(text)
    return None


def device_argument(call: cst.Call, positional: bool = True) -> cst.BaseExpression | None:
    """The device (or GPU index) a call names: ``device=``, or its first positional
    argument (``.cuda(args.gpu)``, ``.to(device)``) unless ``positional`` is False
    (a factory's positionals are its sizes)."""
    return next(
        (
            a.value
            for a in call.args
            if (a.keyword is None and positional)
            or (a.keyword is not None and a.keyword.value == "device")
        ),
        None,
    )


def index_gpu(scope: Scope, node: cst.BaseExpression) -> Gpu | None:
    """The GPU an index picks (``.cuda(i)``, ``torch.device("cuda", i)``): 0 is the
    current one (as a default, it is), any other a chosen one. (A bare ``.to(1)``
    is left alone: nothing in its text says "cuda", which the screen needs.)"""
    if isinstance(node, cst.Integer):
        return Gpu.CURRENT if node.evaluated_value == 0 else Gpu.CHOSEN
    if isinstance(node, cst.Attribute) and node.attr.value == "device":
        return classify(scope, node)  # .cuda(x.device): where x is
    if index_of_tensor(node):
        return None  # .cuda(x.get_device()), .cuda(x.device.index): where x is, too
    return classify(scope, node) or Gpu.CHOSEN


def index_of_tensor(node: cst.BaseExpression) -> bool:
    """``x.get_device()``, ``x.device.index``: the index of the GPU ``x`` is on."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and not node.args:
        return node.func.attr.value == "get_device"
    return (
        isinstance(node, cst.Attribute)
        and node.attr.value == "index"
        and isinstance(node.value, cst.Attribute)
        and node.value.attr.value == "device"
    )


def whole_model_device(node: cst.Dict) -> cst.BaseExpression | None:
    """The device of ``device_map={"": device}``: the whole model on that device."""
    if len(node.elements) != 1 or not isinstance(node.elements[0], cst.DictElement):
        return None
    key = node.elements[0].key
    if not isinstance(key, cst.SimpleString) or key.evaluated_value != "":
        return None
    return node.elements[0].value


def classify(scope: Scope, node: cst.BaseExpression | None, strict: bool = False) -> Gpu | None:
    """The GPU ``node`` (a device, or a GPU index) picks in ``scope``, if it is a GPU.
    An option (``args.device``) is a chosen GPU. So is a plain name the walk cannot
    resolve (a ``device`` parameter) where a model is placed: the code lets its
    caller decide where the model goes. ``strict`` leaves such a name unknown: a
    tensor made or moved with ``device=device`` mostly follows another tensor, and a
    ``device_map`` name may as well hold ``"auto"``."""
    if node is None:
        return None
    literal = literal_gpu(node)
    if literal is not None or isinstance(
        node, (cst.SimpleString, cst.Integer, cst.FormattedString)
    ):
        return literal
    if isinstance(node, cst.IfExp):
        taken = scope.guard(node.test)
        if taken is not None:
            return classify(scope, node.body if taken == "body" else node.orelse, strict)
        body, orelse = classify(scope, node.body, strict), classify(scope, node.orelse, strict)
        # "cuda:1" if n > 1 else "cpu": a GPU on one side only is the GPU it picks
        return body if orelse is None or body == orelse else orelse if body is None else None
    if isinstance(node, cst.Dict):
        whole = whole_model_device(node)
        return classify(scope, whole) if whole is not None else None
    if isinstance(node, (cst.Call, cst.Subscript)) and node in scope.w.facts.gpus:
        return scope.w.facts.gpus[node]  # (cfg["device"] of a settings file: the user's)
    if isinstance(node, cst.Call):
        q = scope.w.analysis.qualify(node.func)
        if q == "torch.device" and node.args:
            if len(node.args) >= 2:  # torch.device("cuda", index)
                return index_gpu(scope, node.args[1].value)
            return scope.w.facts.gpus.get(node) or classify(scope, node.args[0].value, strict)
        if q == "torch.cuda.current_device":
            return Gpu.CURRENT
        return None
    name = dotted(node)
    if name is None:
        return None
    value = scope.lookup(name)
    if value is None or value.kind is None:
        if isinstance(node, cst.Attribute):
            owner = scope.lookup(dotted(node.value) or "")
            if owner is not None and owner.kind == Kind.OPTIONS:
                return Gpu.CHOSEN  # args.device, args.gpu: the user's option
            return None  # x.device, self.device, cfg.device: where x is, whatever it is
        return None if strict else Gpu.CHOSEN
    if value.kind == Kind.DEVICE:
        expr = value.device_expr
        if value.device not in (Place.CUDA, Place.VAR):
            return None
        if expr is None:  # two GPUs chosen on two paths: as a name nothing is known of
            return None if strict else Gpu.CHOSEN
        return scope.w.facts.gpus.get(expr) or literal_gpu(expr)
    if value.kind == Kind.NUMBER and value.dtype == "int64":
        return Gpu.CHOSEN  # .to(local_rank), .cuda(gpu_id)
    return None


def record(scope: Scope, event_node: cst.CSTNode, which: Gpu | None) -> None:
    """Keeps the GPU a move, creation or placement at ``event_node`` picks, where
    the walk can tell. Where two walks disagree (the function's own walk, where a
    ``device`` parameter is the caller's choice, and a walk followed from a caller
    that passes ``torch.device("cuda")``), it depends on the caller: None, and no
    finding rests on it."""
    if which is None:
        return
    gpus = scope.w.facts.gpus
    if event_node not in gpus:
        gpus[event_node] = which
    elif gpus[event_node] not in (None, which):
        gpus[event_node] = None


def record_move(
    scope: Scope,
    node: cst.Call,
    method: str,
    device: Place | None,
    expr: cst.BaseExpression | None,
    module: bool = False,
) -> None:
    """``x.cuda(...)`` or ``x.to(expr)`` at ``node``, to ``device``; ``module``: ``x``
    is a model, placed where the code decides."""
    if device not in (Place.CUDA, Place.VAR):
        return
    if method == "cuda":
        index = device_argument(node)
        which = Gpu.CURRENT if index is None else index_gpu(scope, index)
        record(scope, node, which)
        if not module and (
            index is None or literal_gpu(index) == Gpu.CURRENT or index_of_tensor(index)
        ):
            # (.cuda(x.get_device()) of an x on the CPU: index -1, which fails too)
            hard_coded(scope, node, None)
        if module and which == Gpu.CHOSEN:
            scope.w.facts.indexed_moves.add(node)  # model.cuda(args.gpu)
    else:
        record(scope, node, classify(scope, expr, not module))
        if not module and expr is not None:
            hard_coded(scope, node, expr)
        if module and _indexed(scope, expr):
            scope.w.facts.indexed_moves.add(node)
        if module and _cpu_option(scope, expr):
            scope.w.facts.cpu_option_moves.add(node)


def _written(
    scope: Scope, expr: cst.BaseExpression | None, guarded: bool, hops: int = 0
) -> cst.BaseExpression | None:
    """The device expression the code wrote for ``expr``: through names bound to a
    device, ``torch.device(x)`` of one argument and, when ``guarded``, the arm of a GPU
    test that the GPU run takes (``"cuda:1" if torch.cuda.is_available() else "cpu"``;
    without it such a test is what is written: a device that falls back)."""
    if expr is None or hops > 3:
        return None
    if isinstance(expr, cst.IfExp) and guarded:
        taken = scope.guard(expr.test)
        arm = expr.body if taken == "body" else expr.orelse if taken == "orelse" else None
        return _written(scope, arm, guarded, hops + 1)
    if isinstance(expr, cst.Call):
        if scope.w.analysis.qualify(expr.func) == "torch.device" and len(expr.args) == 1:
            return _written(scope, expr.args[0].value, guarded, hops + 1)
        return expr
    name = dotted(expr)
    if name is None:
        return expr
    value = scope.lookup(name)
    if value is None or value.kind != Kind.DEVICE or (value.origin == FALLS_BACK and not guarded):
        return None  # (``dev = "cuda" if torch.cuda.is_available() else "cpu"``: not CUDA)
    written = value.device_expr
    if not isinstance(written, cst.BaseExpression) or written is expr:
        return None
    return _written(scope, written, guarded, hops + 1)


def _indexed(scope: Scope, expr: cst.BaseExpression | None) -> bool:
    """``expr`` picks a GPU by an index written into the device (``f"cuda:{args.gpu}"``,
    ``"cuda:1"``, ``torch.device("cuda", i)``, a name bound to one), not an option or
    a parameter that may as well hold ``"cuda"``."""
    written = _written(scope, expr, guarded=True)
    if (
        isinstance(written, cst.Call)
        and scope.w.analysis.qualify(written.func) == "torch.device"
        and len(written.args) >= 2
    ):
        return index_gpu(scope, written.args[1].value) == Gpu.CHOSEN
    return written is not None and literal_gpu(written) == Gpu.CHOSEN


def _cpu_option(scope: Scope, expr: cst.BaseExpression | None, hops: int = 0) -> bool:
    """``expr`` is a command-line option whose default is the CPU (``args.device`` of
    ``add_argument("--device", default="cpu")``), directly, in ``torch.device(...)``
    or through a name bound to one: the run without flags is on the CPU."""
    if expr is None or hops > 3:
        return False
    if isinstance(expr, cst.Call):
        if scope.w.analysis.qualify(expr.func) == "torch.device" and len(expr.args) == 1:
            return _cpu_option(scope, expr.args[0].value, hops + 1)
        return False
    name = dotted(expr)
    if name is None:
        return False
    value = scope.lookup(name)
    if value is not None:
        written = value.device_expr if value.kind == Kind.DEVICE else None
        return written is not None and written is not expr and _cpu_option(scope, written, hops + 1)
    default = scope.option_default(name)
    return isinstance(default, cst.SimpleString) and scope.device_of(default)[0] == Place.CPU


@contextlib.contextmanager
def running(
    scope: Scope,
    call: cst.Call,
    callee: str,
    module: Value,
    args: Sequence[tuple[cst.Arg, Value]],
) -> Iterator[None]:
    """While ``module``'s forward is followed from ``call``: if the module was moved to
    a device that falls back to the CPU (``"cuda" if available else "cpu"``), the run
    without a GPU runs this code on the CPU (``hard_coded`` reads it). So does every
    run of a module made here that never leaves the CPU, called with inputs on the
    CPU (the "placement" is then where it was made)."""
    placed, outer = module.last("move"), scope.w.fallback_run
    fallback = fallback_of(scope.w.facts, placed)
    if placed is not None and fallback is not None and outer is None:
        scope.w.fallback_run = (call, callee, placed, fallback, False)
    elif outer is None and (made := _stays_on_cpu(module, args)) is not None:
        scope.w.fallback_run = (call, callee, made, made.node, False)
    elif outer is None and (given := _inputs_fallback(scope.w.facts, module, args)) is not None:
        scope.w.fallback_run = (call, callee, *given, True)
    try:
        yield
    finally:
        scope.w.fallback_run = outer


@contextlib.contextmanager
def building(scope: Scope, module: Value) -> Iterator[None]:
    """While ``module`` is built (its ``__init__`` walked): the tensors put on CUDA by
    name there are its own, and those of the module building it."""
    w = scope.w
    w.building.append([])
    try:
        yield
    finally:
        made = w.building.pop()
        if made:
            w.built_cuda[module.ident] = made
            if w.building:
                w.building[-1].extend(made)


def built_with_cuda(scope: Scope, module: Value, placed: Event, fallback: cst.CSTNode) -> None:
    """``module`` moved to a device that falls back to the CPU (``fallback`` chose it):
    the tensors its construction put on CUDA by name fail there first, as it is built
    ('Torch not compiled with CUDA enabled')."""
    made = module.last("create")
    if made is None:
        return
    callee = module.origin.removeprefix("local:").rsplit(".", 1)[-1] or "the model"
    for node in scope.w.built_cuda.get(module.ident, ()):
        obs = HardCudaObs(node, made.node, callee, placed, fallback, built=True)
        scope.w.facts.hard_cuda.add(node, obs, scope.depth)


def fallback_of(facts: FlowFacts, placed: Event | None) -> cst.CSTNode | None:
    """Where the run without a GPU leaves a module ``placed`` moved: the expression
    that chose a device falling back to the CPU (``"cuda" if available else "cpu"``),
    or the move itself when only the GPU run makes it (under ``if
    torch.cuda.is_available():``, in a helper such as ``to_var(model)``)."""
    if placed is None:
        return None
    found = facts.cpu_run_moves.get(placed.node)
    if found is None and id(placed.node) in facts.gpu_only_moves:
        found = placed.node
    return found


def _stays_on_cpu(module: Value, args: Sequence[tuple[cst.Arg, Value]]) -> Event | None:
    """Where ``module`` was put on the CPU, when it is there and is called with no
    input that may be elsewhere: where it was made, never moved, placed or wrapped
    since, or its last move, one to the CPU (``model.cpu()``, ``.to("cpu")``)."""
    made = module.last("create")
    since = module.last("move", "place", "wrap", "maybe-wrap")
    if (
        made is None
        or module.device != Place.CPU
        or (since is not None and since.action != "move")
        or any(v.device not in (None, Place.CPU) for _, v in args)
    ):
        return None
    return made if since is None else since


def _inputs_fallback(
    facts: FlowFacts, module: Value, args: Sequence[tuple[cst.Arg, Value]]
) -> tuple[Event, cst.CSTNode] | None:
    """A module never moved, placed or wrapped (a loss, a metric: nothing of its own
    to place) runs where its inputs are: an input moved to a device that falls back
    to the CPU (or the outputs of a model moved there) takes its code to the CPU in
    the run without a GPU. That move, and the expression that chose the device."""
    if module.device not in (None, Place.CPU) or module.last("move", "place", "wrap", "maybe-wrap"):
        return None
    for _, value in args:
        for given in (value, *value.items):  # (a tuple of a model's outputs)
            moved = given.last("move")
            fallback = fallback_of(facts, moved)
            if moved is not None and fallback is not None:
                return moved, fallback
    return None


def record_made(scope: Scope, node: cst.Call, expr: cst.BaseExpression) -> None:
    """A tensor made with ``device=expr`` at ``node``: which GPU that picks, and whether
    it names CUDA in the code a model on a fallback device runs."""
    record(scope, node, classify(scope, expr, strict=True))
    hard_coded(scope, node, expr)


def hard_coded(scope: Scope, node: cst.CSTNode, expr: cst.BaseExpression | None) -> None:
    """A tensor put on CUDA by name at ``node`` (``expr``: the device it names; None
    for ``.cuda()`` and ``torch.cuda.FloatTensor(...)``) while a model placed on a
    device that falls back to the CPU runs, outside a branch only the GPU run takes:
    the run without a GPU fails here ('Torch not compiled with CUDA enabled')."""
    run = scope.w.fallback_run
    if scope.w.gpu_guarded or (expr is not None and not _names_cuda(scope, expr)):
        return
    scope.w.facts.cuda_by_name.add(node)
    if scope.w.building:
        scope.w.building[-1].append(node)  # (a module being built: read where it is moved)
    if run is None:
        return
    call, callee, placed, fallback, by_inputs = run
    scope.w.facts.hard_cuda.add(
        node, HardCudaObs(node, call, callee, placed, fallback, by_inputs=by_inputs), scope.depth
    )


def _names_cuda(scope: Scope, expr: cst.BaseExpression) -> bool:
    """``expr`` names CUDA whatever the run: ``"cuda"``, ``torch.device("cuda")``, or
    a name bound to one of them (not ``"cuda" if available else "cpu"``)."""
    written = _written(scope, expr, guarded=False)
    return written is not None and literal_gpu(written) == Gpu.CURRENT


def gpu_of(
    value: Value, gpus: dict[cst.CSTNode, Gpu | None], ran: bool = False
) -> tuple[Gpu, Event] | None:
    """The GPU ``value`` was last put on, and the event that put it there; with
    ``ran``, also the GPU of the module whose output it is (where the module was
    placed). (A module's output meets its inputs in the call itself, which the
    module call's own check reports.)"""
    if value.device not in (Place.CUDA, Place.VAR, Place.AUTO):
        return None
    event = (
        value.last("create", "move", "place", "ran")
        if ran
        else value.last("create", "move", "place")
    )
    if event is None:
        return None
    which = gpus.get(event.node)
    return (which, event) if which is not None else None


def meet(
    scope: Scope,
    values: Sequence[Value],
    node: cst.CSTNode,
    exprs: Sequence[cst.BaseExpression],
) -> None:
    """Tensors computed with together at ``node`` (arithmetic, ``torch.cat``,
    ``masked_fill``): one put on the current GPU meeting one on a GPU the code
    chooses fails whenever that is not the current one. Recorded by the move or
    creation that named the current GPU (``GpuMixObs``). In the forward of a
    module wrapped in ``DataParallel`` each replica runs with its GPU set as the
    current one: not recorded."""
    if scope.replica:
        return
    _fallback_mix(scope, values, node, exprs)
    gpus = scope.w.facts.gpus
    # (in its forward, or in a method of it a caller ran on the placed instance,
    # ``model.infer(x)``: what the module computes is where it runs)
    own = scope.lookup("self") if scope.in_forward or scope.depth > 0 else None
    if own is not None and own.kind not in (Kind.MODULE, Kind.WRAPPER):
        own = None
    runs = gpu_of(own, gpus) if own is not None else None
    placed = [_where(v, gpus, runs) for v in values]
    chosen = next((i for i, p in enumerate(placed) if p and p[0] == Gpu.CHOSEN), None)
    if chosen is None:
        return
    for i, current in enumerate(placed):
        if current is None or current[0] != Gpu.CURRENT:
            continue
        other = placed[chosen]
        assert other is not None
        mix = GpuMixObs(node, current[1], other[1], exprs[i], exprs[chosen])
        scope.w.facts.gpu_mixes.add(current[1].node, mix, scope.depth)


def _where(
    value: Value, gpus: dict[cst.CSTNode, Gpu | None], runs: tuple[Gpu, Event] | None
) -> tuple[Gpu, Event] | None:
    """The GPU a tensor is on. In a module's forward followed from a call, ``runs``
    is the GPU the module was put on: a tensor the forward did not make or move
    itself (an input, a submodule's output, what is computed from them) is there,
    or the forward failed before. A model's output is on the GPU the model was put
    on (its "ran" event)."""
    if value.kind not in (Kind.TENSOR, Kind.MOVED):
        return None
    own = gpu_of(value, gpus, ran=True)
    if own is not None or runs is None or value.device == Place.CPU:
        return own
    return runs if value.last("create", "move", "place") is None else None


def _fallback_mix(
    scope: Scope,
    values: Sequence[Value],
    node: cst.CSTNode,
    exprs: Sequence[cst.BaseExpression],
) -> None:
    """A tensor put on CUDA by name meeting one on a device that falls back to the
    CPU (``lower + torch.rand(n).cuda()`` with ``lower`` made on ``device``): the code
    computes with the fallback device's tensors, so it runs without a GPU too, and
    there the ``.cuda()`` fails (``FallbackMixObs``)."""
    facts = scope.w.facts
    lasts = [
        v.last("create", "move", "place") if v.kind in (Kind.TENSOR, Kind.MOVED) else None
        for v in values
    ]
    cuda = next(
        (
            e
            for e in lasts
            if e is not None
            and e.node in facts.cuda_by_name
            and id(e.node) not in facts.gpu_only_moves
        ),
        None,
    )
    if cuda is None:
        return
    for placed, expr in zip(lasts, exprs, strict=True):
        fallback = facts.cpu_run_moves.get(placed.node) if placed is not None else None
        if placed is not None and fallback is not None:
            mix = FallbackMixObs(node, cuda, placed, fallback, expr)
            facts.fallback_mixes.add(cuda.node, mix, scope.depth)
            return
