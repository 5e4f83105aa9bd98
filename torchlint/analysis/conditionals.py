"""Which value a conditional expression (``a if test else b``) has: the arm the walk
decides, the GPU run's arm, the arm that is not None, the tensors' arm where the
other passes what is not a tensor as it is; else both merged, or unknown."""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from torchlint.analysis import cpu_run, shapes
from torchlint.analysis.branches import option_branch
from torchlint.analysis.values import UNKNOWN, Kind, Value, choice
from torchlint.lint.traverse import nodes

if TYPE_CHECKING:
    from torchlint.analysis.scope import Scope


def value(scope: Scope, node: cst.IfExp) -> Value:
    """The value of ``body if test else orelse``: the arm the walk decides
    (``x.to(d) if isinstance(x, torch.Tensor) else x`` on a known ``x``), the GPU run's
    arm (``"cuda" if torch.cuda.is_available() else "cpu"``), the arm that is not
    None, the tensors' arm where the other passes what is not a tensor as it is;
    else both merged (a dtype chosen by an option), or unknown."""
    scope.eval(node.test)
    decided = scope.constant(node.test)
    if decided is not None:
        return scope.eval(node.body if decided else node.orelse)
    taken = scope.guard(node.test) or option_branch(node.test, node.body, node.orelse)
    with scope.w.gpu_run_only(taken == "body"):
        body = scope.eval(node.body)
    with scope.w.gpu_run_only(taken == "orelse"):
        orelse = scope.eval(node.orelse)
    for kept, other in ((body, node.orelse), (orelse, node.body)):
        if isinstance(other, cst.Name) and other.value == "None" and kept.kind:
            # DataLoader(val) if val is not None else None: where the value is used,
            # it is the one that is not None.
            return kept
    qualify = scope.w.analysis.qualify
    if body.kind in (Kind.TENSOR, Kind.MOVED) and shapes.passes_others(node, qualify):
        # v.to(device) if torch.is_tensor(v) else v: what is not a tensor has no
        # device to meet.
        return body
    if taken is not None:
        gpu, arm = (body, node.body) if taken == "body" else (orelse, node.orelse)
        # (x.half() if device == "cuda" else x.float(): a cast only the GPU run makes)
        inside = {id(n) for n in nodes(arm, cst.Call)}
        scope.w.facts.gpu_only_casts.update(
            id(e.node) for e in gpu.events if e.action == "cast" and id(e.node) in inside
        )
        return cpu_run.mark(scope, node, gpu)
    return choice(node, body, orelse) if body.kind == orelse.kind else UNKNOWN
