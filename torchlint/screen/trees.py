"""Helpers on CPython's ``ast`` for the screen's walk: a faster ``ast.walk``, dotted
names, and the small syntactic tests (a device move, a type cast, what a value is
computed from) the units' tags are read with."""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable, Iterator
from typing import Protocol

from torchlint.analysis.array_api import (
    NUMPY_CONVERSIONS,
)
from torchlint.analysis.lightning import batch_hook
from torchlint.analysis.torch_api import (
    LIGHTNING_STEPS,
)
from torchlint.screen.tags import (
    CPU_TABLE_OUT,
    DISCARDABLE,
    HALF_WORDS,
    INDEXES_GIVEN,
    MOVES,
    STALE_ALIAS,
    TENSOR_INDEX,
)

# Fields that never hold a node worth visiting: contexts and operators (singletons,
# half the nodes of a tree), and the identifiers and flags that are plain values.
_SKIPPED_FIELDS = frozenset(
    """ctx op type_comment type_ignores id attr arg name module level kind is_async simple
    conversion asname""".split()
)
FIELDS: dict[type, tuple[str, ...]] = {ast.Constant: (), ast.Name: (), ast.alias: ()}


def fields_of(node: ast.AST) -> tuple[str, ...]:
    names = FIELDS.get(type(node))
    if names is None:
        names = FIELDS[type(node)] = tuple(f for f in node._fields if f not in _SKIPPED_FIELDS)
    return names


def nodes_under(root: ast.AST) -> Iterator[ast.AST]:
    """Every node under ``root``, in no particular order: ``ast.walk`` without its
    generators, and without the ``ctx``/``op`` singletons (half the nodes)."""
    stack: list[object] = [root]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        node = pop()
        if not isinstance(node, ast.AST):
            continue  # an identifier in a list (global a, b), None in a dict's keys
        yield node
        for name in fields_of(node):
            value = getattr(node, name, None)
            if type(value) is list:
                extend(value)
            elif value is not None:
                push(value)


def dotted(node: ast.AST) -> str | None:
    kind = type(node)
    if kind is ast.Name:
        return node.id  # type: ignore[attr-defined, no-any-return]
    if kind is not ast.Attribute:
        return None
    parts = []
    while type(node) is ast.Attribute:
        parts.append(node.attr)  # type: ignore[attr-defined]
        node = node.value  # type: ignore[attr-defined]
    if type(node) is not ast.Name:
        return None
    parts.append(node.id)  # type: ignore[attr-defined]
    return ".".join(reversed(parts))


@functools.cache  # (asked for every call the screen reads: the names repeat)
def writes_file(last: str) -> bool:
    """A call analysis/saves.py counts as a save, by its last name."""
    last = last.lower()
    return last == "save" or last.endswith("_save") or last.startswith("save_checkpoint")


def last_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def words_of(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Name):
        return {node.id}
    if isinstance(node, ast.Attribute):
        return {node.attr}
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    return set()


def _dtype_like(node: ast.expr) -> bool:
    """Surely a dtype, not a device: ``torch.float16``, ``x.dtype``, ``self.dtype``."""
    word = last_name(node)
    return word is not None and (
        "dtype" in word.lower() or word in HALF_WORDS or word.startswith(("float", "int"))
    )


def discarded_receivers(value: ast.expr) -> set[str]:
    """What a bare move statement leaves as it was: ``x`` of ``x.to(d)`` (both of
    ``x.to(d), y.to(d)``), and the dict of ``batch["ids"].to(d)``."""
    found = set()
    for call in value.elts if type(value) is ast.Tuple else [value]:
        if type(call) is ast.Call and type(call.func) is ast.Attribute:
            moved = call.func.value
            name = dotted(moved.value if type(moved) is ast.Subscript else moved)
            if call.func.attr in DISCARDABLE and name is not None:
                found.add(name)
    return found


def is_device_move(call: ast.Call) -> bool:
    """``.cuda()``, or ``.to(...)`` with anything that may be a device (a call with
    only a dtype changes no device: nothing is moved)."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in MOVES:
        return False
    if func.attr != "to":
        return True
    if any(k.arg is None or k.arg == "device" for k in call.keywords):
        return True
    return any(not _dtype_like(a) for a in call.args)


def moves_entry(func: ast.expr) -> bool:
    """``batch["image"].to`` / ``.cuda``: an entry of a dict moved (``batches.py``)."""
    return (
        type(func) is ast.Attribute
        and func.attr in ("to", "cuda")
        and type(func.value) is ast.Subscript
        and type(func.value.slice) is ast.Constant
        and isinstance(func.value.slice.value, str)
    )


def has_device_keyword(call: ast.Call) -> bool:
    return any(k.arg == "device" for k in call.keywords)


def sources(value: ast.expr) -> Iterator[str]:
    """The names whose value an assignment may copy: ``a`` of ``b = a``,
    ``b = a if c else d``, ``b = a or d``, ``x, y = a, d`` (not ``a`` of ``a.shape``)."""
    path = dotted(value)
    if path is not None:
        yield path
    elif isinstance(value, ast.IfExp):
        yield from sources(value.body)
        yield from sources(value.orelse)
    elif isinstance(value, ast.BoolOp):
        for item in value.values:
            yield from sources(item)
    elif isinstance(value, (ast.Tuple, ast.List)):
        for item in value.elts:
            yield from sources(item)
    elif isinstance(value, ast.Starred):
        yield from sources(value.value)


def is_type_cast(node: ast.expr) -> bool:
    """``x.type(arg)`` / ``x.type(dtype=arg)``: one argument (checks/type_cast.py)."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "type"
        and len(node.args) + len(node.keywords) == 1
    )


def roots_of(node: ast.expr) -> set[str]:
    """The names a value is computed from through calls, methods, indexing and
    arithmetic:
    ``self.head(x)[0].detach()`` -> {"self.head", "self", ...}."""
    out: set[str] = set()
    while True:
        if isinstance(node, ast.Call):
            callee = dotted(node.func)
            if callee is not None:
                out.add(callee)
            node = node.func.value if isinstance(node.func, ast.Attribute) else node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node, ast.UnaryOp):
            node = node.operand
        elif isinstance(node, ast.BinOp):  # (a / n: arithmetic keeps a tensor a tensor)
            return out | roots_of(node.left) | roots_of(node.right)
        elif isinstance(node, ast.Attribute) and dotted(node) is None:
            node = node.value
        else:
            path = dotted(node)
            if path is not None:
                out.add(path)
            return out


def members(node: ast.expr) -> list[ast.expr]:
    """What a list literal or comprehension holds (``[a, b]``, ``[f(x) for x in
    xs]``: ``f(x)``); any other value is itself."""
    if isinstance(node, (ast.List, ast.Tuple)):
        return list(node.elts)
    if isinstance(node, (ast.ListComp, ast.GeneratorExp)):
        return [node.elt]
    return [node]


def rebound_moves(loop: ast.For | ast.AsyncFor) -> set[str]:
    """The names of ``loop``'s target that a statement of its body rebinds to a move
    of themselves (``v = v.to(device)``) and no later statement reads: a discarded
    move (``analysis/rebinds.py``)."""
    bound = {n.id for n in nodes_under(loop.target) if type(n) is ast.Name}
    out = set()
    for i, stmt in enumerate(loop.body):
        if (
            type(stmt) is ast.Assign
            and len(stmt.targets) == 1
            and type(stmt.targets[0]) is ast.Name
            and stmt.targets[0].id in bound
            and type(stmt.value) is ast.Call
            and type(stmt.value.func) is ast.Attribute
            and stmt.value.func.attr in DISCARDABLE
            and dotted(stmt.value.func.value) == stmt.targets[0].id
        ):
            name = stmt.targets[0].id
            later = loop.body[i + 1 :]
            if not any(type(n) is ast.Name and n.id == name for s in later for n in nodes_under(s)):
                out.add(name)
    return out


def without_modes(node: ast.expr) -> ast.expr:
    """``model.to(device).eval()``: the call under ``.eval()`` / ``.train()``, which
    return the module they are called on."""
    while (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("eval", "train")
    ):
        node = node.func.value
    return node


def on_cpu(node: ast.expr) -> bool:
    """``x.detach().cpu()``, ``x.to("cpu")``: brought to the host on the way."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        method = node.func.attr
        if method == "cpu":
            return True
        if method == "to" and any(
            isinstance(a, ast.Constant) and a.value == "cpu"
            for a in [*node.args, *(k.value for k in node.keywords)]
        ):
            return True
        node = node.func.value
    return False


class _Aliases(Protocol):
    alias_pairs: list[tuple[str, str]]
    assigned: set[str]
    modules: set[str]
    rebound: set[str]
    arguments: set[str]
    shared: set[str]


def stale_tags(unit: _Aliases) -> set[str]:
    """A stale alias: one of two names for a value is re-bound to the moved value
    while the other is passed to a call. The flow analysis knows the value of a name
    assigned in the unit, or of a part of a module; anything else (a parameter's
    attribute) is unknown and shares nothing."""
    tags: set[str] = set()
    for name, source in unit.alias_pairs:
        if source in unit.assigned or within(source, unit.modules):
            if (name in unit.rebound and source in unit.arguments) or (
                source in unit.rebound and name in unit.arguments
            ):
                tags.add(STALE_ALIAS)
    if unit.rebound & unit.shared and unit.shared & unit.arguments:
        tags.add(STALE_ALIAS)  # a = b = x; for t in (x, y)
    return tags


def within(path: str, prefixes: set[str]) -> bool:
    """``path`` is one of ``prefixes`` or a part of one (model.vpm of model)."""
    while True:
        if path in prefixes:
            return True
        if "." not in path:
            return False
        path = path.rsplit(".", 1)[0]


# The kinds of node ``Unit.walk`` reads beyond names, attributes, calls and constants
# (a kind its chain of tests reads must be here: the others leave the chain early).
READ_KINDS = frozenset(
    {
        ast.BinOp,
        ast.Expr,
        ast.With,
        ast.AsyncWith,
        ast.Assign,
        ast.AnnAssign,
        ast.For,
        ast.AsyncFor,
        ast.comprehension,
        ast.NamedExpr,
        ast.FunctionDef,
        ast.AsyncFunctionDef,
        ast.ClassDef,
        ast.arguments,
        ast.Compare,
        ast.Return,
        ast.FormattedValue,
        ast.Subscript,
        ast.arg,
        ast.Global,
    }
)


def device_type(node: ast.expr) -> bool:
    """``x.device.type``: a device's type ("cuda"), without its index."""
    return (
        type(node) is ast.Attribute
        and node.attr == "type"
        and type(node.value) is ast.Attribute
        and node.value.attr == "device"
    )


def class_of(node: ast.expr) -> bool:
    """``type(x)``: the class of one value."""
    return type(node) is ast.Call and not node.keywords and type_of_maybe_tensor(node)


def type_of_maybe_tensor(call: ast.Call) -> bool:
    """``type(x)`` where ``x`` may be a tensor (whose class, called, is the legacy
    constructor): not ``type(None)``, ``type("")``, ``type([])``, whose value the
    flow analysis knows is no tensor."""
    func = call.func
    return (
        type(func) is ast.Name
        and func.id == "type"
        and len(call.args) == 1
        and type(call.args[0]) not in _NO_TENSOR
    )


# Literals: their value is a str, a number, a container the code builds, never a
# tensor or a module.
LITERALS = frozenset(
    {
        ast.Constant,
        ast.JoinedStr,
        ast.List,
        ast.Dict,
        ast.Set,
        ast.ListComp,
        ast.DictComp,
        ast.SetComp,
    }
)
# Expressions whose value is never a tensor.
# (what never holds a module)
NO_MODULE = (*LITERALS, ast.BinOp, ast.UnaryOp, ast.Compare)
_NO_TENSOR = LITERALS | {ast.Tuple, ast.GeneratorExp, ast.Lambda}


def made_from(stored: list[tuple[set[str], ast.expr]], made: set[int]) -> set[str]:
    """The paths assigned (``stored``: targets, value) a value a call of ``made``
    (``id()``s) is in, or a value computed from one (``betas = torch.linspace(...)``;
    ``keep = 1 - betas``), unless moved on the way (``t.to(device)``)."""
    reads = [
        (paths, {p for n in nodes_under(value) if (p := dotted(n)) is not None}, value)
        for paths, value in stored
        if not (isinstance(value, ast.Call) and is_device_move(value))
    ]
    out: set[str] = set()
    for paths, _, value in reads:
        if any(id(n) in made for n in nodes_under(value)):
            out |= paths
    grown = True
    while grown:
        grown = False
        for paths, names, _ in reads:
            if names & out and not paths <= out:
                out |= paths
                grown = True
    return out


def table_tags(
    indexed: set[str],
    params: set[str],
    stored: list[tuple[set[str], ast.expr]],
    made_on_cpu: set[int],
    returned: list[ast.expr],
) -> set[str]:
    """TL204's evidence of a table made on the CPU and indexed with a tensor: in one
    unit (TENSOR_INDEX), or in two screened together, one indexing a parameter (or a
    name bound to a call's result), an attribute of one (``schedule.sigmas[t]``) or
    of ``self`` (INDEXES_GIVEN) and one
    returning such a table or keeping it on ``self``
    (CPU_TABLE_OUT)."""
    out = set()
    tables = made_from(stored, made_on_cpu) if made_on_cpu else set()
    if indexed & tables:
        out.add(TENSOR_INDEX)
    if any(t.split(".", 1)[0] in params or t.startswith("self.") for t in indexed):
        out.add(INDEXES_GIVEN)
    if any(p.startswith("self.") for p in tables) or (
        made_on_cpu
        and any(
            id(n) in made_on_cpu or dotted(n) in tables for v in returned for n in nodes_under(v)
        )
    ):
        out.add(CPU_TABLE_OUT)
    return out


def may_be_list(value: ast.expr, qualify: Callable[[str], str | None]) -> bool:
    """A value that may be a list: a list, tuple or comprehension, or what a helper
    returns (not numpy's or torch's functions)."""
    if isinstance(value, (ast.List, ast.ListComp, ast.Tuple)):
        return True
    return isinstance(value, ast.Call) and not (qualify(dotted(value.func) or "") or "").startswith(
        ("numpy.", "torch.")
    )


def numpy_mapped(node: ast.Call, qualify: Callable[[str], str | None]) -> list[ast.expr]:
    """What ``map(np.asarray, rows)`` (or ``zip(*rows)``, ``zip(a, b)``) converts to
    numpy member by member: the rows."""
    if len(node.args) != 2:
        return []
    mapped = dotted(node.args[0])
    q = qualify(mapped) if mapped is not None else None
    if q is None or not q.startswith("numpy.") or q[len("numpy.") :] not in NUMPY_CONVERSIONS:
        return []
    over = node.args[1]
    if isinstance(over, ast.Call) and dotted(over.func) == "zip":
        return [a.value if isinstance(a, ast.Starred) else a for a in over.args]
    return [over]


def lightning_step(stmt: ast.stmt) -> bool:
    """``stmt`` defines a LightningModule step hook (``training_step``, ...) with a
    batch parameter, or a Callback's batch hook: it runs with the module and the batch on the trainer's device
    (``analysis/lightning.py``), evidence of a placement the code never spells."""
    if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    given = len(stmt.args.posonlyargs) + len(stmt.args.args)
    hook = batch_hook(stmt.name)  # a Callback's: (self, trainer, pl_module, [outputs,] batch)
    return given >= hook if hook is not None else stmt.name in LIGHTNING_STEPS and given >= 2


def unzipping(node: ast.expr) -> bool:
    """``zip(*rows)``: a comprehension over it binds the rows' columns."""
    return (
        type(node) is ast.Call
        and type(node.func) is ast.Name
        and node.func.id == "zip"
        and len(node.args) == 1
        and type(node.args[0]) is ast.Starred
    )


def written_dims(node: ast.expr) -> int | None:
    """``x.view(-1, C)`` (2), ``x.view(-1)`` / ``x.flatten()`` (1): the dimensions a
    reshape as written gives; None for anything else (``checks/loss_targets.py``)."""
    if type(node) is not ast.Call or type(node.func) is not ast.Attribute:
        return None
    method = node.func.attr
    if method == "flatten" and not node.args and not node.keywords:
        return 1
    if method not in ("view", "reshape") or not node.args or node.keywords:
        return None
    if any(type(a) is ast.Starred for a in node.args):
        return None
    shape = node.args[0]
    if len(node.args) == 1 and isinstance(shape, (ast.Tuple, ast.List)):
        return len(shape.elts)
    if len(node.args) == 1 and type(node.args[0]) not in (ast.Constant, ast.UnaryOp):
        return None
    return len(node.args)


def fewer_dims(given: ast.expr, target: ast.expr) -> bool:
    """A loss's input and target as written with the target's fewer dimensions
    (``logits.view(-1, C)``, ``labels.view(-1)``): class indices."""
    wanted, got = written_dims(target), written_dims(given)
    return wanted is not None and got is not None and wanted < got
