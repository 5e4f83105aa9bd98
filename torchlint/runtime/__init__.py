"""Runtime confirmation: run code under a check (with CUDA simulated on the CPU, if
asked) and record device/dtype mismatches with the module and source line they come
from. See docs/runtime.md.

Importing this package does not import torch; ``check()`` does.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from torchlint.runtime.records import (
    CODES,
    DEVICE_MISMATCH,
    DTYPE_MISMATCH,
    OP_ERROR,
    Frame,
    Record,
    RecordLog,
)

__all__ = [
    "CODES",
    "DEVICE_MISMATCH",
    "DTYPE_MISMATCH",
    "OP_ERROR",
    "Frame",
    "Record",
    "RecordLog",
    "check",
]


def check(simulate_cuda: bool = True, device_count: int = 1) -> AbstractContextManager[RecordLog]:
    """A context manager: the code in its block runs under the check, and the
    ``RecordLog`` it yields collects the records.

    ``simulate_cuda``: simulate ``device_count`` CUDA devices on the CPU (tensors
    stay CPU tensors; ``torch.cuda.is_available()`` says True). Without it, the code
    runs on the real devices and only errors are recorded, with their attribution.
    Everything patched is restored when the last open block exits.
    """
    from torchlint.runtime.simulate import check as _check

    return _check(simulate_cuda=simulate_cuda, device_count=device_count)
