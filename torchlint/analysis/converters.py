"""Recursive module converters: ``convert_model(module)`` that swaps BatchNorm for a
synchronized (or another) norm layer, walking ``module.named_children()`` and
calling itself on each child, re-attaching what it returns with ``add_module`` or
``setattr``. The walk does not walk such a recursion again (a module is no member
of a container, ``shapes.py``), so what such a function does is read from its text
once: the module it builds (on the CPU, where nothing in it places the
new module or takes over the old one's weights). Called on a placed model, it leaves
that module's weights on the CPU inside the model (TL202)."""

from __future__ import annotations

import libcst as cst

from torchlint.analysis.names import dotted
from torchlint.analysis.project import Home
from torchlint.analysis.weights import builds_weights
from torchlint.lint.traverse import nodes

# (The walks below are ``traverse.nodes``, not ``libcst.matchers.findall``: its
# visitor rebuilds every node it passes. made_module on every sixth corpus file:
# 0.29 s with it, 0.02 s without.)
_ADDERS = frozenset({"add_module", "register_module"})


def _attaches(call: cst.Call) -> bool:
    """``m.add_module(...)``, ``m.register_module(...)``, ``setattr(...)``."""
    func = call.func
    if type(func) is cst.Attribute:
        return func.attr.value in _ADDERS
    return type(func) is cst.Name and func.value == "setattr"


def made_module(fn: cst.FunctionDef, home: Home) -> cst.Call | None:
    """The call in ``fn`` that builds the module it attaches in place of a child: a
    ``torch.nn`` layer with weights or a module class of the file, without
    ``device=``, assigned to a name that ``fn`` neither moves (``.to``, ``.cuda``)
    nor gives the old module's weights (``new.weight = old.weight``: the recipe of
    ``nn.SyncBatchNorm.convert_sync_batchnorm``, whose parameters stay where they
    were). None when ``fn`` attaches nothing or builds no such module."""
    cache = home.converters
    if fn in cache:
        return cache[fn]
    found: cst.Call | None = None
    if any(_attaches(call) for call in nodes(fn.body, cst.Call)):
        made = _built(fn, home)
        placed = _placed_names(fn)
        found = next((call for name, call in made if name not in placed), None)
    cache[fn] = found
    return found


def _built(fn: cst.FunctionDef, home: Home) -> list[tuple[str, cst.Call]]:
    out = []
    for assign in nodes(fn.body, cst.Assign):
        if len(assign.targets) != 1 or type(assign.targets[0].target) is not cst.Name:
            continue
        value = assign.value
        if not isinstance(value, cst.Call) or any(
            a.keyword is not None and a.keyword.value == "device" for a in value.args
        ):
            continue
        target = assign.targets[0].target
        assert isinstance(target, cst.Name)
        # (what the call is given counts: ``Wrapped(child, LowRank(child))``; what
        # it is called on does not: ``Norm(n).to(old.weight.device)``)
        if _weighted(value, home) or any(
            _weighted(inner, home) for arg in value.args for inner in nodes(arg, cst.Call)
        ):
            out.append((target.value, value))
    return out


def _weighted(call: cst.Call, home: Home) -> bool:
    """``call`` builds weights on the CPU: a module with weights of its own
    (``weights.builds_weights``: ``LoraLinear(child, r)`` making
    ``nn.Parameter(torch.zeros(r, n))``), without ``device=``. A class that only
    keeps the modules it is given (``Wrapped(child, lora)``) builds none."""
    if any(a.keyword is not None and a.keyword.value == "device" for a in call.args):
        return False
    return builds_weights(call, home.analysis)


def _placed_names(fn: cst.FunctionDef) -> set[str]:
    """Names ``fn`` moves (``new.to(...)``, ``new.cuda()``) or whose weights it sets
    to another module's (``new.weight = old.weight``)."""
    names = set()
    for call in nodes(fn.body, cst.Call):
        func = call.func
        if type(func) is cst.Attribute and func.attr.value in ("to", "cuda"):
            root = dotted(func.value)
            if root is not None:
                names.add(root.split(".", 1)[0])
    for target in nodes(fn.body, cst.AssignTarget):
        attribute = target.target
        if (
            type(attribute) is cst.Attribute
            and type(attribute.value) is cst.Name
            and attribute.attr.value == "weight"
        ):
            names.add(attribute.value.value)
    return names
