"""Which instance a part read off a whole is, where the whole's ``__init__`` kept an
instance of a module class of the project there: ``model.vocab.add_tokens(n)``, or
``model.decoder`` handed to a search object whose ``self.decoder.step(...)`` runs
that class's method (``scope.part_class`` names the class)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from torchlint.analysis.values import Kind, Value

if TYPE_CHECKING:
    from torchlint.analysis.scope import Scope


def part_instance(scope: Scope, path: str, part: Value, method: str) -> Value:
    """``model.vocab.add_tokens(n)``: where the parent's ``__init__`` made the part an
    instance of a module class of the file that defines ``method``, that instance
    (its method runs on it), where and as the parent has it."""
    head, _, attr = path.rpartition(".")
    parent = scope.lookup(head)
    known = scope.w.objects.get(parent.ident) if parent is not None and parent.ident else None
    held = known[1].get(f"self.{attr}") if known is not None else None
    if (
        held is None
        or held.kind != Kind.MODULE
        or not held.ident
        or not held.origin.startswith("local:")
        or held.origin == part.origin
        or (own := scope.w.instance(held)) is None
        or method not in scope.w.methods(own[0])
    ):
        return part
    return replace(part, origin=held.origin, ident=held.ident)


def held_part(scope: Scope, part: Value, method: str) -> Value:
    """``self.decoder.step(...)`` where ``self.decoder`` is ``model.decoder``, handed
    on: the part of ``model`` that its ``__init__`` kept as the one instance of that
    class (``scope.part_class``), whose ``method`` runs on it, where and as the whole
    has it."""
    known = scope.w.objects.get(part.part_of)
    held = [
        v
        for v in (known[1].values() if known is not None else ())
        if v.kind == Kind.MODULE and v.ident and v.origin == part.origin
    ]
    if len(held) != 1 or (own := scope.w.instance(held[0])) is None:
        return part
    return replace(part, ident=held[0].ident) if method in scope.w.methods(own[0]) else part
