"""Where tensors meet in one op: arithmetic (``a + b``, ``x.sub(mean)``),
``torch.cat``/``stack``, products (``einsum``, ``outer``, ``kron``) and
``torch.where``, ``F.embedding(ids, weight)``, ``s += p``, and a CPU tensor indexed
by a mask or indices on a device (``t[mask]``). The result is where they all are (a CPU tensor meeting one on a
device is recorded: the op fails there) and of torch's promoted dtype, with the
story of the operand that decided it (``join_values``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import reduce

import libcst as cst

from torchlint.analysis import copies, derived, dims, gpus, lists
from torchlint.analysis.names import passes_true
from torchlint.analysis.observations import MixObs
from torchlint.analysis.order import contains
from torchlint.analysis.scope import Scope
from torchlint.analysis.shape_api import FULL_REDUCTIONS
from torchlint.analysis.torch_api import (
    COMPARISON_METHODS,
    COMPLEX_OF,
    FLOATING_DTYPES,
    INTEGER_DTYPES,
)
from torchlint.analysis.values import (
    MAYBE_DTYPE,
    OUTPUT,
    UNKNOWN,
    Event,
    Kind,
    Place,
    Value,
    merge_values,
    new_ident,
    promoted,
)

Arg = tuple[cst.Arg, Value]
Args = list[Arg]
_TENSORS = (Kind.TENSOR, Kind.MOVED)


def meet(
    scope: Scope,
    values: Sequence[Value],
    node: cst.CSTNode,
    exprs: Sequence[cst.BaseExpression],
    promote: bool = False,
    dtype: str | None = None,
    at_op: bool = False,
) -> Value:
    """``torch.cat``/``stack`` or arithmetic of tensors (``exprs``): records a
    tensor made on the CPU meeting one on a device (the op fails there). With
    ``promote`` (a concatenation), the result's dtype is torch's promoted one;
    ``dtype``, when given, is the result's (arithmetic: ``dims.arithmetic_dtype``).
    The result has dimensions where one of ``values`` has (broadcasting), or where it
    is a concatenation. With ``at_op``, a CPU tensor made outside the function being
    walked (a batch's labels) is recorded at ``node``: the line that can move it."""
    mixed(scope, values, node, exprs, at_op)
    copies.meet(scope, values, node)
    gpus.meet(scope, values, node, exprs)
    joined = join_values(values, promote, dtype, node)
    if joined.on_accelerator and joined.origin not in _MODEL_ORIGINS and not joined.part_of:
        # (torch.cat([pad, sigmoid(self.logit)]): on the device because the model's
        # weights are; the result keeps that story, whatever the other operands)
        weights = next((v for v in values if v.on_accelerator and v.origin in _MODEL_ORIGINS), None)
        if weights is not None:
            joined = replace(joined, origin=weights.origin)
    return dims.mark(joined, promote or any(dims.has(v) for v in values))


def mixed(
    scope: Scope,
    values: Sequence[Value],
    node: cst.CSTNode,
    exprs: Sequence[cst.BaseExpression],
    at_op: bool,
    index: cst.BaseExpression | None = None,
) -> None:
    """Records each tensor made on the CPU among ``values`` that meets one on a device
    at ``node`` (the op fails there); ``index``: the operand that is an index op's index."""
    for cpu, cpu_expr in zip(values, exprs, strict=True):
        made = cpu.last("create") if cpu.kind == Kind.TENSOR and cpu.device == Place.CPU else None
        if made is None or _reduced_whole(cpu_expr):
            continue
        other = next(((v, e) for v, e in zip(values, exprs, strict=True) if v.on_accelerator), None)
        if other is not None:
            mix = MixObs(node, cpu, other[0], other[1], cpu_expr, cpu_expr is index)
            # (a module-level tensor a class keeps as a class attribute: no move of
            # the module takes it along, and the line to change is where it is met)
            shared = cpu.last("class-attribute") is not None
            here = not shared and (
                not at_op or not scope.stack or contains(scope.stack[-1], made.node)
            )
            key = mixed_at(scope, made.node, node) if here else node
            scope.w.facts.mixes.add(key, mix, scope.depth)


def masked(
    scope: Scope, node: cst.Call, method: str, operands: Sequence[tuple[cst.BaseExpression, Value]]
) -> None:
    """``scores.masked_fill(mask, -inf)``: the mask must be where the receiver is (a
    CPU mask on a CUDA tensor fails: 'expected self and mask to be on the same
    device'); the result is the receiver's, so only the meeting is recorded. The
    value filled in may be a CPU scalar tensor, so it is not read."""
    pair = operands[:2]
    if method.startswith("masked_") and len(pair) == 2 and pair[1][1].kind in _TENSORS:
        mixed(scope, [v for _, v in pair], node, [e for e, _ in pair], at_op=False)


def sampled(scope: Scope, node: cst.Call, args: Args) -> None:
    """``F.grid_sample(input, grid)``: the grid must be where the input is (a CPU grid
    for a CUDA image fails: 'grid_sampler(): expected input and grid to be on same
    device'); only the meeting is recorded."""
    pair = [
        (a.value, v)
        for a, v in args
        if not a.star and (a.keyword is None or a.keyword.value in ("input", "grid"))
    ][:2]
    if len(pair) == 2 and all(v.kind in _TENSORS for _, v in pair):
        gpus.meet(scope, [v for _, v in pair], node, [e for e, _ in pair])
        mixed(scope, [v for _, v in pair], node, [e for e, _ in pair], at_op=False)


# ``F.scaled_dot_product_attention``'s operands, in their order.
_ATTENTION_OPERANDS = ("query", "key", "value", "attn_mask")


def attended(scope: Scope, node: cst.Call, args: Args) -> None:
    """``F.scaled_dot_product_attention(q, k, v, attn_mask=bias)``: the query, key,
    value and mask are computed with together, on one device (a mask elsewhere fails:
    'Expected all tensors to be on the same device'); only the meeting is recorded."""
    positional = [(a.value, v) for a, v in args if a.keyword is None]
    if any(a.star for a, _ in args):
        return
    named = {a.keyword.value: (a.value, v) for a, v in args if a.keyword is not None}
    operands = [
        given
        for i, key in enumerate(_ATTENTION_OPERANDS)
        if (given := positional[i] if i < len(positional) else named.get(key)) is not None
        and given[1].kind in _TENSORS
    ]
    if len(operands) >= 2:
        values, exprs = [v for _, v in operands], [e for e, _ in operands]
        gpus.meet(scope, values, node, exprs)
        mixed(scope, values, node, exprs, at_op=False)


def backward(
    scope: Scope, node: cst.Call, output: tuple[cst.BaseExpression, Value], args: Args
) -> None:
    """``out.backward(gradient=g)``: autograd takes the gradient where the output is
    (a CPU one for a CUDA output fails: 'invalid gradient at index 0 - expected device
    cuda:0 but got cpu'); nothing is returned, so only the meeting is recorded."""
    given = next(
        (
            (a.value, v)
            for i, (a, v) in enumerate(args)
            if (a.keyword is None and i == 0)
            or (a.keyword is not None and a.keyword.value == "gradient")
        ),
        None,
    )
    if given is not None and given[1].kind in _TENSORS and output[1].kind in _TENSORS:
        pair = (output, given)
        mixed(scope, [v for _, v in pair], node, [e for e, _ in pair], at_op=False)


def indexed_by(
    scope: Scope, node: cst.Call, indexed: tuple[cst.Arg, Value], index: tuple[cst.Arg, Value]
) -> None:
    """``buf.index_select(0, idx)``, ``torch.gather(x, 1, idx)``: the index must be
    where the tensor indexed is (unlike ``x[idx]``, a CPU index of a CUDA tensor fails:
    'Expected all tensors to be on the same device'); the result is the indexed
    tensor's, so only the meeting is recorded."""
    pair = [(a.value, v) for a, v in (indexed, index)]
    if all(v.kind in _TENSORS for _, v in pair):
        values, exprs = [v for _, v in pair], [e for e, _ in pair]
        mixed(scope, values, node, exprs, at_op=False, index=index[0].value)


# The origins of a value on a device because a placed model put it there: its output
# and its weights (what TL204 takes as "the model's device").
_MODEL_ORIGINS = (OUTPUT, "parameter")


# The comparisons of two tensors that compute elementwise (not ``is``, ``in``).
_ORDERINGS = (
    cst.Equal,
    cst.NotEqual,
    cst.LessThan,
    cst.LessThanEqual,
    cst.GreaterThan,
    cst.GreaterThanEqual,
)


def compared(scope: Scope, node: cst.Comparison, left: Value, rights: Sequence[Value]) -> Value:
    """``pred == labels``, ``probs > 0.5``: a bool tensor where ``left`` is (where the
    other side is, when only that one's story is known); two tensors meet as in
    arithmetic (a CPU one and one on a device fail there)."""
    first = node.comparisons[0]
    source = left
    if (
        len(rights) == 1
        and isinstance(first.operator, _ORDERINGS)
        and left.kind in _TENSORS
        and rights[0].kind in _TENSORS
    ):
        left = meet(scope, (left, rights[0]), node, (node.left, first.comparator), at_op=True)
    if (
        len(rights) == 1
        and rights[0].kind in _TENSORS
        and (
            source.kind not in _TENSORS
            or (
                source.last("create", "move", "place") is None
                and rights[0].last("create", "move", "place") is not None
            )
        )
    ):
        # (preds == labels of a value or a model's output whose story the walk does
        # not know: the result is where labels is, or the comparison failed)
        source = left = rights[0]
    return derived.derive(scope, dims.elementwise(left, "bool"), source, node)


# The tensor methods of two operands that are not arithmetic: comparisons, and a
# distribution's ``log_prob`` (a distribution is held as what it samples,
# ``effects._categorical``), whose value meets the distribution's parameters.
DENSITIES = frozenset({"log_prob", "cdf"})
PAIRED = COMPARISON_METHODS | DENSITIES


def method(
    scope: Scope, node: cst.Call, name: str, pair: Sequence[tuple[cst.BaseExpression, Value]]
) -> Value:
    """``x.sub(mean)``, ``pred.eq(labels)``: as ``x - mean``, ``pred == labels``;
    ``dist.log_prob(actions)``: floating, where both are."""
    if name in COMPARISON_METHODS:
        met = meet(scope, [v for _, v in pair], node, [e for e, _ in pair], at_op=True)
        return dims.elementwise(met, "bool")
    met = arithmetic(scope, node, pair)
    if name in DENSITIES and met.dtype in INTEGER_DTYPES:
        return replace(met, dtype="float32")  # (Categorical: log-probabilities of indices)
    return met


def loss_pair(scope: Scope, node: cst.Call, given: Arg | None, target: Arg | None) -> None:
    """A loss's input and target (``criterion(out, labels)``, ``F.mse_loss(pred, y)``)
    meet as arithmetic operands do: one made on the CPU and one on a device fail
    there (labels never moved)."""
    if given is None or target is None:
        return
    pair = [(a.value, v) for a, v in (given, target) if v.kind in _TENSORS]
    if len(pair) != 2:
        return
    for (_, cpu), (expr, other) in (pair, pair[::-1]):
        if cpu.device == Place.CPU and cpu.last("create") is not None and other.on_accelerator:
            # (reported at the loss: the labels of a batch are moved there, not
            # made on the device where the dataset makes them)
            scope.w.facts.mixes.add(node, MixObs(node, cpu, other, expr), scope.depth)
    gpus.meet(scope, [v for _, v in pair], node, [e for e, _ in pair])


def mixed_at(scope: Scope, made: cst.CSTNode, node: cst.CSTNode) -> cst.CSTNode:
    """Where the rules find a CPU tensor meeting one on a device: at its creation, or,
    for one made in another file of the project and handed back to this one, at the
    op that meets it here."""
    homes = scope.w.visited
    if scope.w.facts.site is None and homes and any(h.owns(made) for h in homes):
        return node
    return made


def arithmetic(
    scope: Scope, node: cst.CSTNode, pair: Sequence[tuple[cst.BaseExpression, Value]]
) -> Value:
    """Two tensors in elementwise arithmetic (``a + b``, ``torch.where(c, a, b)``):
    torch's promoted dtype where it is certain (``dims.arithmetic_dtype``), and the
    result's dtype story (``dims.joined_dtype``)."""
    (left_expr, left), (right_expr, right) = pair
    dtype = dims.arithmetic_dtype((left, right)) if left.dtype != right.dtype else None
    joined = meet(scope, (left, right), node, (left_expr, right_expr), dtype=dtype)
    return dims.joined_dtype(joined, node, left, right)


def concatenation(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``torch.cat``/``stack`` of a list or tuple of tensors."""
    if args and args[0][1].kind == Kind.LIST and args[0][1].items:
        # torch.stack(tiles): where (and as) each tile is (of a list written with a
        # starred part, [x, *feats], what all its members are)
        member = reduce(merge_values, args[0][1].items)
        if member.kind in _TENSORS:
            return dims.mark(join_values([member]))
        return UNKNOWN
    if args and args[0][1].kind == Kind.TUPLE and args[0][1].items:
        items = args[0][1].items
        listed = args[0][0].value
        exprs = (
            tuple(e.value for e in listed.elements)
            if isinstance(listed, (cst.List, cst.Tuple))
            else ()
        )
        # (what else a concatenation holds is a tensor too, unknown where: a CPU
        # one among them says where the result is, or the call fails)
        if all(v.kind in _TENSORS or v.kind is None for v in items) and len(exprs) == len(items):
            items = tuple(v if v.kind else replace(v, kind=Kind.TENSOR) for v in items)
            return meet(scope, items, node, exprs, promote=True)
        if not exprs and all(v.kind in _TENSORS for v in items):
            # torch.stack(torch.meshgrid(hs, ws)): a tuple a call returned, its tensors
            # made together (where they meet, that call saw it)
            return dims.mark(join_values(items, promote=True))
        return UNKNOWN
    return _unseen(scope, args)


def product(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``torch.einsum("i,j->ij", a, b)``: its operands meet as in ``a * b``;
    ``torch.outer(a, b)``, ``torch.kron(a, b)`` of tensors with dimensions promote
    as a concatenation does."""
    einsum = q.endswith("einsum")
    operands = [(a.value, v) for a, v in args[einsum:] if a.keyword is None and not a.star]
    if len(operands) < 2 or not all(v.kind in _TENSORS for _, v in operands):
        return _unseen(scope, args)
    values, exprs = [v for _, v in operands], [e for e, _ in operands]
    return meet(scope, values, node, exprs, promote=not einsum)


def where(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``torch.where(mask, a, b)``: ``a`` and ``b`` meet as in ``a + b`` (torch
    promotes them); with a number for one of them, the other tensor's. With the
    mask alone it gives indices: unknown here."""
    if len(args) != 3 or any(a.keyword is not None or a.star for a, _ in args):
        return _unseen(scope, args)
    pair = [(a.value, v) for a, v in args[1:]]
    tensors = [(e, v) for e, v in pair if v.kind in _TENSORS]
    if len(tensors) == 2:
        return arithmetic(scope, node, tensors)
    if len(tensors) == 1 and any(v.kind == Kind.NUMBER for _, v in pair):
        return dims.elementwise(tensors[0][1])
    return _unseen(scope, args)


def _unseen(scope: Scope, args: Args) -> Value:
    scope.escape_args(args)
    return UNKNOWN


def in_place(scope: Scope, stmt: cst.AugAssign, old: Value, value: Value) -> Value:
    """``s += p``, ``mask &= t != pad``: two tensors meet in place, where ``s`` is
    (a CPU ``s`` and ``p`` on a device fail there, as ``s + p`` does); what is left
    in ``s`` (``augmented``)."""
    if old.kind in _TENSORS and value.kind in _TENSORS:
        meet(scope, (old, value), stmt, (stmt.target, stmt.value))  # (copies.meet too)
    else:
        copies.meet(scope, [old, value], stmt)
    return augmented(old, value)


def augmented(old: Value, value: Value) -> Value:
    """What ``s += p`` leaves in ``s`` (``copies.meet`` records where they meet): a
    tensor in place (its device and dtype kept), a number still a number, a number
    grown into a tensor where ``p`` is (``total = 0.0``, then ``total += loss``); else
    unknown (a list extended, ...)."""
    if old.kind == Kind.TENSOR:
        return old
    if old.kind == Kind.NUMBER and value.kind == Kind.NUMBER:
        same = old.dtype if old.dtype == value.dtype else None
        return Value(
            Kind.NUMBER, dtype="float32" if "float32" in (old.dtype, value.dtype) else same
        )
    if old.kind == Kind.NUMBER and value.kind == Kind.TENSOR:
        return replace(value, ident=new_ident(), dtype=None)
    if old.kind == Kind.LIST and value.kind in (Kind.LIST, Kind.TUPLE) and value.items:
        # groups += [{"params": [p], ...}]
        return lists.extended(old, value.items, lists.leading(value))
    return UNKNOWN


def embedding(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``F.embedding(ids, weight)``: the rows of ``weight`` (on one device with the
    ids, or the call fails), where and as the weight is."""
    given = [(a.value, v) for a, v in args if not a.star][:2]
    if len(given) < 2 or any(
        a.keyword and a.keyword.value not in ("input", "weight") for a, _ in args[:2]
    ):
        return UNKNOWN
    gpus.meet(scope, [v for _, v in given], node, [e for e, _ in given])
    weight = given[1][1]
    if weight.kind not in (Kind.TENSOR, Kind.MOVED):
        return UNKNOWN
    return replace(weight, kind=Kind.TENSOR, ident=new_ident(), moved_from=0)


def indexed(
    scope: Scope, owner: Value, mask: Value, node: cst.Subscript, expr: cst.BaseExpression
) -> None:
    """``t[mask]``, ``t[labels]``: a tensor made on the CPU indexed by a boolean mask
    or by a tensor of indices on a device fails ('indices should be either on cpu or
    on the same device as the indexed tensor'); recorded as the two meeting, as
    ``meet`` does. An index tensor other than a mask counts only where it surely has
    dimensions: a zero-dimensional integer one is read as a Python int
    (``t[labels[i]]`` works). (A CPU index on a GPU tensor is allowed.)"""
    if mask.dtype != "bool" and (mask.dtype in FLOATING_DTYPES or not dims.has(mask)):
        return
    if owner.kind in _TENSORS:
        # (an index on the current GPU of a tensor on a chosen one fails alike)
        gpus.meet(scope, [owner, mask], node, [node.value, expr])
    made = owner.last("create") if owner.kind == Kind.TENSOR and owner.device == Place.CPU else None
    if made is not None and mask.on_accelerator:
        key = mixed_at(scope, made.node, node)
        scope.w.facts.mixes.add(key, MixObs(node, owner, mask, expr), scope.depth)


def windowed(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``torch.stft(x, n_fft, window=w)`` (``istft`` too): the window must be where
    the signal is ('stft input and window must be on the same device'); the result
    is where the signal is, of another dtype (complex)."""
    signal = args[0] if args and args[0][0].keyword is None and not args[0][0].star else None
    window = next((a for a in args if a[0].keyword and a[0].keyword.value == "window"), None)
    if signal is None or signal[1].kind not in _TENSORS:
        return _unseen(scope, args)
    if window is not None and window[1].kind in _TENSORS:
        pair = (signal, window)
        values, exprs = [v for _, v in pair], [a.value for a, _ in pair]
        mixed(scope, values, node, exprs, at_op=False)
        gpus.meet(scope, values, node, exprs)
    complex_ = q.endswith(".stft") and passes_true((a for a, _ in args), "return_complex")
    dtype = COMPLEX_OF.get(signal[1].dtype or "") if complex_ else None
    made = replace(signal[1], kind=Kind.TENSOR, dtype=dtype, ident=new_ident(), moved_from=0)
    return dims.mark(made)


def _reduced_whole(expr: cst.BaseExpression) -> bool:
    """``lengths.max()``, ``w.sum()``: a 0-dim tensor, which torch lets meet a tensor
    on any device (``lengths[i] - drops.max()`` on a GPU is fine)."""
    return (
        isinstance(expr, cst.Call)
        and not expr.args
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value in FULL_REDUCTIONS
    )


def join_values(
    values: Sequence[Value],
    promote: bool = False,
    dtype: str | None = None,
    node: cst.CSTNode | None = None,
) -> Value:
    """The tensor made from ``values`` (``torch.cat``, ``a + b`` at ``node``): where
    they all are, when they agree; a CPU one among them keeps its story (it is what
    meets the device ones), else one of the dtype the result has. With ``promote``
    (``torch.cat``/``stack``, whose inputs all have dimensions), different known
    dtypes give torch's promoted one; ``dtype``, when given, is the result's. Where
    the story kept is not of the result's dtype, a "join" event names the line that
    made the operand that decided it (``x / sigma64``: the float64 one's)."""
    devices = {v.device for v in values}
    dtypes = {v.dtype for v in values}
    if promote and None in devices and len(devices) == 2 and Place.MAYBE not in devices:
        devices.discard(None)  # (cat([z, y]) of a CPU z: on the CPU, or it fails)
    device = devices.pop() if len(devices) == 1 else Place.MAYBE
    if dtype is None:
        dtype = dtypes.pop() if len(dtypes) == 1 else MAYBE_DTYPE
        if promote and dtype == MAYBE_DTYPE:
            dtype = promoted(dtypes) or MAYBE_DTYPE
    story = next(
        (v for v in values if v.device == device and v.dtype == dtype),
        next((v for v in values if v.device == device), values[0]),
    )
    events = story.events
    if node is not None and story.dtype != dtype and dtype not in (None, MAYBE_DTYPE):
        decider = next((v for v in values if v.dtype == dtype), None)
        made = decider.dtype_event() if decider is not None else None
        if made is not None:
            events = (*events, Event("join", node, dtype, source=made))
    # (torch.cat / stack of class ids made floats: the same numbers)
    whole = story.whole if promote and all(v.whole for v in values) else None
    joined = Value(Kind.TENSOR, device, dtype, story.device_expr, events, new_ident(), whole=whole)
    # (torch.cat(outputs) of a model's outputs is one too: where the model runs)
    return replace(joined, origin=OUTPUT) if {v.origin for v in values} == {OUTPUT} else joined
