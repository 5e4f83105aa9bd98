"""The reading of an nn.Module's ``__init__`` and of what makes a tensor or a module
there, which TL301 (``tensor_attributes.py``) and TL302 (``containers.py``) share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import libcst as cst

from torchlint.analysis import ClassFacts, project
from torchlint.analysis.audio_api import AUDIO_MATRICES
from torchlint.analysis.facts import FileFacts, FunctionFacts
from torchlint.analysis.names import dotted, getattr_name, literal_str, written_default
from torchlint.analysis.torch_api import (
    LIKE_FACTORIES,
    PARAMETRIZED_MODULES,
    TENSOR_ATTRIBUTE_FACTORIES,
    TENSOR_METHODS,
    dtype_only,
    makes_module,
    own_weights,
)
from torchlint.analysis.values import Kind, Value
from torchlint.analysis.weights import loss_with_weights
from torchlint.checks._buffers import built_methods
from torchlint.checks._globals import ModuleBindings, bound_in, module_level_dict, module_values
from torchlint.lint.traverse import nodes
from torchlint.rules.rule import LintContext, Rule

# How many helpers deep a tensor made for ``self.x = helper(...)`` is looked for.
_HELPER_DEPTH = 2


def own_returns(fn: cst.FunctionDef) -> list[cst.Return]:
    """The ``return`` statements of ``fn`` itself (not of functions inside it)."""
    found: list[cst.Return] = []
    stack: list[cst.CSTNode] = [fn.body]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Return):
            found.append(node)
        elif not isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            stack.extend(node.children)
    return found


def init_statements(cls: cst.ClassDef) -> Iterator[cst.BaseSmallStatement]:
    """The small statements of ``__init__``, loops and branches included."""
    for _, small in construction(cls):
        yield small


def construction(cls: cst.ClassDef) -> Iterator[tuple[cst.FunctionDef, cst.BaseSmallStatement]]:
    """The small statements that run while the module is built, with their method:
    ``__init__``'s, then those of the methods it calls on self (``self.
    reset_parameters()``, ``self._set_cos_sin_cache(...)``), and theirs."""
    for method in built_methods(cls):
        for line in nodes(method.body, cst.SimpleStatementLine):
            for small in line.body:
                yield method, small


def self_assignments(
    statements: Iterable[cst.BaseSmallStatement],
) -> Iterator[tuple[cst.Assign, str, cst.BaseExpression]]:
    """``self.<attr> = <value>`` among the statements: (statement, attr, value)."""
    for small in statements:
        if isinstance(small, cst.Assign) and len(small.targets) == 1:
            attr = self_attr(small.targets[0].target)
            if attr is not None:
                yield small, attr, small.value


def kept_aside(
    cls: ClassFacts, env: dict[str, Value], idents: set[int]
) -> tuple[str, cst.BaseSmallStatement, Value] | None:
    """The attribute of ``cls``'s instance that holds one of ``idents`` out of the
    module's registry, the statement of ``__init__`` that keeps it there, and what
    it holds: a plain list or tuple (``self.x = [m]``), or ``object.__setattr__``."""
    for key, value in env.items():
        if not key.startswith("self.") or key.count(".") != 1:
            continue
        attr = key[len("self.") :]
        if value.kind in (Kind.LIST, Kind.TUPLE):
            item = next((i for i in value.items if i.ident in idents), None)
            assign = next(
                (s for s, name, _ in self_assignments(init_statements(cls.node)) if name == attr),
                None,
            )
            if item is not None and assign is not None:
                return attr, assign, item
        elif value.kind == Kind.MODULE and value.ident in idents and attr in cls.aside:
            for small in init_statements(cls.node):
                call = small.value if isinstance(small, cst.Expr) else None
                if (
                    isinstance(call, cst.Call)
                    and dotted(call.func) == "object.__setattr__"
                    and len(call.args) >= 2
                    and literal_str(call.args[1].value) == attr
                ):
                    return attr, small, value
    return None


def _gives_dims(call: cst.Call) -> bool:
    """``t.view(1, -1, 2)``, ``t.reshape(n, 2)``, ``t.unsqueeze(0)``, ``t.flatten()``: a
    tensor with dimensions, whatever ``t`` is (a 0-dim CPU tensor is the only one that
    mixes with tensors on a device)."""
    method = call.func.attr.value if isinstance(call.func, cst.Attribute) else ""
    if method in ("unsqueeze", "flatten"):
        return True
    return (
        method in ("view", "reshape")
        and bool(call.args)
        and all(
            a.keyword is None and not a.star and not isinstance(a.value, (cst.Tuple, cst.List))
            for a in call.args
        )
    )


def comprehended(node: cst.ListComp | cst.GeneratorExp) -> bool:
    """``[t[i].view(1, -1) for i in range(n)]``: the element does not start from a name
    the comprehension binds (that name's value is not what an assignment above says)."""
    bound = {n.value for f in nodes(node.for_in, cst.CompFor) for n in nodes(f.target, cst.Name)}
    root: cst.BaseExpression = node.elt
    while True:
        if isinstance(root, cst.Call) and isinstance(root.func, cst.Attribute):
            root = root.func.value
        elif isinstance(root, (cst.Subscript, cst.Attribute)):
            root = root.value
        else:
            break
    return not (isinstance(root, cst.Name) and root.value in bound)


def self_attr(node: cst.BaseExpression) -> str | None:
    name = dotted(node)
    if name is not None and name.startswith("self.") and name.count(".") == 1:
        return name[5:]
    return None


class ModuleStateRule(Rule):
    whole_class = True  # reads the class's other methods and attributes
    triggers = ("self.",)

    def __init__(self, ctx: LintContext) -> None:
        super().__init__(ctx)
        # The facts of the file a function of another file of the project comes from,
        # by its node (``_helper``): its code spells names as that file imports them.
        self._foreign: dict[cst.FunctionDef, FileFacts] = {}
        # Each file's module-level bindings (``_globals.py``), by id of its facts, with
        # the facts kept alive so that the id stays theirs.
        self._tables: dict[int, tuple[FileFacts, ModuleBindings]] = {}
        self._bound: dict[cst.FunctionDef, frozenset[str]] = {}
        # (file, name, dims, depth) -> whether the module-level name is a CPU tensor;
        # False while it is read (``A = B * 2; B = A``).
        self._globals: dict[tuple[int, str, bool, int], bool] = {}

    def _module_class(self, node: cst.ClassDef) -> ClassFacts | None:
        facts = self.ctx.analysis.classes.get(node)
        return facts if facts is not None and facts.is_module else None

    def _is_tensor_expr(
        self,
        node: cst.BaseExpression,
        scope: FunctionFacts | None = None,
        cls: ClassFacts | None = None,
        depth: int = 0,
        dims: bool = False,
        home: FileFacts | None = None,
    ) -> bool:
        """A tensor made on the CPU: a factory, possibly through tensor methods, or a
        local name assigned one, or the call of a helper of the file (a function or a
        method of ``cls``) that returns one, or a module-level name of the file or of
        another file of the project every binding of which is one. ``dims``: what is
        made of it surely has dimensions (``.view(n, -1)``), so a ``torch.tensor(data)``
        counts too. ``home``: the file whose module-level code ``node`` is in (with no
        ``scope``)."""
        # (names as the file that holds the code spell them: a helper of another
        # file imports torch its own way)
        if home is None:
            home = (self._foreign.get(scope.node) if scope is not None else None) or (
                self.ctx.analysis
            )

        def tensor(sub: cst.BaseExpression, dims: bool = dims) -> bool:
            return self._is_tensor_expr(sub, scope, cls, depth, dims, home)

        if isinstance(node, (cst.Name, cst.Attribute)):
            found = self._module_values(node, scope, home, depth)
            if found is not None:
                key = (id(found[0]), dotted(node) or "", dims, depth)
                if key not in self._globals:
                    self._globals[key] = False
                    self._globals[key] = all(
                        self._is_tensor_expr(
                            v, None, None, depth + (found[0] is not home), dims, found[0]
                        )
                        for v in found[1]
                    )
                return self._globals[key]
        if dims and isinstance(node, cst.Attribute) and own_weights(dotted(node) or ""):
            # rms.reshape(1, 1, 1, 1) of torch.mean(self.conv.weight.data ** 2): made
            # from the weights as they are while the module is built, on the CPU (the
            # weights move later; what was computed from them stays)
            return True
        if isinstance(node, cst.Name) and scope is not None:
            # (each step reads a statement above the last: the walk ends)
            value = scope.value_at(node)
            if value is None:  # (assigned on a branch too: a CPU tensor on every path)
                values = scope.values_at(node)
                return bool(values) and all(tensor(v) for v in values)
            return tensor(value)
        if isinstance(node, cst.Call):
            q = home.qualify(node.func) or _factory_by_name(node.func, home, scope) or ""
            if q.startswith("torch.nn."):
                return False  # nn.Parameter(...) and friends are registered
            if any(
                a.keyword is not None
                and a.keyword.value == "device"
                and not _own_device(a.value)
                and not _unset_device(a.value, scope)
                and not _example_device(a.value, scope)
                for a in node.args
            ):
                return False  # made on a chosen device: placed on purpose
            first = node.args[0].value if node.args else None
            if isinstance(first, cst.Name) and scope is not None:
                # (priors = [] filled by appends, then torch.tensor(priors): a list)
                first = scope.value_at(first) or first
            elif isinstance(first, cst.Name):  # (BOXES = [[...]]; torch.tensor(BOXES))
                written = self._table(home).read(first.value) or []
                if len(written) == 1 and isinstance(written[0], cst.BaseExpression):
                    first = written[0]
            if (
                q.endswith((".tensor", ".as_tensor"))
                and not dims
                and not isinstance(first, (cst.List, cst.Tuple, cst.ListComp))
                # (sorted(qs), list(xs), tuple(xs): a sequence, so at least one dimension)
                and not (
                    isinstance(first, cst.Call)
                    and isinstance(first.func, cst.Name)
                    and first.func.value in ("sorted", "list", "tuple")
                )
                # (as_tensor is how arrays are taken in: torch.as_tensor(mask))
                and not (q.endswith(".as_tensor") and not _number(first))
            ):
                return False  # a 0-dim scalar mixes with tensors on any device
            if q.startswith("torch.") and any(
                tensor(e.value)
                for a in node.args
                for e in (a.value.elements if isinstance(a.value, (cst.List, cst.Tuple)) else [a])
            ):
                return True  # torch.tril(torch.ones(n, n)), torch.cat([...])
            if q.startswith("torch.") and any(
                isinstance(a.value, (cst.ListComp, cst.GeneratorExp))
                and comprehended(a.value)
                and tensor(a.value.elt)
                for a in node.args
            ):
                return True  # torch.stack([t ** i for i in range(n)])
            if q.startswith("torch.") and q.rsplit(".", 1)[-1] in TENSOR_ATTRIBUTE_FACTORIES:
                return True
            if (
                q.startswith("torch.")
                and q.rsplit(".", 1)[-1] in LIKE_FACTORIES
                and own_weights(dotted(first) or "" if first is not None else "", layer=True)
            ):
                # torch.ones_like(self.weight): a new tensor in the weight's shape (a
                # layer's weight and bias have dimensions), where the weight is while
                # the module is built; the weight moves later, the mask stays
                return True
            if q in AUDIO_MATRICES:
                return True  # (a mel filterbank or DCT matrix, made on the CPU)
            helper = (
                self._helper(node, cls, home)
                if (not q or not q.startswith("torch")) and depth < _HELPER_DEPTH
                else None
            )
            if helper is not None:
                return self._returns_tensor(helper, cls, depth + 1, dims)
            return (
                isinstance(node.func, cst.Attribute)
                and (
                    node.func.attr.value in TENSOR_METHODS
                    or (node.func.attr.value == "to" and dtype_only(node))  # .to(dtype)
                )
                and tensor(node.func.value, dims or _gives_dims(node))
            )
        if isinstance(node, cst.BinaryOperation):
            return tensor(node.left) or tensor(node.right)
        if isinstance(node, cst.UnaryOperation):
            return tensor(node.expression)  # -(ax ** 2)
        if isinstance(node, cst.Subscript) and (
            dims
            or not all(
                isinstance(e.slice, cst.Index) and isinstance(e.slice.value, cst.Integer)
                for e in node.slice
            )
        ):
            # torch.linspace(0, 1, n)[..., None] is the same CPU tensor, reshaped; only
            # integer indices (t[0]) may leave a 0-dim scalar, which mixes with any device.
            return tensor(node.value)
        return False

    def _table(self, home: FileFacts) -> ModuleBindings:
        known = self._tables.get(id(home))
        if known is None:
            known = self._tables[id(home)] = (home, ModuleBindings(home.module))
        return known[1]

    def _module_values(
        self,
        node: cst.Name | cst.Attribute,
        scope: FunctionFacts | None,
        home: FileFacts,
        depth: int,
    ) -> tuple[FileFacts, list[cst.BaseExpression]] | None:
        """What ``node`` (``PRIORS``, ``config.priors``) holds when it names a
        module-level binding of ``home`` (or, imported, of another file of the
        project), read from code that does not bind it itself: the file the values
        are written in, and the values."""
        name = dotted(node)
        if name is None or name.startswith("self."):
            return None
        head = name.partition(".")[0]
        if scope is not None:
            if scope.node not in self._table(home).top:
                return None  # (a nested function: a name may be its outer's local)
            if scope.node not in self._bound:
                self._bound[scope.node] = bound_in(scope.node)
            if scope.binds(head) or head in self._bound[scope.node]:
                return None
        hop = self.ctx.analysis.read_too if depth < _HELPER_DEPTH else None
        return module_values(home, name, self._table, hop)

    def _helper(
        self, call: cst.Call, cls: ClassFacts | None, home: FileFacts | None = None
    ) -> FunctionFacts | None:
        """The function of the file (``home``, by default the linted one) ``call``
        runs: a top-level function by its name, or ``self.method(...)``
        (``Cls.method(...)``: a static method) of ``cls``."""
        name = dotted(call.func)
        if name is None:
            return None
        analysis = home or self.ctx.analysis
        owner, _, method = name.rpartition(".")
        if cls is not None and owner in ("self", cls.name):
            return next(
                (
                    f
                    for f in analysis.functions.values()
                    if f.cls is cls and f.node.name.value == method
                ),
                None,
            )
        if analysis.module is None:
            return None
        top = {id(s) for s in analysis.module.body}
        own = next(
            (
                f
                for f in analysis.functions.values()
                if f.cls is None and f.node.name.value == name and id(f.node) in top
            ),
            None,
        )
        if own is not None and analysis is not self.ctx.analysis:
            self._foreign[own.node] = analysis  # (a helper of another file calls its own)
        if own is not None or name[:1].isupper():
            return own
        # (a function of another file of the project: ``box_utils.make_priors(...)``)
        found = project.resolve(analysis, name)
        fn = found[0].top_functions.get(found[1]) if found is not None else None
        if fn is None or found is None:
            return None
        self.ctx.analysis.read_too(found[0])
        self._foreign[fn] = found[0].analysis
        return next((f for f in found[0].analysis.functions.values() if f.node is fn), None)

    def _returns_tensor(
        self, fn: FunctionFacts, cls: ClassFacts | None, depth: int, dims: bool = False
    ) -> bool:
        """Every ``return`` of ``fn`` (at least one) returns a CPU tensor. ``dims``: the
        caller knows what it returns has dimensions (``_is_tensor_expr``)."""
        returns = own_returns(fn.node)
        return bool(returns) and all(
            r.value is not None and self._is_tensor_expr(r.value, fn, cls, depth, dims)
            for r in returns
        )

    def _is_module_expr(self, node: cst.BaseExpression, depth: int = 0) -> bool:
        """A module with weights: ``nn.Linear(...)``, a module class of the file, an
        ``nn.Sequential`` / ``nn.ModuleList`` / ``nn.ModuleDict`` holding one, or the
        call of a function of the file whose every return is one."""
        node = _through_self_returns(node)  # nn.Linear(d, n).eval(): the layer
        if not isinstance(node, cst.Call):
            return False
        q = self.ctx.analysis.qualify(node.func) or ""
        last = q.rsplit(".", 1)[-1]
        if q.startswith("torch.nn.") and last in ("ModuleList", "ModuleDict", "Sequential"):
            return any(self._is_module_expr(m, depth) for m in _members(node))
        if (
            q.startswith("torch.nn.")
            and last[:1].isupper()
            and last not in ("Parameter", "ParameterList", "ParameterDict")
        ):
            # Activations, pooling and losses have no weights: nothing is lost (a
            # loss given class weights keeps them as a buffer).
            return last.startswith(PARAMETRIZED_MODULES) or loss_with_weights(node, q)
        if q and makes_module(q):
            return True  # timm.create_model(...), BinaryAccuracy(), features.STFT(...)
        helper = self._helper(node, None) if not q and depth < _HELPER_DEPTH else None
        if helper is not None:
            returns = own_returns(helper.node)
            return bool(returns) and all(
                r.value is not None
                and self._is_module_expr(_passed(helper, node, r.value), depth + 1)
                for r in returns
            )
        if isinstance(node.func, cst.Subscript) and isinstance(node.func.value, cst.Name):
            # BLOCKS[name](...) of a table of the file's module classes
            table = module_level_dict(self.ctx.analysis.module, node.func.value.value)
            return table is not None and all(
                isinstance(e, cst.DictElement) and self._is_module_class(e.value)
                for e in table.elements
            )
        return self._is_module_class(node.func)

    def _is_module_class(self, node: cst.BaseExpression) -> bool:
        """A module class of the file, or of another file of the project it imports
        (``from metrics import RunningAccuracy``)."""
        name = dotted(node)
        if name is None:
            return False
        if any(c.name == name and c.is_module for c in self.ctx.analysis.classes.values()):
            return True
        found = project.resolve(self.ctx.analysis, name) if name[:1].isupper() else None
        cls = found[0].class_named(found[1]) if found is not None else None
        return cls is not None and cls.is_module

    def _nn(self) -> str | None:
        direct = self.ctx.analysis.imports.local_names_for("torch.nn")
        if direct:
            return direct[0]
        torch = self.ctx.analysis.imports.local_names_for("torch")
        return f"{torch[0]}.nn" if torch else None


def _unset_device(node: cst.BaseExpression, scope: FunctionFacts | None) -> bool:
    """``device`` of ``def __init__(self, dim, device=None)``: a device only when the
    caller passes one; by default the tensor is made on the CPU."""
    if not isinstance(node, cst.Name) or scope is None:
        return False
    p = scope.node.params
    return any(
        param.name.value == node.value
        and isinstance(param.default, cst.Name)
        and param.default.value == "None"
        for param in (*p.posonly_params, *p.params, *p.kwonly_params)
    )


def _example_device(node: cst.BaseExpression, scope: FunctionFacts | None) -> bool:
    """``x_example.device`` of a tensor the building method is given (``def
    init_states(self, x_example)``): where an example input is while the module is
    built (the CPU, usually), not a device chosen for the tensor."""
    return (
        isinstance(node, cst.Attribute)
        and node.attr.value == "device"
        and isinstance(node.value, cst.Name)
        and scope is not None
        and node.value.value in scope.params
        and node.value.value != "self"
    )


def _own_device(node: cst.BaseExpression) -> bool:
    """``self.inv_freq.device`` in ``__init__``: where the module's own state is while
    it is built (the CPU, unless it is built elsewhere), not a device chosen for the
    tensor; it does not follow a later ``.to()`` either."""
    return (
        isinstance(node, cst.Attribute)
        and node.attr.value == "device"
        and isinstance(node.value, cst.Attribute)
        and isinstance(node.value.value, cst.Name)
        and node.value.value.value == "self"
    )


def _members(call: cst.Call) -> list[cst.BaseExpression]:
    """What a container module is built from: ``nn.Sequential(a, b)``,
    ``nn.ModuleList([a, b])``, ``nn.Sequential(*[a, b])``, ``[f(i) for i in ...]``,
    ``nn.ModuleDict({"a": a})``."""
    out: list[cst.BaseExpression] = []
    for arg in call.args:
        value = arg.value
        if isinstance(value, (cst.List, cst.Tuple)):
            out += [e.value for e in value.elements]
        elif isinstance(value, (cst.ListComp, cst.GeneratorExp)):
            out.append(value.elt)
        elif isinstance(value, cst.Dict):
            out += [e.value for e in value.elements if isinstance(e, cst.DictElement)]
        elif isinstance(value, cst.DictComp):
            out.append(value.value)
        else:
            out.append(value)
    return out


def _number(node: cst.BaseExpression | None) -> bool:
    """A number written out (``0.5``, ``-1``): what ``torch.as_tensor`` makes a
    0-dim scalar of."""
    if isinstance(node, cst.UnaryOperation):
        node = node.expression
    return isinstance(node, (cst.Integer, cst.Float))


# Module methods that return the module itself (``model.eval()``, ``m.to(device)``).
_RETURNS_SELF = frozenset(
    "eval train to cuda cpu float half double bfloat16 requires_grad_ apply".split()
)


def _through_self_returns(node: cst.BaseExpression) -> cst.BaseExpression:
    """``model.eval().requires_grad_(False)`` -> ``model``: what such calls return."""
    while (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value in _RETURNS_SELF
    ):
        node = node.func.value
    return node


def _passed(fn: FunctionFacts, call: cst.Call, returned: cst.BaseExpression) -> cst.BaseExpression:
    """What ``fn`` returns at ``call`` when it returns one of its parameters as it was
    given (``init_(nn.Linear(8, 1))`` of ``def init_(module, gain): ...; return
    module``): that argument; a local it binds once (``model = Net(w); ...; return
    model.eval()``): that value; else ``returned`` itself."""
    returned = _through_self_returns(returned)  # return model.eval(): model
    if isinstance(returned, cst.Name) and (made := fn.single_value(returned.value)) is not None:
        return made  # model = Net(width); ...; return model
    if not isinstance(returned, cst.Name) or not fn.binds(returned.value):
        return returned
    name = returned.value
    positional = [p.name.value for p in (*fn.node.params.posonly_params, *fn.node.params.params)]
    if name in fn.assignments or name not in positional:
        return returned  # (rebound in the body, or not a positional parameter)
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
    given = [a for a in call.args if a.keyword is None and not a.star]
    at = positional.index(name)
    return given[at].value if at < len(given) else returned


def _factory_by_name(
    func: cst.BaseExpression, home: FileFacts, scope: FunctionFacts | None
) -> str | None:
    """``getattr(torch, window)`` of a string literal, or of a parameter whose default
    is one (``window="hann_window"``), naming a tensor factory: ``torch.<name>``."""
    given = getattr_name(func, "torch", home.qualify) if isinstance(func, cst.Call) else None
    if given is None:
        return None
    name = literal_str(given) or written_default(scope.node if scope else None, given)
    return f"torch.{name}" if name in TENSOR_ATTRIBUTE_FACTORIES else None
