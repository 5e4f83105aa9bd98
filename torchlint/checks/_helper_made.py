"""What a plain helper object a module keeps hands its forward pass: ``__init__`` keeps
an instance of a plain class of the file (``self.sampler = NegSampler(counts)``, no
module, no ``.to()`` of its own), and the forward calls one of its methods
(``self.sampler.draw(n)``) that returns a tensor it makes itself
(``return torch.LongTensor(ids)``). That tensor is made where the helper's method
says, whatever device the module is on: for TL401 and TL402 it is made in the
forward pass as a factory written there would be."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import libcst as cst

from torchlint.analysis.facts import ClassFacts, FileFacts
from torchlint.analysis.names import dotted
from torchlint.lint.traverse import nodes

# Methods through which a plain class would move what it holds or makes.
_OWN_MOVES = frozenset({"to", "cuda", "_apply", "set_device"})


def held_helpers(analysis: FileFacts, cls: ClassFacts) -> dict[str, ClassFacts]:
    """The attributes of ``cls`` that only ever hold an instance of a plain class of
    the file (``None`` aside), by name, with that class."""
    found: dict[str, ClassFacts] = {}
    for attr, values in cls.self_attrs.items():
        made = [v for v in values if not (isinstance(v, cst.Name) and v.value == "None")]
        names = {dotted(v.func) if isinstance(v, cst.Call) else None for v in made}
        if len(names) != 1 or None in names:
            continue  # (also set to something else, or never made)
        helper = analysis.class_named(str(next(iter(names))))
        if (
            helper is None
            or helper.is_module
            or set(helper.bases) - {"object"}  # (a plain class, as the screen has it)
            or helper.methods & _OWN_MOVES
        ):
            continue
        found[attr] = helper
    return found


def helper_made(
    analysis: FileFacts,
    fn: cst.FunctionDef,
    cls: ClassFacts | None,
    made_here: Callable[[cst.Call], bool],
) -> Iterator[tuple[cst.Call, cst.Call]]:
    """``(self.sampler.draw(n), torch.LongTensor(ids))``: each call in ``fn``, a method
    of the module class ``cls``, of a method of a helper it keeps, with the call that
    method returns the result of, where ``made_here`` says it makes a tensor."""
    if cls is None or not cls.is_module:
        return
    helpers = held_helpers(analysis, cls)
    if not helpers:
        return
    for call in nodes(fn.body, cst.Call):
        func = call.func
        if not isinstance(func, cst.Attribute) or not isinstance(func.value, cst.Attribute):
            continue
        holder = func.value
        if dotted(holder.value) != "self" or holder.attr.value not in helpers:
            continue
        method = helpers[holder.attr.value].method(func.attr.value)
        if method is not None:
            for made in _returned(method, made_here):
                yield call, made


def _returned(method: cst.FunctionDef, made_here: Callable[[cst.Call], bool]) -> list[cst.Call]:
    """The calls ``method`` returns the result of, where ``made_here`` says so:
    ``return torch.LongTensor(ids)``, or a name bound once to one (``ids = ...;
    return ids``)."""
    binds = {p.name.value: 1 for p in nodes(method.params, cst.Param)}  # (times bound)
    for node in nodes(method.body, _BINDINGS):
        for name in nodes(node.target, cst.Name):  # type: ignore[attr-defined]
            binds[name.value] = binds.get(name.value, 0) + 1
    values: dict[str, cst.BaseExpression] = {}
    for assign in nodes(method.body, cst.Assign):
        if len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name):
            values[assign.targets[0].target.value] = assign.value
    out = []
    for ret in nodes(method.body, cst.Return):
        value = ret.value
        if isinstance(value, cst.Name) and binds.get(value.value) == 1:
            value = values.get(value.value)
        if isinstance(value, cst.Call) and made_here(value):
            out.append(value)
    return out


_BINDINGS = (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.For, cst.NamedExpr)
