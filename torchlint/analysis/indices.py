"""Tensors used as indices (TL110): the ``index`` of ``scatter_`` / ``gather`` /
``index_select`` and their torch functions, the ids of ``F.embedding``, the classes of
``F.one_hot``. torch takes integer indices only (int64; int32 where the op allows it):
a floating tensor there raises. Each use whose index the walk knows is floating, by a
line that made or cast it so, is observed (``FlowFacts.float_indices``) as a
``CallObs`` of the op with the index as its one argument. (An ``nn.Embedding``'s ids
are the first argument of its module call: ``FlowFacts.calls``. Which ops take
indices is ``torch_api``'s: ``INDEX_METHODS``, ``INDEX_FUNCTIONS``, ``EMBEDDINGS``.)"""

from __future__ import annotations

import libcst as cst

from torchlint.analysis import joins
from torchlint.analysis.observations import CallObs
from torchlint.analysis.scope import Scope
from torchlint.analysis.torch_api import FLOATING_DTYPES, INDEX_FUNCTIONS, INDEX_METHODS
from torchlint.analysis.values import UNKNOWN, Kind, Value

Args = list[tuple[cst.Arg, Value]]

# The position of the index among a tensor method's arguments (``x.scatter_(dim,
# index, src)``, ``x.take_along_dim(indices, dim)``).
_METHOD_INDEX = {**dict.fromkeys(INDEX_METHODS, 1), "take_along_dim": 0}


def floating(value: Value) -> bool:
    """A tensor the walk knows is floating, by a line that made or cast it so (not a
    module's output, whose dtype is the module's guess: a quantizer returns codes)."""
    made = value.dtype_event()
    return (
        value.kind == Kind.TENSOR
        and value.dtype in FLOATING_DTYPES
        and made is not None
        and made.action in ("create", "cast")
    )


def method(
    scope: Scope, node: cst.Call, name: str, args: Args, receiver: tuple[cst.Arg, Value]
) -> None:
    """``x.scatter_(1, index, 1.0)``: observes a floating ``index``, and one on the
    CPU meeting ``x`` on a device."""
    position = _METHOD_INDEX.get(name)
    if position is not None:
        index = _argument(args, position, "index")
        _observe(scope, node, name, index)
        if index is not None:
            joins.indexed_by(scope, node, receiver, index)


def function(scope: Scope, node: cst.Call, q: str, args: Args) -> None:
    """``torch.gather(x, 1, index)``, ``F.one_hot(labels)``: observes a floating index
    (and, of a function that takes the tensor indexed first, one on the CPU meeting
    it on a device)."""
    found = INDEX_FUNCTIONS.get(q)
    if found is not None:
        index = _argument(args, *found)
        _observe(scope, node, q.rsplit(".", 1)[-1], index)
        indexed = _argument(args, 0, "input")
        if index is not None and indexed is not None and indexed is not index:
            joins.indexed_by(scope, node, indexed, index)


def _argument(args: Args, position: int, keyword: str) -> tuple[cst.Arg, Value] | None:
    named = next((a for a in args if a[0].keyword and a[0].keyword.value == keyword), None)
    if named is not None:
        return named
    positional = [a for a in args if a[0].keyword is None and not a[0].star]
    return positional[position] if len(positional) > position else None


def _observe(scope: Scope, node: cst.Call, op: str, arg: tuple[cst.Arg, Value] | None) -> None:
    if arg is None or not floating(arg[1]):
        return
    obs = CallObs(
        node, op, UNKNOWN, (arg,), dict(scope.env), scope.autocast > 0, False, scope.in_forward
    )
    scope.w.facts.float_indices.add(node, obs, scope.depth)
