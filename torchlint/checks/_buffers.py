"""Where a module's construction puts its registered buffers into a plain container
(TL301, ``module_state.py``; no rules here).

``Module._apply`` (what ``.to()``, ``.cuda()`` and ``.half()`` run through) assigns new
tensors into ``_buffers``: a list, tuple or dict that holds the buffer tensors keeps the
old ones. A buffer reference is ``self.<name>`` for a name registered with a string
literal, or ``getattr(self, EXPR)`` where ``EXPR`` is the name expression a
``self.register_buffer(EXPR, ...)`` used: a literal, or the same expression (``f"mean_
{name}"``) earlier in the same body, none of its names bound again in between."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import libcst as cst

from torchlint.analysis.names import dotted
from torchlint.analysis.torch_api import dtype_only
from torchlint.lint.traverse import children, is_self_call, nodes

# The container methods that put their argument(s) in.
_FILLS = frozenset({"append", "extend", "insert", "update"})
# Calls that can spell a buffer's name (``"m" + str(i)``): pure, of their arguments.
_NAME_CALLS = frozenset({"str", "int", "repr", "format"})


@dataclass(frozen=True)
class Step:
    """A small statement run while the module is built, where it is written."""

    method: cst.FunctionDef
    small: cst.BaseSmallStatement
    order: int  # its position in the method, in source order
    blocks: tuple[int, ...]  # the bodies around it, innermost last (ids)
    loops: frozenset[int]  # the loops around it (ids)


@dataclass
class _Method:
    steps: list[Step] = field(default_factory=list)
    # (what is bound: a name or ``self.x``, its position, the loops around it)
    bindings: list[tuple[str, int, frozenset[int]]] = field(default_factory=list)


@dataclass(frozen=True)
class BufferContainer:
    """``small`` puts buffers into the plain container ``self.<attr>``; ``use``: where
    a method that runs later computes with what it holds (None: not seen)."""

    small: cst.BaseSmallStatement
    attr: str
    use: cst.CSTNode | None
    # ``self.original = self.inv_freq``: the attribute holds one buffer itself
    single: bool = False


def built_methods(cls: cst.ClassDef) -> list[cst.FunctionDef]:
    """``__init__``, then the methods it calls on self (``self.reset_parameters()``,
    ``self._set_cos_sin_cache(...)``), and theirs: what runs while the module is built."""
    methods = {s.name.value: s for s in cls.body.body if isinstance(s, cst.FunctionDef)}
    todo = ["__init__"] if "__init__" in methods else []
    seen = set(todo)
    out: list[cst.FunctionDef] = []
    while todo:
        method = methods[todo.pop(0)]
        out.append(method)
        for call in nodes(method.body, cst.Call):
            name = self_attr(call.func)
            if name is not None and name in methods and name not in seen:
                seen.add(name)
                todo.append(name)
    return out


def self_attr(node: cst.CSTNode) -> str | None:
    """``x`` of ``self.x``."""
    if (
        isinstance(node, cst.Attribute)
        and isinstance(node.value, cst.Name)
        and node.value.value == "self"
    ):
        return node.attr.value
    return None


def _bound(target: cst.BaseExpression) -> Iterator[str]:
    """What an assignment target binds: names, and ``self.x``-like dotted names."""
    if isinstance(target, cst.Name):
        yield target.value
    elif isinstance(target, cst.Attribute):
        name = dotted(target)
        if name is not None:
            yield name
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            yield from _bound(element.value)
    elif isinstance(target, cst.StarredElement):
        yield from _bound(target.value)


def _small_bindings(small: cst.CSTNode) -> Iterator[str]:
    if isinstance(small, cst.Assign):
        for t in small.targets:
            yield from _bound(t.target)
    elif isinstance(small, (cst.AugAssign, cst.AnnAssign)):
        yield from _bound(small.target)
    elif isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(
        small.names, cst.ImportStar
    ):
        for alias in small.names:
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                yield alias.asname.name.value
            else:
                yield (dotted(alias.name) or "").split(".")[0]
    for walrus in nodes(small, cst.NamedExpr):
        yield from _bound(walrus.target)


def _walk(method: cst.FunctionDef) -> _Method:
    """Every small statement of ``method`` (loops and branches included, not the
    functions defined in it), with what each binds."""
    out = _Method()

    def bind(names: Iterator[str], loops: frozenset[int]) -> None:
        order = len(out.steps)
        out.bindings += [(n, order, loops) for n in names]

    def visit(node: cst.CSTNode, blocks: tuple[int, ...], loops: frozenset[int]) -> None:
        if isinstance(node, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            for small in node.body:
                bind(_small_bindings(small), loops)
                out.steps.append(Step(method, small, len(out.steps), blocks, loops))
            return
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            bind(iter([node.name.value]), loops)
            return  # (its body does not run here)
        if isinstance(node, cst.For):
            bind(_bound(node.target), loops | {id(node)})
        elif isinstance(node, cst.With):
            for item in node.items:
                if item.asname is not None:
                    bind(_bound(item.asname.name), loops)
        elif isinstance(node, (cst.ExceptHandler, cst.ExceptStarHandler)) and node.name:
            bind(_bound(node.name.name), loops)
        inner = loops | {id(node)} if isinstance(node, (cst.For, cst.While)) else loops
        for child in children(node):
            if isinstance(child, cst.IndentedBlock):
                for stmt in child.body:
                    visit(stmt, (*blocks, id(child)), inner)
            elif isinstance(child, cst.SimpleStatementSuite):
                visit(child, (*blocks, id(child)), inner)
            elif isinstance(child, _PARTS):
                visit(child, blocks, loops)
            else:  # a header: `if (n := ...)`, `while (x := f())`
                bind((n for w in nodes(child, cst.NamedExpr) for n in _bound(w.target)), loops)

    body = method.body
    if isinstance(body, cst.IndentedBlock):
        for stmt in body.body:
            visit(stmt, (id(body),), frozenset())
    else:
        visit(body, (id(body),), frozenset())
    return out


# The parts of a compound statement that hold bodies of their own.
_PARTS = (
    cst.BaseCompoundStatement,
    cst.Else,
    cst.ExceptHandler,
    cst.ExceptStarHandler,
    cst.Finally,
    cst.MatchCase,
)


def _literal(node: cst.BaseExpression) -> str | None:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _pure_name(node: cst.CSTNode) -> bool:
    """An expression that spells a name from names and literals only (``f"mean_
    {name}"``, ``"w" + str(i)``, ``prefix``): the same one gives the same string
    while none of its names is bound again."""
    if isinstance(node, (cst.Name, cst.SimpleString, cst.Integer, cst.FormattedStringText)):
        return True
    if isinstance(node, cst.Attribute):
        return dotted(node) is not None
    if isinstance(node, cst.ConcatenatedString):
        return _pure_name(node.left) and _pure_name(node.right)
    if isinstance(node, cst.FormattedString):
        return all(_pure_name(p) for p in node.parts)
    if isinstance(node, cst.FormattedStringExpression):
        return _pure_name(node.expression) and all(_pure_name(p) for p in node.format_spec or ())
    if isinstance(node, cst.BinaryOperation):
        return _pure_name(node.left) and _pure_name(node.right)
    if isinstance(node, cst.Tuple):  # "%s_%d" % (a, b)
        return all(_pure_name(e.value) for e in node.elements)
    if isinstance(node, cst.Call):
        func = node.func
        pure = (isinstance(func, cst.Name) and func.value in _NAME_CALLS) or (
            isinstance(func, cst.Attribute)
            and func.attr.value == "format"
            and _literal(func.value) is not None
        )
        return pure and all(a.keyword is None and _pure_name(a.value) for a in node.args)
    return False


def _names_in(node: cst.CSTNode) -> set[str]:
    """What ``node`` reads: its names, and its dotted attributes (``self.prefix``)."""
    out = {dotted(a) or "" for a in nodes(node, cst.Attribute)}
    attrs = {id(a.attr) for a in nodes(node, cst.Attribute)}
    return out | {n.value for n in nodes(node, cst.Name) if id(n) not in attrs}


class _Construction:
    """The statements a module class runs while it is built, and its buffers."""

    def __init__(self, cls: cst.ClassDef) -> None:
        self.methods = {m: _walk(m) for m in built_methods(cls)}
        self.steps = [s for walked in self.methods.values() for s in walked.steps]
        self.literal: set[str] = set()  # buffers registered by a literal name
        self.spelled: list[tuple[cst.BaseExpression, Step]] = []  # the others
        for step in self.steps:
            call = step.small.value if isinstance(step.small, cst.Expr) else None
            if call is None or not is_self_call(call, "register_buffer"):
                continue
            assert isinstance(call, cst.Call)
            name = call_arg(call, 0, "name")
            tensor = call_arg(call, 1, "tensor")
            if name is None or (isinstance(tensor, cst.Name) and tensor.value == "None"):
                continue  # (None is no tensor: nothing to go stale)
            text = _literal(name)
            if text is not None:
                self.literal.add(text)
            elif _pure_name(name):
                self.spelled.append((name, step))

    def is_ref(self, node: cst.BaseExpression, step: Step) -> bool:
        """``node``, run at ``step``, is the tensor of a registered buffer."""
        attr = self_attr(node)
        if attr is not None:
            return attr in self.literal
        if not (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Name)
            and node.func.value == "getattr"
            and len(node.args) in (2, 3)
            and isinstance(node.args[0].value, cst.Name)
            and node.args[0].value.value == "self"
        ):
            return False
        name = node.args[1].value
        text = _literal(name)
        if text is not None:
            return text in self.literal
        return any(self._same_name(name, step, spelled, at) for spelled, at in self.spelled)

    def _same_name(
        self, name: cst.BaseExpression, step: Step, spelled: cst.BaseExpression, at: Step
    ) -> bool:
        """``name`` at ``step`` spells what ``spelled`` did at ``at``: the same
        expression later in the same body of the same method, none of its names bound
        in between (nor in a loop around ``step`` that ``at`` is not in)."""
        if at.method is not step.method or at.order >= step.order or not name.deep_equals(spelled):
            return False
        if not at.blocks or at.blocks[-1] not in step.blocks:
            return False
        read = _names_in(name)
        inner = step.loops - at.loops
        return not any(
            bound in read and (at.order < order < step.order or loops & inner)
            for bound, order, loops in self.methods[at.method].bindings
        )

    def holds_refs(self, node: cst.BaseExpression, step: Step) -> bool:
        """A buffer, or a tuple / list of them: ``(getattr(self, m), getattr(self, v))``."""
        if isinstance(node, (cst.Tuple, cst.List)):
            return bool(node.elements) and all(
                isinstance(e, cst.Element) and self.holds_refs(e.value, step) for e in node.elements
            )
        return self.is_ref(node, step)


def call_arg(call: cst.Call, index: int, keyword: str) -> cst.BaseExpression | None:
    """The argument of ``call`` given as ``keyword=`` or, else, at position ``index``."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    positional = [a for a in call.args if a.keyword is None and not a.star]
    return positional[index].value if len(positional) > index else None


def _plain(value: cst.BaseExpression) -> bool:
    """A Python list / tuple / dict (``[]``, ``{}``, ``dict()``), not a container module."""
    if isinstance(value, (cst.List, cst.Tuple, cst.Dict, cst.ListComp, cst.DictComp)):
        return True
    return (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Name)
        and value.func.value in ("list", "dict", "tuple")
    )


def _literal_refs(c: _Construction, value: cst.BaseExpression, step: Step) -> bool:
    """``[ref, ...]``, ``(ref, ...)``, ``{key: ref, ...}`` (or of tuples of refs)."""
    if isinstance(value, (cst.List, cst.Tuple)):
        return c.holds_refs(value, step)
    if isinstance(value, cst.Dict):
        return bool(value.elements) and all(
            isinstance(e, cst.DictElement) and c.holds_refs(e.value, step) for e in value.elements
        )
    return False


def _filled(c: _Construction, step: Step) -> str | None:
    """The container ``step`` puts buffers into: ``self.c = [ref, ...]``, ``self.c[k] =
    (ref, ref)``, ``self.c.append(ref)``, ``self.c.extend([...])``, ``self.c.update({...})``,
    ``self.c += [...]``. (Whether ``self.c`` is a plain container is checked after.)"""
    small = step.small
    if isinstance(small, cst.Assign) and len(small.targets) == 1:
        target = small.targets[0].target
        attr = self_attr(target)
        if attr is not None:
            held = _literal_refs(c, small.value, step) or c.is_ref(small.value, step)
            return attr if held else None
        if isinstance(target, cst.Subscript) and c.holds_refs(small.value, step):
            return self_attr(target.value)
        return None
    if isinstance(small, cst.AugAssign) and isinstance(small.operator, cst.AddAssign):
        attr = self_attr(small.target)
        return attr if attr is not None and _literal_refs(c, small.value, step) else None
    call = small.value if isinstance(small, cst.Expr) else None
    if not (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Attribute)
        and call.func.attr.value in _FILLS
        and call.args
    ):
        return None
    attr = self_attr(call.func.value)
    method = call.func.attr.value
    last = call.args[-1]
    if method in ("append", "insert"):
        ok = last.keyword is None and not last.star and c.holds_refs(last.value, step)
    elif method == "extend":
        ok = len(call.args) == 1 and _literal_refs(c, last.value, step)
    elif all(a.keyword is not None for a in call.args):  # update(mean=ref)
        ok = all(c.holds_refs(a.value, step) for a in call.args)
    else:
        ok = len(call.args) == 1 and _literal_refs(c, last.value, step)
    return attr if ok else None


def _touches(method: cst.FunctionDef, attr: str) -> bool:
    """``method`` sets or fills ``self.<attr>`` (it builds the container again)."""
    for small in nodes(method.body, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
        targets = (
            [t.target for t in small.targets]
            if isinstance(small, cst.Assign)
            else [small.target]
            if isinstance(small, (cst.AugAssign, cst.AnnAssign))
            else []
        )
        for target in targets:
            root = target.value if isinstance(target, cst.Subscript) else target
            if self_attr(root) == attr:
                return True
    return any(
        isinstance(call.func, cst.Attribute)
        and call.func.attr.value in (*_FILLS, "setdefault")
        and self_attr(call.func.value) == attr
        for call in nodes(method.body, cst.Call)
    )


def buffer_containers(
    cls: cst.ClassDef, runtime: set[cst.FunctionDef]
) -> Iterator[BufferContainer]:
    """The statements of ``cls``'s construction that put its registered buffers into a
    plain container attribute (the first one per container), unless a method that runs
    later (``runtime``) builds or fills that container again."""
    c = _Construction(cls)
    if not (c.literal or c.spelled):
        return
    made: dict[str, bool] = {}  # container -> every construction value is plain
    for step in c.steps:
        small = step.small
        if isinstance(small, cst.Assign) and len(small.targets) == 1:
            attr = self_attr(small.targets[0].target)
            if attr is not None:
                plain = _plain(small.value) or c.is_ref(small.value, step)
                made[attr] = made.get(attr, True) and plain
    done: set[str] = set()
    for step in c.steps:
        attr = _filled(c, step)
        if attr is None or attr in done or not made.get(attr):
            continue
        if step.method in runtime or any(_touches(m, attr) for m in runtime):
            continue  # built again after the module is placed: holds the new tensors
        done.add(attr)
        use, moved = _use(cls, runtime, attr)
        if not moved:  # (moved where it is read: it follows the input)
            single = isinstance(step.small, cst.Assign) and c.is_ref(step.small.value, step)
            yield BufferContainer(step.small, attr, use, single)


def rooted_at(node: cst.CSTNode, attr: str) -> bool:
    """``node`` is ``self.<attr>`` through indexing and method calls:
    ``self.stats[name]``, ``self.stats.values()``, ``self.table[:, :n].detach()``."""
    while True:
        if self_attr(node) == attr:
            return True
        if isinstance(node, cst.Subscript):
            node = node.value
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            node = node.func.value
        else:
            return False


# Calls that read a container without computing with its tensors.
_NOT_COMPUTE = frozenset({"len", "isinstance", "getattr", "hasattr", "print", "id", "type"})
# Comparisons that do not compute with tensors.
_IDENTITY = (cst.Is, cst.IsNot, cst.In, cst.NotIn)


def _use(
    cls: cst.ClassDef, runtime: set[cst.FunctionDef], attr: str
) -> tuple[cst.CSTNode | None, bool]:
    """Where a method that runs after the module is built first computes with what
    ``self.<attr>`` holds: the read of the container whose locals feed a computation
    (``mean, var = self.stats[name]`` before ``x - mean``), or a computation with the
    container or an entry of it (``torch.stack(self.stats)``); and whether such a
    method moves what it reads (``self.stats[name].to(x.device)``, ``mean.cuda()``)."""
    use: cst.CSTNode | None = None
    for method in cls.body.body:
        if not isinstance(method, cst.FunctionDef) or method not in runtime:
            continue
        if method.name.value == "__init__":
            continue
        computed = {
            operand.value
            for node in nodes(method.body, _COMPUTE)
            for operand in _operands(node)
            if isinstance(operand, cst.Name)
        }
        held: set[str] = set()
        for node in nodes(method.body, (*_COMPUTE, cst.Assign, cst.For, cst.CompFor)):
            if isinstance(node, cst.Assign) and rooted_at(node.value, attr):
                bound = {n for t in node.targets for n in _bound(t.target)}
                held |= bound
                if bound & computed and use is None:
                    use = node.value
            elif isinstance(node, (cst.For, cst.CompFor)) and rooted_at(node.iter, attr):
                bound = set(_bound(node.target))
                held |= bound
                if bound & computed and use is None:
                    use = node.iter
            elif isinstance(node, _COMPUTE) and any(rooted_at(o, attr) for o in _operands(node)):
                use = node if use is None else use
        for call in nodes(method.body, cst.Call):
            func = call.func
            if (
                isinstance(func, cst.Attribute)
                and func.attr.value in ("to", "cuda", "type_as")
                and not (func.attr.value == "to" and dtype_only(call))
                and (
                    rooted_at(func.value, attr)
                    or (isinstance(func.value, cst.Name) and func.value.value in held)
                )
            ):
                return use, True
    return use, False


_COMPUTE = (cst.BinaryOperation, cst.Comparison, cst.Call)


def _operands(node: cst.CSTNode) -> list[cst.BaseExpression]:
    """What a computation computes with: the sides of arithmetic and of comparisons
    (not ``is`` / ``in``), the arguments of calls (not ``len(...)``, ``print(...)``)."""
    if isinstance(node, cst.BinaryOperation):
        return [node.left, node.right]
    if isinstance(node, cst.Comparison):
        if any(isinstance(c.operator, _IDENTITY) for c in node.comparisons):
            return []
        return [node.left, *(c.comparator for c in node.comparisons)]
    if isinstance(node, cst.Call) and not (
        isinstance(node.func, cst.Name) and node.func.value in _NOT_COMPUTE
    ):
        return [a.value for a in node.args]
    return []
