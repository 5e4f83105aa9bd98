"""The module-state evidence of a unit: what a module class's ``__init__`` (and the
methods and helpers it calls while the module is built) stores on ``self`` (CPU
tensors, and modules in plain containers: TL301's and TL302's tags), and what any
code attaches to a module (TL202's). ``Unit`` (``units.py``) inherits it; its walk
calls ``init`` and ``plain_class``, its assignments ``attaching`` and ``registers``."""

from __future__ import annotations

import ast
from abc import abstractmethod
from collections.abc import Callable

from torchlint.analysis.audio_api import AUDIO_MATRICES
from torchlint.analysis.torch_api import (
    EMPTY_CONTAINER_CALLS,
    PARAMETER_CLASSES,
    TENSOR_ATTRIBUTE_FACTORIES,
    TENSOR_METHODS,
    own_weights,
)
from torchlint.screen.file import File
from torchlint.screen.tags import ATTACHES, CONTAINERS, INIT_MODULE_CONTAINER, INIT_TENSOR_ATTR
from torchlint.screen.trees import dotted, nodes_under


class ModuleState:
    """What ``__init__`` stores, for a unit's walk (see ``Unit`` for the fields)."""

    tags: set[str]
    file: File
    classes: set[str]
    functions: set[str]
    qualify: Callable[[str], str | None]
    defined: list[ast.FunctionDef | ast.AsyncFunctionDef]
    init_nodes: set[int]
    init_calls: set[int]
    init_self_calls: set[str]
    init_helpers: set[str]
    plain_inits: set[int]
    tensor_locals: set[str]
    module_reads: set[str]
    none_params: set[str]
    empty_containers: bool
    appended_module: bool
    module_locals: set[str]  # in the __init__ screened last
    registers_buffer: bool
    fills_container: bool
    self_attaches: bool
    late_self_attach: bool
    attached: set[str]

    @abstractmethod
    def may_make_module(self, node: ast.AST) -> bool:
        """A call that makes a module, or of a function of the file."""

    def attach_self(self, parent: str, node: ast.AST) -> None:
        """A module attached to ``self`` outside ``__init__``: when the class's
        instance is placed and then the method runs (the flow analysis follows it
        from an entry), the new module is attached after placement."""
        if (parent == "self" or parent.startswith("self.")) and id(node) not in self.init_nodes:
            self.late_self_attach = True

    def registers(self, value: ast.expr) -> bool:
        """``nn.Parameter(t)`` / ``nn.Buffer(t)``: assigned to ``m.x``, registered on
        ``m`` (the flow analysis reads only such a call there)."""
        if not isinstance(value, ast.Call):
            return False
        name = dotted(value.func)
        return name is not None and self.qualify(name) in PARAMETER_CLASSES

    def attach_member(self, target: ast.expr, value: ast.expr, node: ast.AST, module: bool) -> None:
        """``self.convs[i].weight = nn.Parameter(t)`` (or a module): attached to a
        member of ``self.convs``, a part of what holds it."""
        base = member_base(target) if type(target) is ast.Attribute else None
        if base is not None and (module or self.registers(value)):
            self.attached.add(base)
            self.attach_self(base, node)

    def attaching(self, target: ast.expr) -> None:
        """``a.b = ...`` (in a tuple, too) may attach a module to ``a``: ATTACHES, or,
        off ``self``, ``self_attaches`` (the instance of a method, or a parameter)."""
        todo = [target]
        while todo:
            sub = todo.pop()
            if isinstance(sub, (ast.Tuple, ast.List)):
                todo += sub.elts
            elif isinstance(sub, ast.Starred):
                todo.append(sub.value)
            elif type(sub) is ast.Attribute or (
                type(sub) is ast.Subscript and type(sub.value) is ast.Attribute
            ):
                # (m.blocks[0].x = ...: attached to a member of m.blocks; m.blocks[i] =
                # ...: a member of a ModuleList replaced)
                if isinstance(sub, ast.Subscript):
                    path = dotted(sub.value)
                else:
                    path = dotted(sub) or member_base(sub)
                if path is None:
                    continue
                if path.startswith("self."):
                    self.self_attaches = True
                else:
                    self.tags.add(ATTACHES)

    def is_tensor_expr(self, node: ast.AST, dims: bool = False) -> bool:
        """``_is_tensor_expr`` of TL301 (``checks/module_state.py``, which TL302 shares), on the ast;
        ``dims``: under a method that gives dimensions (``.view``), where TL301 takes
        ``torch.tensor(data)`` too."""
        if isinstance(node, ast.Call):
            name = dotted(node.func)
            q = (self.qualify(name) if name is not None else None) or ""
            if q.startswith("torch.nn."):
                return False
            by_name = node.func
            if (
                isinstance(by_name, ast.Call)
                and dotted(by_name.func) == "getattr"
                and by_name.args
                and self.qualify(dotted(by_name.args[0]) or "") == "torch"
            ):
                return True  # getattr(torch, window)(n): a factory chosen by name, maybe
            if any(
                k.arg == "device"
                and not _own_device(k.value)
                and not (isinstance(k.value, ast.Name) and k.value.id in self.none_params)
                and not _example_device(k.value)
                for k in node.keywords
            ):
                return False  # (device=self.inv_freq.device: where the module is built)
            first = node.args[0] if node.args else None
            if q.endswith((".tensor", ".as_tensor")) and not dims and _number(first):
                # (a number written out is a 0-dim scalar; TL301 takes data of any other
                # spelling where a later method shows it has dimensions, indexing it or
                # weighting a loss with it, which the screen does not read)
                return False
            values = [*node.args, *(k.value for k in node.keywords)]
            if q.startswith("torch.") and any(self.is_tensor_expr(a) for a in values):
                return True
            if q.startswith("torch.") and q.rsplit(".", 1)[-1] in TENSOR_ATTRIBUTE_FACTORIES:
                return True
            if q in AUDIO_MATRICES:
                return True
            return (
                isinstance(node.func, ast.Attribute)
                and node.func.attr in (*TENSOR_METHODS, "to")  # (to: TL301's .to(dtype))
                and self.is_tensor_expr(node.func.value, dims or node.func.attr in _DIMS_METHODS)
            )
        if isinstance(node, ast.Starred):
            return self.is_tensor_expr(node.value)  # torch.cat([*xs]) -> no; kept simple
        if isinstance(node, (ast.List, ast.Tuple)):  # torch.cat([a.sin(), a.cos()])
            return any(self.is_tensor_expr(e) for e in node.elts)
        if isinstance(node, (ast.ListComp, ast.GeneratorExp)):  # torch.stack([t ** i for ...])
            return self.is_tensor_expr(node.elt)
        if isinstance(node, ast.Name):
            # t = torch.ones(n); self.t = t (or a module-level PRIORS = make_priors())
            return node.id in self.tensor_locals or self.module_read(node.id)
        if isinstance(node, ast.Attribute):  # config.priors of another file
            name = dotted(node)
            # (self.conv.weight: what is computed from the weights as the module is
            # built is a CPU tensor, where TL301 knows it has dimensions)
            return name is not None and (self.module_read(name) or own_weights(name))
        if isinstance(node, ast.BinOp):
            return self.is_tensor_expr(node.left) or self.is_tensor_expr(node.right)
        if isinstance(node, ast.UnaryOp):
            return self.is_tensor_expr(node.operand)  # -(ax ** 2)
        if isinstance(node, ast.Subscript):
            # Over-approximates TL301's rule (it skips all-integer indices, t[0]).
            return self.is_tensor_expr(node.value, dims)
        return False

    def module_read(self, name: str) -> bool:
        """TL301 may read the module-level ``name`` as a CPU tensor (kept in
        ``module_reads``: evidence.py keeps what may change it)."""
        if self.file.may_hold_tensor(name):
            self.module_reads.add(name)
            return True
        return False

    def tensor_locals_of(self, node: ast.AST, depth: int = 0) -> None:
        # TL301 follows a local name to its value, and a helper of the file to what it
        # returns: locals assigned a tensor, in any order (over-approximated), or
        # what such a helper returns (``fb = mel_filterbank(sr, n)``).
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            positional = [*args.posonlyargs, *args.args]
            for arg, default in (
                *zip(
                    positional[len(positional) - len(args.defaults) :], args.defaults, strict=True
                ),
                *zip(args.kwonlyargs, args.kw_defaults, strict=True),
            ):
                if isinstance(default, ast.Constant) and default.value is None:
                    self.none_params.add(arg.arg)
        assigns = [s for s in nodes_under(node) if isinstance(s, ast.Assign)]
        while True:
            found = {
                t.id
                for stmt in assigns
                if self.is_tensor_expr(stmt.value) or self.helper_tensor(stmt.value, depth)
                for t in stmt.targets
                if isinstance(t, ast.Name)
            }
            if found <= self.tensor_locals:
                break
            self.tensor_locals |= found

    def may_return_tensor(self, helper: str, depth: int) -> bool:
        """A return of the file's function (``f``, ``self.m``) may be a CPU tensor: a
        tensor expression (TL301's ``_returns_tensor``, over-approximated), or what a
        helper it calls returns. A static method through a class (``Cls.m``) may."""
        found = self._defs_named(helper)
        if found is None:
            return True
        if not found or depth >= 3:
            return bool(found)  # (a method of a base class in another file: not followed)
        for fn in found:
            self.tensor_locals_of(fn, depth + 1)
            for node in _own_returns(fn):
                value = node.value
                if value is None:
                    continue
                if self.is_tensor_expr(value):
                    return True
                call = dotted(value.func) if isinstance(value, ast.Call) else None
                if call is not None and (call in self.functions or call.startswith("self.")):
                    if self.may_return_tensor(call, depth + 1):
                        return True
        return False

    def helper_tensor(self, node: ast.AST, depth: int) -> bool:
        """``node`` is the call of a helper of the file that may return a CPU tensor,
        maybe reshaped or indexed on the way (``gauss(size).unsqueeze(1)``)."""
        while isinstance(node, (ast.Call, ast.Attribute, ast.Subscript)):
            if isinstance(node, ast.Call):
                name = dotted(node.func)
                if name is not None and (name in self.functions or name.startswith("self.")):
                    return depth < 3 and self.may_return_tensor(name, depth + 1)
                if not isinstance(node.func, ast.Attribute):
                    return False
                node = node.func.value
            else:
                node = node.value
        return False

    def returns_modules(self, helper: str) -> bool:
        """TL302's helper (``_container``): a return of the file's function (or of a
        method of the class, ``self._make_blocks(...)``) is a list with a module in
        it, or a name it appends one to."""
        return any(self._returns_modules(fn) for fn in self._defs_named(helper) or ())

    def _defs_named(self, helper: str) -> list[ast.FunctionDef | ast.AsyncFunctionDef] | None:
        """The class's methods ``self.m`` names, or the file's function ``f``; None
        where ``helper`` names neither kind (``Cls.m``, another file's function)."""
        if helper.startswith("self."):
            return [m for m in self.defined if m.name == helper[len("self.") :]]
        if helper in self.file.function_nodes:
            return [self.file.function_nodes[helper]]
        return None

    def _returns_modules(self, fn: ast.AST) -> bool:
        # (block = nn.Sequential(...); layers.append(block): names bound to a module)
        held = {
            t.id
            for n in nodes_under(fn)
            if isinstance(n, ast.Assign) and any(map(self.may_make_module, nodes_under(n.value)))
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        filled = {
            dotted(n.func.value)
            for n in nodes_under(fn)
            if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute)
            and n.func.attr == "append"
            and any(
                self.may_make_module(sub) or (isinstance(sub, ast.Name) and sub.id in held)
                for arg in n.args
                for sub in nodes_under(arg)
            )
        }
        for node in _own_returns(fn):
            value = node.value
            if isinstance(value, ast.Name) and value.id in filled:
                return True
            if isinstance(value, (ast.List, ast.Tuple, ast.ListComp)) and any(
                self.may_make_module(sub) for sub in nodes_under(value)
            ):
                return True
        return False

    def built(self) -> None:
        """TL301 reads the methods ``__init__`` calls on self (and those they call)
        as part of it: a tensor attribute they set is set while the module is built."""
        methods: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
        for method in self.defined:
            methods.setdefault(method.name, []).append(method)
        todo = [m for m in self.init_self_calls if m in methods and m != "__init__"]
        seen = set(todo)
        while todo:
            for method in methods[todo.pop()]:
                self.tensor_locals_of(method)
                for stmt in nodes_under(method):
                    if type(stmt) not in _STATE_KINDS:
                        continue
                    called = _self_call(stmt)
                    if called is not None and called in methods and called not in seen:
                        seen.add(called)
                        todo.append(called)
                    self.attribute_tags(stmt)

    def plain_class(self, node: ast.ClassDef) -> None:
        """``node`` is no module class (a scheduler, a config, a dataset): what its
        ``__init__`` stores is no module state (TL301, TL302 read module classes
        only, as ``analysis/facts.py`` tells them)."""
        self.plain_inits |= {
            id(stmt)
            for stmt in node.body
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == "__init__"
        }

    def init(self, node: ast.FunctionDef, module_class: bool = True) -> None:
        if module_class:
            self.tensor_locals_of(node)
            # conv = GraphConv(...); self.layers.append(conv): names bound to a module
            # (enc, dec = Encoder(), Decoder(): each name its own)
            self.module_locals = {
                t.id
                for stmt in nodes_under(node)
                if isinstance(stmt, ast.Assign)
                for target in stmt.targets
                for t, value in _bound(target, stmt.value)
                if isinstance(t, ast.Name) and self.may_make_module(value)
            } | _handed_names(node)
        for stmt in nodes_under(node):
            self.init_nodes.add(id(stmt))
            kind = type(stmt)
            if kind is ast.Call:
                self.init_calls.add(id(stmt))
            if not module_class or kind not in _STATE_KINDS:
                continue  # (no module state: only where __init__ is, for TL401)
            called = _self_call(stmt)
            if called is not None:
                self.init_self_calls.add(called)
            self.attribute_tags(stmt)

    def holds_module(self, node: ast.AST) -> bool:
        """``node`` may make a module or name one ``__init__`` bound (``conv``)."""
        return any(
            self.may_make_module(sub)
            or (isinstance(sub, ast.Name) and sub.id in self.module_locals)
            for sub in nodes_under(node)
        )

    def kept_aside(self, node: ast.expr) -> bool:
        """A member of ``self.teacher = [teacher]`` that may be a module a caller hands
        in, or one another file's builder makes (``[build_teacher(cfg)]``)."""
        if isinstance(node, ast.Call):
            name = dotted(node.func)
            return name is not None and self.file.in_project(name)
        return isinstance(node, ast.Name) and node.id in self.module_locals

    def attribute_tags(self, stmt: ast.AST) -> None:
        """TL301's and TL302's tags for a node of ``__init__`` (or of what it calls on
        self): ``self.x = value``, ``self.layers.append(module)``, ``self.heads[k] = module``."""
        if (
            isinstance(stmt, ast.Call)
            and isinstance(stmt.func, ast.Attribute)
            and stmt.func.attr in ("append", "extend", "insert")
            and isinstance(stmt.func.value, ast.Attribute)  # self.layers.append(...)
            and isinstance(stmt.func.value.value, ast.Name)
            and stmt.args
            and self.holds_module(stmt.args[-1])
        ):
            self.appended_module = True
        if (
            isinstance(stmt, ast.Assign)
            and any(
                isinstance(t, ast.Subscript)
                and isinstance(t.value, ast.Attribute)
                and isinstance(t.value.value, ast.Name)
                for t in stmt.targets
            )
            and self.holds_module(stmt.value)
        ):
            self.appended_module = True  # self.heads[i] = nn.Linear(...)
        if isinstance(stmt, ast.Call) and dotted(stmt.func) == "object.__setattr__":
            self.tags.add(INIT_MODULE_CONTAINER)  # (a module kept out of the registry, maybe)
        self.buffer_tags(stmt)
        if not isinstance(stmt, (ast.Assign, ast.AnnAssign)) or stmt.value is None:
            return
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        if not any(isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) for t in targets):
            return
        value = stmt.value
        if isinstance(value, CONTAINERS):
            if isinstance(value, (ast.List, ast.Dict)) and not (
                value.elts if isinstance(value, ast.List) else value.keys
            ):
                self.empty_containers = True  # filled by append() below, maybe
            elif self.holds_module(value) or (
                isinstance(value, (ast.List, ast.Tuple)) and all(map(self.kept_aside, value.elts))
            ):
                self.tags.add(INIT_MODULE_CONTAINER)
        elif _empty_call(value):
            self.empty_containers = True  # OrderedDict(), dict(), list(): as {} or []
        if _copied_list(value):
            # self.members = list(members): modules a caller hands in, maybe (the
            # flow follows the file's calls of the class)
            self.tags.add(INIT_MODULE_CONTAINER)
        helper = dotted(value.func) if isinstance(value, ast.Call) else None
        if helper is not None and self.returns_modules(helper):
            self.tags.add(INIT_MODULE_CONTAINER)  # self.blocks = build_blocks(cfg)
        if self.is_tensor_expr(value):
            self.tags.add(INIT_TENSOR_ATTR)
        elif helper is not None and (
            helper in self.functions
            or (
                helper.count(".") == 1
                # self.method(...), or a static method through a module class
                # of the file: Positions.table(...)
                and (helper.startswith("self.") or helper.split(".")[0] in self.classes)
            )
        ):
            self.init_helpers.add(helper)  # what it returns may be a tensor: finish()
        elif (
            helper is not None
            and not helper.rpartition(".")[2][:1].isupper()
            and self.file.in_project(helper)
        ):
            # (a function of another file of the project: TL301 reads what it returns)
            self.tags.add(INIT_TENSOR_ATTR)
        elif isinstance(value, (ast.List, ast.Tuple)) and value.elts:
            # a list of tensors (TL301's other shape)
            if any(self.is_tensor_expr(e) for e in value.elts):
                self.tags.add(INIT_TENSOR_ATTR)
        elif isinstance(value, ast.ListComp) and self.is_tensor_expr(value.elt):
            self.tags.add(INIT_TENSOR_ATTR)  # [t[i].view(1, -1) for i in range(n)]

    def buffer_tags(self, stmt: ast.AST) -> None:
        """What may put registered buffers into a plain container while the module is
        built (``checks/_buffers.py``): ``self.register_buffer(...)``, and ``self.c =
        [...]`` / ``{...}``, ``self.c[k] = ...``, ``self.c += ...``, ``self.c.append(...)``
        (``extend``, ``insert``, ``update``) of a value that reads ``self``
        (``self.mean``, ``getattr(self, name)``), or ``self.a = self.mean`` itself. Both
        seen: ``finish()`` tags the unit."""
        if isinstance(stmt, ast.Call) and isinstance(stmt.func, ast.Attribute):
            if stmt.func.attr == "register_buffer":
                self.registers_buffer = True
            elif (
                stmt.func.attr in ("append", "extend", "insert", "update")
                and isinstance(stmt.func.value, ast.Attribute)
                and _reads_self([*stmt.args, *(k.value for k in stmt.keywords)])
            ):
                self.fills_container = True
        if isinstance(stmt, (ast.Assign, ast.AugAssign)) and _reads_self([stmt.value]):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute):
                    self.fills_container = True
                elif isinstance(target, ast.Attribute) and (
                    isinstance(stmt.value, (ast.List, ast.Tuple, ast.Dict, ast.Attribute))
                    or (isinstance(stmt.value, ast.Call) and dotted(stmt.value.func) == "getattr")
                ):
                    self.fills_container = True  # (self.original = self.inv_freq, too)


def _handed_names(init: ast.FunctionDef) -> set[str]:
    """``__init__``'s parameters and the names of its loops over them (``for layer in
    layers``): what a caller hands in, maybe modules that a plain list keeps aside
    (the flow analysis follows the file's calls of the class)."""
    args = init.args
    params = {a.arg for a in (*args.posonlyargs, *args.args[1:], *args.kwonlyargs)}
    if args.vararg is not None:
        params.add(args.vararg.arg)
    return params | {
        loop.target.id
        for loop in nodes_under(init)
        if isinstance(loop, ast.For)
        and isinstance(loop.target, ast.Name)
        and isinstance(loop.iter, ast.Name)
        and loop.iter.id in params
    }


def _copied_list(value: ast.expr) -> bool:
    """``list(xs)``, ``tuple(xs)``, ``[*xs]``: a copy of a list handed in."""
    if isinstance(value, ast.Call):
        return (
            isinstance(value.func, ast.Name)
            and value.func.id in ("list", "tuple")
            and len(value.args) == 1
            and isinstance(value.args[0], ast.Name)
        )
    return (
        isinstance(value, ast.List)
        and len(value.elts) == 1
        and isinstance(value.elts[0], ast.Starred)
        and isinstance(value.elts[0].value, ast.Name)
    )


# The only nodes attribute_tags() reads (and _self_call() calls).
# The tensor methods after which TL301 takes any tensor for one with dimensions
# (``_gives_dims`` of ``checks/module_state.py``, over-approximated).
_DIMS_METHODS = frozenset({"view", "reshape", "unsqueeze", "flatten"})
_STATE_KINDS = frozenset({ast.Call, ast.Assign, ast.AnnAssign, ast.AugAssign})


def _reads_self(values: list[ast.expr]) -> bool:
    """Some of ``values`` reads the name ``self`` (a buffer is ``self.x`` or
    ``getattr(self, ...)``)."""
    return any(
        isinstance(sub, ast.Name) and sub.id == "self"
        for value in values
        for sub in nodes_under(value)
    )


def _self_call(node: ast.AST) -> str | None:
    """``m`` of ``self.m(...)``."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "self"
    ):
        return node.func.attr
    return None


def _own_returns(fn: ast.AST) -> list[ast.Return]:
    """The ``return`` statements of ``fn`` itself (not of functions inside it)."""
    found: list[ast.Return] = []
    stack = list(ast.iter_child_nodes(fn))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return):
            found.append(node)
        elif not isinstance(
            node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
        ):
            stack.extend(ast.iter_child_nodes(node))
    return found


def _example_device(node: ast.AST) -> bool:
    """``x_example.device`` (``_example_device`` of TL301, which asks that the name be
    a parameter of the building method: any name here, a superset)."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "device"
        and isinstance(node.value, ast.Name)
        and node.value.id != "self"
    )


def _own_device(node: ast.AST) -> bool:
    """``self.<attr>.device`` (``_own_device`` of TL301, ``checks/module_state.py``)."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "device"
        and isinstance(node.value, ast.Attribute)
        and isinstance(node.value.value, ast.Name)
        and node.value.value.id == "self"
    )


def member_base(target: ast.Attribute) -> str | None:
    """The container of ``parts[i].attr`` (``parts``, dotted), else None."""
    base = target.value
    if not isinstance(base, ast.Subscript):
        return None
    while isinstance(base, ast.Subscript):
        base = base.value
    return dotted(base)


def _number(node: ast.expr | None) -> bool:
    """``_number`` of TL301 (a number written out: ``torch.as_tensor(0.5)``)."""
    if isinstance(node, ast.UnaryOp):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


def _empty_call(value: ast.expr) -> bool:
    """``OrderedDict()``, ``dict()``, ``list()``: an empty container, by its name."""
    return (
        isinstance(value, ast.Call)
        and not value.args
        and not value.keywords
        and (dotted(value.func) or "").rpartition(".")[2] in EMPTY_CONTAINER_CALLS
    )


def _bound(target: ast.expr, value: ast.expr) -> list[tuple[ast.expr, ast.expr]]:
    """``a, b = x, y``: each target with its value; else the target with the value."""
    if (
        isinstance(target, (ast.Tuple, ast.List))
        and isinstance(value, (ast.Tuple, ast.List))
        and len(target.elts) == len(value.elts)
    ):
        return list(zip(target.elts, value.elts, strict=True))
    return [(target, value)]
