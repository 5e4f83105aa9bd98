"""``obj.name`` of an instance of a class of the file or the project: where ``name``
is a ``@property``, what its getter returns, walked as a method with no arguments
(``self._execution_device`` returning ``self.transformer.device``); where it is a
number the instance's ``__init__`` stored (``self.scaling_factor = 0.18``), that
number (``latents / self.vae.scaling_factor`` stays the tensor it divides); on an
instance of a plain class (not a module), whatever its methods stored
(``learn.model`` of ``Learner(model, data)``)."""

from __future__ import annotations

import libcst as cst

from torchlint.analysis.calls import Calls
from torchlint.analysis.names import dotted
from torchlint.analysis.values import Kind, Value

_GETTERS = frozenset({"property", "functools.cached_property", "cached_property"})


def read(scope: Calls, node: cst.Attribute) -> Value | None:
    """The value of ``node`` when it reads a property of an instance the walk
    knows the class of; None otherwise (an attribute, or an unknown owner)."""
    attr = node.attr.value
    if scope.cls is not None and dotted(node.value) == "self":
        # self.model in a method: the getter sees the instance as this walk has it
        getter = scope.w.methods(scope.cls).get(attr)
        if getter is not None and _is_property(getter):
            return scope.follow(getter, node, [], scope.cls)
    owner = scope.lookup(dotted(node.value) or "")
    if owner is None and type(node.value) is cst.Attribute:
        owner = read(scope, node.value)  # learn.data.train_dl: the holder's holder
    if owner is None or owner.kind not in (Kind.OBJECT, Kind.MODULE):
        return None
    known = scope.w.objects.get(owner.ident)
    if known is None:
        return None
    stored = known[1].get(f"self.{attr}")
    if stored is not None and stored.kind == Kind.NUMBER:
        return stored
    if stored is not None and stored.kind is not None and owner.kind == Kind.OBJECT:
        # learn.model of a plain holder: what its methods left there, as the names
        # that hold the same object now see it (moved since, say)
        now = next(
            (v for v in scope.env.values() if stored.ident and v.ident == stored.ident), None
        )
        return now or stored
    getter = scope.w.methods(known[0]).get(attr)
    if getter is None or not _is_property(getter):
        return None
    return scope.method_of(owner, attr, node, [])


def _is_property(fn: cst.FunctionDef) -> bool:
    return any(dotted(d.decorator) in _GETTERS for d in fn.decorators)
