"""What the runtime check reports: plain data, no torch (the CLI formats it without
importing torch)."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

DEVICE_MISMATCH = "device-mismatch"
DTYPE_MISMATCH = "dtype-mismatch"
OP_ERROR = "op-error"

# Errors that say there is no GPU here (not a bug of the code): without simulation,
# these are not recorded; `torchlint run` suggests --simulate-cuda.
NO_GPU_RE = re.compile(
    r"not compiled with CUDA|Cannot access accelerator|no NVIDIA driver|Found no NVIDIA|"
    r"Cannot initialize CUDA without|CUDA driver initialization failed"
)

# flake8-style codes for `torchlint run` and `--confirm`.
CODES = {DEVICE_MISMATCH: "TLR001", DTYPE_MISMATCH: "TLR002", OP_ERROR: "TLR003"}


@dataclass(frozen=True)
class Frame:
    """A source position: 1-based line, 0-based column (printed 1-based)."""

    path: str
    line: int
    column: int
    function: str

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column + 1,
            "function": self.function,
        }


@dataclass(frozen=True)
class Origin:
    """A step in the story of a mismatched tensor: where it was made, moved or cast,
    where a copy of it went, where it was passed in. ``tensor`` says which side of
    the mismatch it is about (``the cpu tensor``); ``text`` is the step, read before
    "at line N" (``the cpu tensor was made``, ``then cast``)."""

    tensor: str
    text: str
    frame: Frame
    # The side's device (``cpu``, ``cuda:0``) or dtype (``float16``); empty for a note
    # that is about no one tensor (a plain list holding modules).
    side: str = ""

    def describe(self, here: Frame | None = None) -> str:
        where = f"line {self.frame.line}"
        if here is None or os.path.realpath(here.path) != os.path.realpath(self.frame.path):
            where = f"{os.path.basename(self.frame.path)} {where}"
        return f"{self.text} at {where}"

    def to_json(self) -> dict[str, Any]:
        return {
            "tensor": self.tensor,
            "text": self.text,
            "location": self.frame.to_json(),
            "side": self.side,
        }


@dataclass
class Record:
    """One device/dtype mismatch or failed op, attributed to the module that ran it
    and to the user's source line.

    ``location`` is the innermost frame outside torch and torchlint (preferring the
    user's own files over the standard library and installed packages); ``stack``
    holds every frame outside torch and torchlint, innermost first.
    """

    kind: str
    op: str
    message: str
    location: Frame | None
    stack: tuple[Frame, ...] = ()
    module: str | None = None
    module_class: str | None = None
    devices: tuple[str, ...] = ()
    dtypes: tuple[str, ...] = ()
    param_devices: tuple[str, ...] = ()
    param_dtypes: tuple[str, ...] = ()
    input_devices: tuple[str, ...] = ()
    input_dtypes: tuple[str, ...] = ()
    simulated: bool = False
    count: int = 1
    # Where the mismatched tensors got their device (or dtype): the line to fix is
    # often there rather than at the op that failed.
    origins: tuple[Origin, ...] = ()
    # (path, first line, last line) of the classes of the modules running, innermost
    # first: a static finding inside one of them is confirmed by this record.
    module_sources: tuple[tuple[str, int, int], ...] = field(default=(), repr=False)

    @property
    def code(self) -> str:
        return CODES[self.kind]

    def key(self) -> tuple[Any, ...]:
        loc = (self.location.path, self.location.line) if self.location else None
        return (self.kind, self.op, self.module, loc, self.message)

    def summary(self) -> str:
        """One line: what went wrong, where in the model, on which devices/dtypes."""
        what = {
            DEVICE_MISMATCH: "device mismatch",
            DTYPE_MISMATCH: "dtype mismatch",
            OP_ERROR: "op error",
        }[self.kind]
        where = f" in {self.module}" if self.module else ""
        parts = [f"{what}{where} ({self.op})"]
        detail = []
        if self.param_devices or self.param_dtypes:
            detail.append(
                "parameters on "
                + _join(self.param_devices)
                + (f" as {_join(self.param_dtypes)}" if self.param_dtypes else "")
            )
        if self.input_devices or self.input_dtypes:
            detail.append(
                "inputs on "
                + _join(self.input_devices)
                + (f" as {_join(self.input_dtypes)}" if self.input_dtypes else "")
            )
        if not detail and (self.devices or self.dtypes):
            detail.append(
                "tensors on "
                + _join(self.devices)
                + (f" as {_join(self.dtypes)}" if self.dtypes else "")
            )
        if detail:
            parts.append(": " + "; ".join(detail))
        message = self.message.strip().splitlines()[0] if self.message.strip() else ""
        if message:
            parts.append(f": {message}")
        if self.origins:
            parts.append("; " + self.story())
        if self.count > 1:
            parts.append(f" [{self.count} times]")
        return "".join(parts)

    def story(self) -> str:
        """The origins, one clause per side of the mismatch."""
        sides: dict[str, list[str]] = {}
        here = self.location
        for o in self.origins:
            if here is not None and (o.frame.path, o.frame.line) == (here.path, here.line):
                continue  # the record's own line: said already
            sides.setdefault(o.tensor, []).append(o.describe(here))
        return "; ".join(", ".join(steps) for steps in sides.values())

    def lines(self) -> list[tuple[str, int]]:
        """(path, line) of the location and of every origin: the lines this record
        names."""
        out = [(self.location.path, self.location.line)] if self.location else []
        return out + [(o.frame.path, o.frame.line) for o in self.origins]

    def format(self) -> str:
        """flake8's form, as ``torchlint`` prints static findings."""
        loc = self.location
        head = f"{loc.path}:{loc.line}:{loc.column + 1}" if loc else "<unknown>:0:0"
        return f"{head}: {self.code} {self.summary()}"

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "kind": self.kind,
            "op": self.op,
            "message": self.message,
            "module": self.module,
            "module_class": self.module_class,
            "devices": list(self.devices),
            "dtypes": list(self.dtypes),
            "parameters": {"devices": list(self.param_devices), "dtypes": list(self.param_dtypes)},
            "inputs": {"devices": list(self.input_devices), "dtypes": list(self.input_dtypes)},
            "simulated": self.simulated,
            "count": self.count,
            "location": self.location.to_json() if self.location else None,
            "stack": [f.to_json() for f in self.stack],
            "origins": [o.to_json() for o in self.origins],
        }


def _join(items: tuple[str, ...]) -> str:
    return ", ".join(items) if items else "?"


@dataclass
class RecordLog:
    """The records of one ``check()`` block, deduplicated (``count`` says how often)."""

    simulate_cuda: bool = False
    records: list[Record] = field(default_factory=list)
    _index: dict[tuple[Any, ...], Record] = field(default_factory=dict, repr=False)

    def add(self, record: Record) -> None:
        key = record.key()
        seen = self._index.get(key)
        if seen is not None:
            seen.count += 1
            return
        self._index[key] = record
        self.records.append(record)

    @property
    def ok(self) -> bool:
        return not self.records

    def __len__(self) -> int:
        return len(self.records)

    def of_kind(self, kind: str) -> list[Record]:
        return [r for r in self.records if r.kind == kind]

    def format(self) -> str:
        return "".join(r.format() + "\n" for r in self.records)

    def to_json(self) -> str:
        return json.dumps([r.to_json() for r in self.records], indent=2) + "\n"
