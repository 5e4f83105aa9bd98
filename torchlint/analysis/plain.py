"""What the methods of a plain class (no base class, not a module) know of the
attributes its ``__init__`` set. A module's owner may move or cast it as a whole
(``model.to(device)``), so outside ``__init__`` the flow analysis forgets where a
module's attributes are. An object of a plain class with no method that moves it
cannot be moved as a whole: an attribute that no code outside the class's methods
reaches stays where ``__init__`` left it (a guidance or trainer object whose model
was cast but never placed)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import libcst as cst

from torchlint.analysis.facts import ClassFacts
from torchlint.analysis.names import dotted
from torchlint.analysis.torch_api import LIGHTNING_CALLBACKS
from torchlint.analysis.values import Kind, Value, carried
from torchlint.lint.traverse import nodes

# What code outside a class may move through ``obj.<name>``.
_MOVABLE = frozenset({Kind.MODULE, Kind.WRAPPER, Kind.TENSOR, Kind.MOVED})
# Bases that keep a class plain: scikit-learn's estimator and mixins (a torch model
# behind ``fit``/``predict``) hold no modules and move nothing.
_PLAIN_BASES = frozenset(
    {
        "object",
        "abc.ABC",
        "sklearn.base.BaseEstimator",
        "sklearn.base.RegressorMixin",
        "sklearn.base.ClassifierMixin",
        "sklearn.base.TransformerMixin",
    }
)
# Methods of a class that move or cast its objects as a whole (``pipe.to(device)``).
_MOVERS = frozenset({"to", "cuda", "cpu", "half", "float", "bfloat16", "double", "type"})


def read_outside(module: cst.Module | None) -> set[str]:
    """The attribute names a file reads on anything but ``self`` (``g.unet``)."""
    if module is None:
        return set()
    return {
        a.attr.value
        for a in nodes(module, cst.Attribute)
        if not (type(a.value) is cst.Name and a.value.value == "self")
    }


def attributes(
    cls: ClassFacts,
    methods: dict[str, cst.FunctionDef],
    env: dict[str, Value],
    outside: Callable[[], set[str]],
) -> dict[str, Value]:
    """What the methods of ``cls`` start from: the ``self.`` attributes of ``env``,
    the state ``__init__`` left. Where each module or tensor is, is forgotten (what
    each IS is kept), unless ``cls`` is plain with no method that moves it and the
    attribute is one no code reaches from outside the class's methods (no
    ``obj.<name>`` on anything but ``self`` in the file: ``outside()``, asked only
    for a plain class) and no method hands out (``return self.model``). (What cannot
    be moved, a device, a number, stays as it is in a plain class.)"""
    own = {k: v for k, v in env.items() if k.startswith("self.") and carried(v)}
    # (Lightning places the module it trains, never a Callback's own state: a metric
    # a callback made stays where its ``__init__`` left it)
    callback = any(b in LIGHTNING_CALLBACKS for b in cls.bases)
    plain = (
        all(b in _PLAIN_BASES or b in LIGHTNING_CALLBACKS for b in cls.bases)
        and not _MOVERS & methods.keys()
        and (callback or places_its_own(own))
    )
    if plain:
        reached = outside()
        handed = {
            name
            for ret in nodes(cls.node, cst.Return)
            if ret.value is not None
            for name in _self_names(ret.value)
        } | _moved_by_methods(methods)
    return {
        k: v
        if plain and (v.kind not in _MOVABLE or (k[5:] not in reached and k not in handed))
        else replace(v, device=None, dtype=None, events=())
        for k, v in own.items()
    }


def places_its_own(own: dict[str, Value]) -> bool:
    """The object keeps a device of its own (``self.device = device``), or placed or
    cast a module or tensor as it was built (``self.unet = unet.half()``): where and
    in what dtype its modules are is its own business. A holder that does none of
    these (``self.model = AutoModel...``, the device a method's argument) leaves
    placing them to the code that holds it, which may be in another file
    (``wrapper.model.to(device)``)."""
    return any(
        v.kind == Kind.DEVICE or (v.kind in _MOVABLE and v.last("move", "cast") is not None)
        for v in own.values()
    )


def _moved_by_methods(methods: dict[str, cst.FunctionDef]) -> set[str]:
    """The ``self.<name>`` attributes a method moves or casts (``self.encoder.to(device)``
    in a ``to_device`` the caller runs first), other than ``__init__`` and the methods
    it calls (whose moves its walk saw): where each is when another method runs
    depends on the order of the calls."""
    init = methods.get("__init__")
    during_init = {"__init__"} | {
        (dotted(call.func) or "").removeprefix("self.")
        for call in (nodes(init, cst.Call) if init is not None else ())
    }
    out: set[str] = set()
    for name, fn in methods.items():
        if name in during_init:
            continue
        for call in nodes(fn, cst.Call):
            func = call.func
            if isinstance(func, cst.Attribute) and func.attr.value in _MOVERS:
                out.update(_self_names(func.value))
    return out


def _self_names(expr: cst.BaseExpression) -> Iterator[str]:
    """The ``self.<name>`` attributes an expression hands out as they are
    (``return self.a, self.b``; not ``return self.a(x)``)."""
    if isinstance(expr, (cst.Tuple, cst.List)):
        for element in expr.elements:
            yield from _self_names(element.value)
        return
    name = dotted(expr) if isinstance(expr, cst.Attribute) else None
    if name is not None and name.startswith("self.") and name.count(".") == 1:
        yield name


def sole_setters(methods: dict[str, cst.FunctionDef], known: set[str]) -> dict[str, set[str]]:
    """The ``self.<name>`` attributes (not in ``known`` nor set by ``__init__``, even
    to None) that one method alone sets (``fit`` setting ``self.model_``), by that
    method: any other method reading one runs after it (or fails), so it starts from
    what that method left."""
    init = methods.get("__init__")
    known = known | {dotted(t) or "" for t in (_assigned(init) if init is not None else ())}
    by_name: dict[str, set[str]] = {}
    for name, fn in methods.items():
        if name == "__init__":
            continue
        for target in _assigned(fn):
            key = dotted(target)
            if key is not None and key.startswith("self.") and key.count(".") == 1:
                if key not in known:
                    by_name.setdefault(key, set()).add(name)
    out: dict[str, set[str]] = {}
    for key, setters in by_name.items():
        if len(setters) == 1:
            out.setdefault(next(iter(setters)), set()).add(key)
    return out


def _assigned(fn: cst.FunctionDef) -> Iterator[cst.BaseExpression]:
    """The targets ``fn`` assigns (``self.a = ...``, ``self.a, self.b = ...``)."""
    for assign in nodes(fn, cst.Assign):
        for target in assign.targets:
            value = target.target
            if isinstance(value, (cst.Tuple, cst.List)):
                yield from (e.value for e in value.elements)
            else:
                yield value
    for annotated in nodes(fn, cst.AnnAssign):
        yield annotated.target
