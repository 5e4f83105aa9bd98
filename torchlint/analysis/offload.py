"""Libraries that place a model for you when it runs: diffusers' and accelerate's CPU
offload (``pipe.enable_model_cpu_offload()``, ``enable_sequential_cpu_offload()``)
moves each model, or each layer, to the accelerator for its forward pass and back
after. The model then computes on the accelerator, wherever it sits between calls:
not half precision on the CPU (TL106), not a model left behind (TL201, TL211)."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from torchlint.analysis.scope import Scope
from torchlint.analysis.torch_api import MODEL_OFFLOADERS
from torchlint.analysis.values import UNKNOWN, Event, Place, Value

OFFLOADERS = MODEL_OFFLOADERS  # (their names: torch_api.py)


def offloaded(scope: Scope, receiver: Value, node: cst.Call) -> Value:
    """``receiver.enable_model_cpu_offload()``: placed from here on, on a device the
    library chooses (the call returns None)."""
    placed = replace(
        receiver,
        device=Place.MAYBE,
        events=(*receiver.events, Event("place", node, "offload")),
    )
    scope.update_ident(receiver.ident, placed)
    return UNKNOWN
