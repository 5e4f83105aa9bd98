"""The simulation's two tables, keyed by tensor: its virtual device (a tag: a tensor
without one is where torch says it is, the CPU in a simulation) and its story (the
steps that gave it its device and dtype, each with the user's line)."""

from __future__ import annotations

import weakref

import torch
from torch import Tensor

from torchlint.runtime.records import Frame


class Tags:
    __slots__ = ("_d",)

    def __init__(self) -> None:
        self._d: dict[int, tuple[weakref.ref[Tensor], torch.device]] = {}

    def get(self, t: Tensor) -> torch.device | None:
        entry = self._d.get(id(t))
        if entry is not None and entry[0]() is t:
            return entry[1]
        return None

    def set(self, t: Tensor, device: torch.device | None) -> None:
        key = id(t)
        if device is None:
            self._d.pop(key, None)
            return
        entry = self._d.get(key)
        if entry is not None and entry[0]() is t:
            if entry[1] != device:
                self._d[key] = (entry[0], device)
            return
        d = self._d

        def drop(ref: weakref.ref[Tensor], key: int = key) -> None:
            current = d.get(key)
            if current is not None and current[0] is ref:
                del d[key]

        d[key] = (weakref.ref(t, drop), device)

    def clear(self) -> None:
        self._d.clear()

    def __len__(self) -> int:
        return len(self._d)


# The story of a tensor's device and dtype: (what, where) steps in the order they
# happened, at most one of each kind: "made" (a factory, a copy; it starts a story),
# "moved" (to another device), "cast" (to another dtype, on its device), "kept on the
# CPU" (a conversion that named the CPU), "copied to cuda:0" (a copy of it, or of the
# tensor it was computed from, was moved: not it). A tensor computed from others
# inherits the story of the first of them that has one.
Steps = tuple[tuple[str, Frame], ...]

# What each kind of step replaces of the story before it.
_REPLACES = {
    "moved": {"moved", "kept", "copied"},
    "kept": {"moved", "kept"},
    "cast": {"cast"},
    "copied": {"copied"},
}


def _kind_of_step(what: str) -> str:
    """made, moved, cast, kept (on the CPU), copied (to a device)."""
    return what.split(" ", 1)[0]


def then(steps: Steps | None, what: str, frame: Frame) -> Steps:
    """``steps`` with ``(what, frame)`` after them: "made" starts over, and a step
    replaces the earlier ones it makes stale."""
    kind = _kind_of_step(what)
    if kind == "made" or not steps:
        return ((what, frame),)
    last = steps[-1][1]
    if kind != "copied" and (last.path, last.line) == (frame.path, frame.line):
        # The same line: one step (`torch.ones(2).half()` was made there; a module
        # built and moved there, `nn.Linear(4, 2).cuda()`, was moved there).
        return (*steps[:-1], (what, frame)) if kind == "moved" else steps
    stale = _REPLACES.get(kind, {kind})
    kept = tuple(s for s in steps if _kind_of_step(s[0]) not in stale)
    return (*kept, (what, frame))


class Origins:
    """id(tensor) -> (weakref, steps): where a tensor got its device or dtype.
    No weakref callbacks (this table is written on most ops): reads check the weakref,
    and dead entries are swept once the table has doubled since the last sweep."""

    __slots__ = ("_d", "_limit")

    def __init__(self) -> None:
        self._d: dict[int, tuple[weakref.ref[Tensor], Steps]] = {}
        self._limit = 4096

    def get(self, t: Tensor) -> Steps | None:
        entry = self._d.get(id(t))
        if entry is not None and entry[0]() is t:
            return entry[1]
        return None

    def set(self, t: Tensor, origin: Steps | None) -> None:
        if not origin:
            return
        d = self._d
        d[id(t)] = (weakref.ref(t), origin)
        if len(d) > self._limit:
            for key in [k for k, (ref, _) in d.items() if ref() is None]:
                del d[key]
            self._limit = max(4096, 2 * len(d))

    def clear(self) -> None:
        self._d.clear()
