"""Record classes: a ``@dataclass`` or a ``NamedTuple``, whose generated ``__init__``
only stores its arguments as its fields, in the order the class body declares them,
and a field no argument gives keeps the default the class body wrote (``dtype:
torch.dtype = torch.float16``, read as ``args.dtype`` after ``ModelArgs()``)."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from torchlint.analysis.facts import ClassFacts, FileFacts
from torchlint.analysis.names import dotted
from torchlint.analysis.torch_api import torch_dtype
from torchlint.analysis.values import Event, Kind, Value

# The bases of a record class whose fields are all its own (a dataclass with no base).
_PLAIN_BASES = frozenset({"object", "NamedTuple"})


def is_record(cls: ClassFacts) -> bool:
    """A class whose generated ``__init__`` only stores its arguments: a dataclass,
    a NamedTuple."""
    decorators = {
        (
            dotted(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator) or ""
        ).rsplit(".", 1)[-1]
        for d in cls.node.decorators
    }
    if "dataclass" in decorators:
        return True
    return any(b.rsplit(".", 1)[-1] == "NamedTuple" for b in cls.bases)


def fields(
    cls: ClassFacts, args: Sequence[tuple[cst.Arg, Value]], analysis: FileFacts
) -> dict[str, Value]:
    """The ``self.`` attributes a call of the record class ``cls`` with ``args`` makes:
    the arguments by keyword, by position where the class declares all its fields,
    and the defaults of the others that are constants (a torch dtype, a number)."""
    given = {f"self.{a.keyword.value}": v for a, v in args if a.keyword is not None}
    if any(a.star for a, _ in args):
        return given  # (Config(**cfg): which fields it gives is unknown)
    own = _declared(cls)
    positional = [v for a, v in args if a.keyword is None]
    if positional and any(b.rsplit(".", 1)[-1] not in _PLAIN_BASES for b in cls.bases):
        return given  # (a base's fields come first)
    for (name, _), value in zip(own, positional, strict=False):
        given.setdefault(f"self.{name}", value)
    for name, default in own[len(positional) :]:
        if default is not None and f"self.{name}" not in given:
            known = _constant(default, analysis)
            if known is not None:
                given[f"self.{name}"] = known
    return given


def _declared(cls: ClassFacts) -> list[tuple[str, cst.BaseExpression | None]]:
    """The fields the class body declares, in order, each with its default."""
    found: list[tuple[str, cst.BaseExpression | None]] = []
    for stmt in cls.node.body.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if not isinstance(small, cst.AnnAssign) or not isinstance(small.target, cst.Name):
                continue
            if "ClassVar" in (dotted(_outer(small.annotation.annotation)) or ""):
                continue  # (a class attribute, no field)
            found.append((small.target.value, small.value))
    return found


def _outer(annotation: cst.BaseExpression) -> cst.BaseExpression:
    return annotation.value if isinstance(annotation, cst.Subscript) else annotation


def _constant(node: cst.BaseExpression, analysis: FileFacts) -> Value | None:
    """The value of a default that reads the same wherever the walk is: a torch dtype
    (also ``field(default=torch.float16)``), a Python number."""
    if isinstance(node, cst.Call) and (dotted(node.func) or "").rsplit(".", 1)[-1] == "field":
        node = next(
            (a.value for a in node.args if a.keyword and a.keyword.value == "default"), node
        )
    if isinstance(node, (cst.Integer, cst.Float)):
        return Value(Kind.NUMBER, dtype="int64" if isinstance(node, cst.Integer) else "float32")
    dtype = torch_dtype(node, analysis)
    if dtype is None:
        return None
    return Value(Kind.DTYPE, None, dtype, events=(Event("cast", node, dtype),))
