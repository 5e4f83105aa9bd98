"""Ops with no CPU float16 kernel (``torch.cdist``, ``torch.polar``, ``torch.fft.*``:
``torch_api.NO_CPU_HALF_OPS``) given a float16 tensor in a run that has it on the CPU:
made there (every run), or on a device that is the CPU in the run without a GPU
(``"cuda" if torch.cuda.is_available() else "cpu"``) or without flags (an option whose
default is ``"cpu"``), moved there itself or the output of a module placed there. That
run fails at the op; TL106 reports it (``FlowFacts.cpu_half_ops``). On CUDA these ops
run in float16, so the GPU run says nothing."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from torchlint.analysis.names import dotted
from torchlint.analysis.observations import CpuHalfOpObs, FlowFacts
from torchlint.analysis.scope import Scope
from torchlint.analysis.strict_ops import run_dtype
from torchlint.analysis.torch_api import NO_CPU_HALF_OPS
from torchlint.analysis.values import BUFFER, PARAMETER, Kind, Place, Value

# The keywords that name the tensors the ops compute on (not ``window=`` of stft, not
# ``p=`` of cdist).
_INPUTS = frozenset({"input", "x1", "x2", "abs", "angle"})


def observe(scope: Scope, node: cst.Call, q: str, args: Sequence[tuple[cst.Arg, Value]]) -> None:
    """``node``, a call of ``q`` with ``args``: recorded when ``q`` has no CPU float16
    kernel and one of its inputs is a float16 tensor on the CPU in some run."""
    if q not in NO_CPU_HALF_OPS or scope.autocast:
        return
    facts = scope.w.facts
    found = [
        CpuHalfOpObs(node, q, arg.value, value, on_cpu[1])
        for arg, value in args
        if not arg.star
        and (arg.keyword is None or arg.keyword.value in _INPUTS)
        and value.kind == Kind.TENSOR
        and run_dtype(value) == "float16"
        and (on_cpu := _on_cpu(facts, value))[0]
    ]
    if found:  # (one a name holds, which a message can name, where there is one)
        obs = next((o for o in found if dotted(o.expr) is not None), found[0])
        facts.cpu_half_ops.add(node, obs, scope.depth)


def _on_cpu(facts: FlowFacts, value: Value) -> tuple[bool, cst.CSTNode | None]:
    """Whether a run has the float16 ``value`` on the CPU, and what puts it there: None
    where it is there in every run, else the device expression that falls back to the
    CPU (or the move to an option whose default is ``"cpu"``)."""
    made = value.dtype_event()
    if made is not None and id(made.node) in facts.gpu_only_casts:
        return False, None  # (``if use_cuda: x = x.half()``: the CPU run keeps float32)
    if value.device == Place.CPU:
        # (a module's parameter or buffer moves with it, where the walk may not see)
        return value.origin not in (BUFFER, PARAMETER), None
    placed = value.last("move", "place", "ran")
    if placed is None:
        return False, None
    fallback = facts.cpu_run_moves.get(placed.node)
    if fallback is None and placed.node in facts.cpu_option_moves:
        fallback = placed.node
    return fallback is not None, fallback
