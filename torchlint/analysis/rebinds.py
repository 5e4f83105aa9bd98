"""A loop's name rebound to a moved copy that nothing reads: ``for k, v in
batch.items(): v = v.to(device)``. ``Tensor.to()`` returns a new tensor; the name
now holds it, but the container the loop walks keeps its tensors where they were,
and the copy is gone at the next iteration (TL205, as a bare ``v.to(device)`` is)."""

from __future__ import annotations

import libcst as cst

from torchlint.analysis.effects import TENSOR_COPIES
from torchlint.analysis.names import dotted
from torchlint.analysis.observations import DiscardObs
from torchlint.analysis.scope import Scope
from torchlint.analysis.values import Kind
from torchlint.lint.traverse import nodes


def loop_rebinds(scope: Scope, loop: cst.For) -> None:
    """Records each ``v = v.to(...)`` of ``loop``'s body (its own statements, not
    nested blocks) on a name the loop binds, known to be a tensor, that no later
    statement of the body reads."""
    bound = {dotted(n) for n in nodes(loop.target, cst.Name)}
    body = loop.body.body
    for i, line in enumerate(body):
        if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
            continue
        assign = line.body[0]
        if not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
            continue
        name = dotted(assign.targets[0].target)
        call = assign.value
        if (
            name not in bound
            or not isinstance(call, cst.Call)
            or not isinstance(call.func, cst.Attribute)
            or call.func.attr.value not in TENSOR_COPIES
            or dotted(call.func.value) != name
        ):
            continue
        if any(n.value == name for later in body[i + 1 :] for n in nodes(later, cst.Name)):
            continue  # read after the move: used, not discarded
        receiver = scope.lookup(name or "")
        if receiver is not None and receiver.kind == Kind.TENSOR:
            scope.w.facts.discarded.add(call, DiscardObs(call, receiver, line, loop), scope.depth)
