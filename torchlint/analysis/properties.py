"""``obj.name`` of an instance of a class of the file or the project: where ``name``
is a ``@property``, what its getter returns, walked as a method with no arguments
(``self._execution_device`` returning ``self.transformer.device``); where it is a
number the instance's ``__init__`` stored (``self.scaling_factor = 0.18``), that
number (``latents / self.vae.scaling_factor`` stays the tensor it divides); on an
instance of a plain class (not a module), whatever its methods stored
(``learn.model`` of ``Learner(model, data)``); and the class attributes its class body
binds (``MEAN = 0.9``, ``basis = CATMULL_ROM``)."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from torchlint.analysis.calls import Calls
from torchlint.analysis.names import dotted
from torchlint.analysis.values import CLASS, UNKNOWN, Event, Kind, Value

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


def class_attribute(scope: Calls, node: cst.Attribute) -> Value:
    """``cls.MEAN`` / ``self.MEAN`` in a method of the class being walked (or
    ``Stats.MEAN`` with its name), where the class body binds it to a number (a
    Python number: it keeps an array's dtype in arithmetic) or to a module-level
    tensor (``basis = CATMULL_ROM``: that tensor, where it was made, which no move of
    the module takes along)."""
    cls = scope.cls
    if cls is None or not isinstance(node.value, cst.Name):
        return UNKNOWN
    owner = node.value.value
    if owner not in ("self", "cls", cls.name):
        return UNKNOWN
    bound = scope.lookup(owner)
    if owner == cls.name and bound and bound.kind and bound.origin != CLASS + owner:
        return UNKNOWN  # a variable of that name, not the class
    value = cls.bound(node.attr.value)
    if isinstance(value, (cst.Integer, cst.Float)):
        return Value(Kind.NUMBER, dtype="int64" if isinstance(value, cst.Integer) else "float32")
    if isinstance(value, cst.Name):
        held = scope.lookup(value.value)  # (the module's: what the method sees of it)
        if held is not None and held.kind == Kind.TENSOR:
            # (read by the class: where it meets a device is the line to change)
            return replace(held, events=(*held.events, Event("class-attribute", node)))
    return UNKNOWN
