"""Library calls that run a model on example inputs: ``torch.jit.trace(model, x)``,
``torch.onnx.export(model, x, path)``, a TensorBoard ``writer.add_graph(model, x)``.
Each runs the model's forward on the inputs, as ``model(x)`` would, so it is observed
as that call (a CPU example fed to a model on the GPU fails there too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from torchlint.analysis.names import dotted
from torchlint.analysis.values import Kind, Value

if TYPE_CHECKING:
    from torchlint.analysis.scope import Scope

Args = list[tuple[cst.Arg, Value]]

# Functions (qualified) and methods (of any object: a SummaryWriter is made in many
# ways) whose first argument is a model and second its example inputs.
TRACING_FUNCTIONS = frozenset({"torch.jit.trace", "torch.onnx.export", "torch.export.export"})
TRACING_METHODS = frozenset({"add_graph"})


def traced(scope: Scope, node: cst.Call, args: Args) -> bool:
    """``node`` runs the model of its first argument on its second: observed as a
    call of that model. False where the first argument is no module the walk knows."""
    positional = [(a, v) for a, v in args if a.keyword is None and not a.star]
    if len(positional) < 2 or positional[0][1].kind not in (Kind.MODULE, Kind.WRAPPER):
        return False
    (model_arg, model), (given_arg, given) = positional[0], positional[1]
    inputs = [(given_arg, given)]
    if given.kind == Kind.TUPLE and given.items:  # (torch.onnx.export(m, (x, mask), f))
        inputs = [(given_arg, item) for item in given.items]
    callee = dotted(model_arg.value) or "model"
    scope.observe_call(node, callee, model, inputs)
    return True
