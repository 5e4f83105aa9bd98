"""``obj.name`` of an instance of a class of the file or the project: where ``name``
is a ``@property``, what its getter returns, walked as a method with no arguments
(``self._execution_device`` returning ``self.transformer.device``); where it is a
number the instance's ``__init__`` stored (``self.scaling_factor = 0.18``), that
number (``latents / self.vae.scaling_factor`` stays the tensor it divides)."""

from __future__ import annotations

import libcst as cst

from torchlint.analysis.calls import Calls
from torchlint.analysis.names import dotted
from torchlint.analysis.values import Kind, Value

_GETTERS = frozenset({"property", "functools.cached_property", "cached_property"})


def read(scope: Calls, node: cst.Attribute) -> Value | None:
    """The value of ``node`` when it reads a property of an instance the walk
    knows the class of; None otherwise (an attribute, or an unknown owner)."""
    owner = scope.lookup(dotted(node.value) or "")
    if owner is None or owner.kind not in (Kind.OBJECT, Kind.MODULE):
        return None
    known = scope.w.objects.get(owner.ident)
    if known is None:
        return None
    stored = known[1].get(f"self.{node.attr.value}")
    if stored is not None and stored.kind == Kind.NUMBER:
        return stored
    getter = scope.w.methods(known[0]).get(node.attr.value)
    if getter is None or not any(dotted(d.decorator) in _GETTERS for d in getter.decorators):
        return None
    return scope.method_of(owner, node.attr.value, node, [])
