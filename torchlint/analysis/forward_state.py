"""A tensor a method of a module left on it (``self.aux_loss = ...`` in its
``forward``, of its activations), read from outside through the whole model after
that method ran (``blk.moe.aux_loss``, ``model.hidden.kl``): that tensor, where the
method made it (``scope.lookup``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from torchlint.analysis.order import contains
from torchlint.analysis.values import BUFFER, PARAMETER, Kind, Value

if TYPE_CHECKING:
    from torchlint.analysis.facts import ClassFacts

# What the walk knows of each instance of a class of the project (``Walk.objects``).
Objects = dict[int, tuple["ClassFacts", dict[str, Value]]]


def method_state(objects: Objects, parent: Value, below: str) -> Value | None:
    """``blk.moe.aux_loss`` of ``parent`` (``blk``, ``below`` the rest): where each part
    on the way is the instance of a module class of the project that its holder's
    ``__init__`` kept there, and a method of the last one other than ``__init__`` (its
    ``forward``) left a tensor at ``aux_loss`` when it ran, that tensor, where the
    method made it (a plain tensor: no move of the module takes it along). None
    otherwise (not run yet, set by ``__init__`` alone, a part the walk does not know,
    one of the module's own tensors that the walk does not put on a GPU)."""
    *chain, attr = below.split(".")
    holder: Value | None = parent
    for name in chain:
        known = objects.get(holder.ident) if holder is not None and holder.ident else None
        holder = known[1].get(f"self.{name}") if known is not None else None
        if holder is None or holder.kind != Kind.MODULE:
            return None
    known = objects.get(holder.ident) if holder is not None and holder.ident else None
    if known is None or not known[0].is_module:
        return None
    cls, attrs = known
    held = attrs.get(f"self.{attr}")
    if held is None or held.kind != Kind.TENSOR:
        return None
    if held.origin in (PARAMETER, BUFFER) and not held.on_accelerator:
        return None  # (one of its own, or made of them: where the module is now)
    init = cls.method("__init__")
    if init is not None and all(contains(init, value) for value in cls.self_attrs.get(attr, [])):
        return None  # (what __init__ alone sets: ``Scope.plain_tensor``)
    return held
