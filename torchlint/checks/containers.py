"""TL302: submodules kept in a plain list or dict inside a module (its shared
reading of ``__init__`` and of what makes a module is ``module_state.py``'s)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

import libcst as cst

from torchlint import screen
from torchlint.analysis import lists, project
from torchlint.analysis.facts import ClassFacts
from torchlint.analysis.names import dotted
from torchlint.analysis.observations import CallObs
from torchlint.analysis.project import origin_class
from torchlint.analysis.values import Kind, Place
from torchlint.checks.module_state import (
    ModuleStateRule,
    init_statements,
    kept_aside,
    own_returns,
    self_assignments,
    self_attr,
)
from torchlint.checks.placement import layer_error, moved_input
from torchlint.lint.traverse import is_self_call, nodes
from torchlint.rules.rule import FixSpec, Replace, Rule

# A statement of ``__init__`` that keeps modules in a plain container (``_plain``).
_Kept = tuple[
    cst.Assign,
    str,
    cst.BaseExpression,
    "str | None",
    dict[str, cst.CSTNode],
    dict[str, list[cst.BaseExpression]],
    set[str],
]

# Builtins that read a container without keeping its members (``len(self.layers)``).
_INERT_CALLS = frozenset(
    {
        "len",
        "print",
        "enumerate",
        "zip",
        "range",
        "isinstance",
        "str",
        "repr",
        "sorted",
        "reversed",
        "iter",
        "any",
        "all",
        "sum",
        "min",
        "max",
        "list",
        "tuple",
    }
)


def _copied_list(value: cst.BaseExpression) -> bool:
    """``list(xs)``, ``tuple(xs)``, ``[*xs]``: a copy of a list handed in."""
    if isinstance(value, cst.Call):
        return (
            dotted(value.func) in ("list", "tuple")
            and len(value.args) == 1
            and not value.args[0].star
            and isinstance(value.args[0].value, cst.Name)
        )
    return (
        isinstance(value, cst.List)
        and len(value.elements) == 1
        and isinstance(value.elements[0], cst.StarredElement)
        and isinstance(value.elements[0].value, cst.Name)
    )


class ModuleInPlainContainer(ModuleStateRule):
    code = "TL302"
    name = "module-in-plain-container"
    summary = "Submodules kept in a plain list or dict are not registered."
    fixable = True
    triggers = ("self.",)
    needs = frozenset({screen.INIT_MODULE_CONTAINER})
    docs = """
    ## What it does
    In an `nn.Module` subclass's `__init__`, flags `self.heads = [nn.Linear(...) for
    ...]`, `self.blocks = [Block(), Block()]`, `self.experts = {"a": nn.Linear(...)}`
    and `self.layers = []` filled with `self.layers.append(nn.Linear(...))` (or a dict
    filled by key, `self.heads[i] = nn.Linear(...)`). A container whose members are
    handed to a call as the module is built (`nn.Sequential(*self.layers)`,
    `self.add_module(f"head_{i}", self.heads[i])`) is registered there. A member
    counts when it has weights: an `nn.*` layer, a module class of the file or of
    another file of the project it imports (`from metrics import Accuracy`), an
    `nn.Sequential` / `nn.ModuleList` holding one, or the call of a function of the
    file that returns one (`{name: conv_branch(c) for name in regions}`, `return
    model.eval()` of a `model` it builds), also through a method that returns the
    module (`nn.Linear(d, n).eval()`, `.requires_grad_(False)`), also the one it is given (`[init_(nn.Linear(h, 1)) for _ in range(n)]` of an `init_` that
    initializes the layer and returns it). A member may also be an object of a plain
    class of the file or the project built with such a module (`[AuxHead("aux",
    nn.Conv2d(w, c, 1)) for w in widths]`, a dataclass that holds the head): the
    modules it holds are not registered either (no fix: keep them in an
    `nn.ModuleList` too, or make the class a module). A copy of a list handed to
    `__init__` (`self.critics = tuple(critics)`, `list(critics)`, `[*critics]`) counts
    where the flow analysis follows a call of the file that hands it modules
    (`CriticEnsemble([Critic(...) for _ in range(n)])`), unless `__init__` also hands
    that list to a call (`nn.ModuleList(critics)`, `nn.Sequential(*critics)`). A module
    kept aside in a plain list on purpose (`self._teacher = [teacher]`, out of
    `parameters()` and the checkpoint; `self.stages.append(stage)` of the stages it is
    given; `[build_teacher(cfg)]` of another file's builder), or set with
    `object.__setattr__(self, "teacher", teacher)`, counts where the flow analysis
    sees the model moved to a GPU and the module (or a part of it, `self.teacher["head"]`),
    left on the CPU, called on its inputs in the model's methods; the finding names the
    move and the call. A class
    that moves such modules itself is left alone: in its own `_apply`, or in the `to`
    or `cuda` that the move calls (a `cuda()` override does not run for `.to(device)`).

    ## Why is this bad?
    `nn.Module` registers submodules assigned as attributes, and the ones inside
    `nn.ModuleList` / `nn.ModuleDict` — not those in a Python list or dict. They are
    not moved by `.to(device)` (`Expected all tensors to be on the same device`), not
    cast by `.half()`, not returned by `.parameters()` (so never trained), and not
    saved in `state_dict()`.

    ## Example
    ```python
    self.heads = [nn.Linear(hidden, n) for n in num_labels]
    ```

    ## Use instead
    ```python
    self.heads = nn.ModuleList([nn.Linear(hidden, n) for n in num_labels])
    ```

    ## Fix safety
    The fix wraps the container in `nn.ModuleList(...)` / `nn.ModuleDict(...)` (an
    empty list becomes `nn.ModuleList()`, which supports `.append`). The submodules
    then appear in `parameters()` and `state_dict()` (new keys): **unsafe**. No fix for
    dict comprehensions, dicts whose keys are not string literals, or a list filled with
    lists of modules (`self.stages.append([linear, act])`: `nn.ModuleList` refuses a
    list; each pair needs a container of its own).

    ## References
    - [`nn.ModuleList`](https://pytorch.org/docs/stable/generated/torch.nn.ModuleList.html)
    """

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        facts = self._module_class(node)
        if facts is None:
            return
        for small, attr, value, container, appended, keyed, nested in self._plain(node, facts):
            if container is None:
                self._report_handed_in(small, attr)
                continue
            nn = self._nn()
            fix = None
            # (nn.ModuleDict takes string keys only: self.heads[i] = ... needs str(i))
            text_keys = all(isinstance(k, cst.SimpleString) for k in keyed.get(attr, []))
            held = self._holders_only(value)  # (objects holding modules: no nn.ModuleList)
            if (
                nn is not None
                and container != "dict-comprehension"
                and attr not in nested
                and text_keys
                and not held
            ):
                wrapper = "ModuleDict" if container == "dict" else "ModuleList"
                inner = self.ctx.code_for(value)
                empty = inner in ("[]", "{}") or (  # (OrderedDict(), not build_blocks(cfg))
                    isinstance(value, cst.Call) and not value.args and _empty_container(self, value)
                )
                text = f"{nn}.{wrapper}()" if empty else f"{nn}.{wrapper}({inner})"
                fix = FixSpec.unsafe(
                    Replace(value, cst.parse_expression(text)), message=f"wrap it in nn.{wrapper}"
                )
            kind = "dict" if container.startswith("dict") else "list"
            wrapper = "ModuleDict" if kind == "dict" else "ModuleList"
            related = {"append": appended[attr]} if attr in appended else {}
            filled = " (filled at line <line:append>)" if related else ""
            helper = self._helper(value, facts) if isinstance(value, cst.Call) else None
            if helper is not None:  # (self.blocks = build_blocks(cfg), self._make(...))
                related["built"] = helper.node
                filled = f" (the list `{helper.node.name.value}` returns, line <line:built>)"
            advice = f"use `nn.{wrapper}`"
            if not text_keys:
                advice += " with string keys (`str(i)`)" if kind == "dict" else ""
            if attr in nested:  # (nn.ModuleList refuses a list: each needs its own)
                filled = " (filled with lists of modules at line <line:append>)"
                advice = "use an `nn.ModuleList` of `nn.ModuleList`s (or of `nn.Sequential`s)"
            what, they = "submodules", "they are"
            if held:
                they = "the modules they hold are"
                what = "objects that hold submodules"
                advice = (
                    f"keep the modules themselves in an `nn.{wrapper}` as well (or make the "
                    "objects `nn.Module`s)"
                )
            self.report(
                small,
                f"`self.{attr}` keeps {what} in a plain {kind}{filled}: {they} not "
                "registered, so `.to()`, `.half()`, `.parameters()` and `state_dict()` skip them; "
                f"{advice}",
                fix,
                related,
            )

    def _plain(self, node: cst.ClassDef, facts: ClassFacts) -> Iterator[_Kept]:
        """The ``self.<attr> = ...`` statements of ``__init__`` that keep modules in a
        plain container: the container's shape (None: a copy of a list of modules a
        caller hands in), and how ``__init__`` fills containers (appended, by key,
        with lists)."""
        smalls = list(init_statements(node))
        # Containers whose members are handed to a call as it is built (``nn.Sequential(
        # *self.layers)``, ``self.add_module(f"cnn_{i}", self.cnns[i])``): registered
        # there, or by what they are handed to.
        handed: set[str] = set()
        for call in (c for s in smalls for c in nodes(s, cst.Call)):
            if dotted(call.func) in _INERT_CALLS:
                continue
            for arg in call.args:
                value = arg.value
                if isinstance(value, cst.Subscript):
                    value = value.value  # self.cnns[i]
                elif (
                    isinstance(value, cst.Call)
                    and isinstance(value.func, cst.Attribute)
                    and value.func.attr.value in ("values", "items")
                ):
                    value = value.func.value  # self.norms.values()
                if (attr := self_attr(value)) is not None:
                    handed.add(attr)
                elif is_self_call(call, "add_module", "register_module") and not isinstance(
                    value, (cst.Name, cst.SimpleString, cst.FormattedString)
                ):
                    return  # registered by hand, in a way not read here
        appended: dict[str, cst.CSTNode] = {}
        keyed: dict[str, list[cst.BaseExpression]] = {}  # self.heads[i] = nn.Linear(...)
        nested: set[str] = set()  # (self.hids.append([linear, act]): lists in the list)
        # conv = GraphConv(...); self.layers.append(conv): what a local name is bound
        # to, and the other places it is kept (self.mods[name] = conv registers it)
        local: dict[str, list[cst.BaseExpression]] = {}
        kept: dict[str, list[cst.CSTNode]] = {}
        for small in smalls:
            if isinstance(small, cst.Assign) and len(small.targets) == 1:
                # (enc, dec = Encoder(), Decoder(): each name its own member; and
                # self.enc, self.dec = enc, dec keeps each)
                for target, bound in _pairs(small.targets[0].target, small.value):
                    if isinstance(target, cst.Name):
                        local.setdefault(target.value, []).append(bound)
                    elif isinstance(bound, cst.Name):
                        kept.setdefault(bound.value, []).append(small)
            elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
                for arg in small.value.args:
                    if isinstance(arg.value, cst.Name):
                        kept.setdefault(arg.value.value, []).append(small.value)

        def module(m: cst.BaseExpression, call: cst.CSTNode) -> bool:
            if not isinstance(m, cst.Name):
                return self._is_module_expr(m)
            bound = local.get(m.value, [])
            elsewhere = [k for k in kept.get(m.value, []) if k is not call]
            return bool(bound) and not elsewhere and all(self._is_module_expr(v) for v in bound)

        for small in smalls:
            if isinstance(small, cst.Assign) and len(small.targets) == 1:
                target = small.targets[0].target
                # (self.gates[i][j] = ...: a list of lists, filled by index)
                root = target.value if isinstance(target, cst.Subscript) else target
                inner = root
                while isinstance(root, cst.Subscript):
                    root = root.value
                if (
                    isinstance(target, cst.Subscript)
                    and len(target.slice) == 1
                    and isinstance(index := target.slice[0].slice, cst.Index)
                    and (attr := self_attr(root)) is not None
                    and module(small.value, small)
                ):
                    appended.setdefault(attr, small)
                    keyed.setdefault(attr, []).append(index.value)
                    if inner is not root:
                        nested.add(attr)
            if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
                call = small.value
                if (
                    isinstance(call.func, cst.Attribute)
                    and call.func.attr.value in ("append", "extend", "insert")
                    and call.args
                ):
                    attr = self_attr(call.func.value)
                    item = call.args[-1].value
                    listed = isinstance(item, (cst.List, cst.Tuple)) and (
                        call.func.attr.value != "extend"
                    )
                    members = (
                        [e.value for e in item.elements]
                        if isinstance(item, (cst.List, cst.Tuple)) and listed
                        else [item]
                    )
                    if attr is not None and any(module(m, call) for m in members):
                        appended.setdefault(attr, call)
                        if listed:
                            nested.add(attr)
        for small, attr, value in self_assignments(smalls):
            container = self._container(
                value, attr in appended, cls=facts, local=partial(module, call=small)
            )
            if container is None and not self._handed_in(small, value, smalls):
                continue
            if len(facts.self_attrs.get(attr, [])) > 1:
                continue  # re-assigned (self.body = nn.Sequential(*self.body)): unknown
            if attr not in handed:
                yield small, attr, value, container, appended, keyed, nested

    def visit_Call(self, node: cst.Call) -> None:
        for obs in self.ctx.analysis.flow.calls.all(node):
            if self._left_behind(node, obs):
                return

    def _left_behind(self, node: cst.Call, obs: CallObs) -> bool:
        """``self._teacher[0](images)`` in a method of a model moved to a GPU, of a
        module that ``__init__`` keeps in a plain list (``self._teacher = [teacher]``,
        ``self.layers.append(layer)`` of the modules it is given) or sets with
        ``object.__setattr__``: the move left it on the CPU, while its inputs are on
        the GPU. Reported at the line that keeps it (of another file of the project
        too), naming the move and the call. A class that moves such modules itself
        (its own ``_apply``, or the ``to``/``cuda`` the move calls) is left alone."""
        module, own = obs.module, obs.env.get("self")
        placed = own.last("move", "place") if own is not None else None
        moved = moved_input(obs)
        if (
            module.kind != Kind.MODULE
            or module.device != Place.CPU
            or own is None
            or placed is None
            or own.device in (None, Place.CPU, Place.MAYBE)
            or moved is None
            or own.last("create") is None
        ):
            return False
        found = origin_class(own.origin, self.ctx.analysis, self.ctx.analysis.flow.files)
        if found is None:
            return False
        cls = found[0]
        how = _method_name(placed.node) or "to"
        if cls.methods & {"_apply", how}:
            return False  # (it moves what it keeps aside itself)
        kept = kept_aside(cls, obs.env, {module.ident, module.part_of} - {0})
        if kept is None or any(a == kept[0] for _, a, *_ in self._plain(cls.node, cls)):
            return False  # (or reported where the class is, as a container of modules)
        attr, statement, held = kept
        created = held.last("create") or module.last("create")
        if created is None:
            return False
        at = self.once_at(statement, node, forward=True)
        if at is None:
            return True
        if isinstance(statement, cst.Assign):
            kind = "tuple" if isinstance(statement.value, cst.Tuple) else "list"
            story = f"`self.{attr}` keeps a module (made at line <line:made>) in a plain {kind}"
            advice = "keep it in an `nn.ModuleList`, or move it to the device yourself"
        else:
            story = (
                f"`self.{attr}` is set with `object.__setattr__` (a module made at line "
                "<line:made>), so it is not registered"
            )
            advice = "move it with the model (in the module's own `_apply`), or register it"
        error = layer_error(obs, module.dtype, self.ctx.analysis)
        self.report(
            at,
            f"{story}: the model's move at line <line:move> leaves it on the CPU, while its "
            f"input `{self.ctx.code_for(moved[0].value)}` is on the GPU, and the call at line "
            f"<line:call> fails with {error}; {advice}",
            None,
            {"move": placed.node, "call": obs.node, "made": created.node},
            statement=at if at is statement else None,
        )
        return True

    def _handed_in(
        self, small: cst.Assign, value: cst.BaseExpression, smalls: list[cst.BaseSmallStatement]
    ) -> bool:
        """``self.members = list(members)`` (``tuple(...)``, ``[*members]``) where the
        flow, following the file's calls of the class, found the modules a caller
        handed in kept in a plain list, and ``__init__`` registers them no other way
        (``nn.Sequential(*members)``, ``nn.ModuleList(members)``). A bare ``self.members
        = members`` is left alone: the screen keeps only copies, as every class stores
        what it is given."""
        if not _copied_list(value) or not self.ctx.analysis.flow.plain_module_lists.all(small):
            return False  # (a copy: what the screen keeps, ``screen/state.py``)
        names = {n.value for n in nodes(value, cst.Name)}
        for other in smalls:
            if other is small:
                continue
            for call in nodes(other, cst.Call):
                if dotted(call.func) in _INERT_CALLS:
                    continue
                if any(n.value in names for a in call.args for n in nodes(a.value, cst.Name)):
                    return False  # handed on as __init__ builds the module
        return True

    def _report_handed_in(self, small: cst.Assign, attr: str) -> None:
        lists = self.ctx.analysis.flow.plain_module_lists.all(small)
        related: dict[str, cst.CSTNode] = {}
        made = next(
            (
                e
                for v in lists
                for item in v.items
                if item.kind == Kind.MODULE
                for e in item.events
                if e.action == "create"
            ),
            None,
        )
        where = ""
        if made is not None:
            related["made"] = made.node
            where = " (made at line <line:made>)"
        self.report(
            small,
            f"`self.{attr}` keeps the modules handed to `__init__`{where} in a plain list: "
            "they are not registered, so `.to()`, `.half()`, `.parameters()` and "
            "`state_dict()` skip them; keep them in an `nn.ModuleList`",
            None,
            related,
        )

    def _container(
        self,
        value: cst.BaseExpression,
        appended: bool,
        depth: int = 0,
        cls: ClassFacts | None = None,
        local: Callable[[cst.BaseExpression], bool] | None = None,
    ) -> str | None:
        """``local``: a name of ``__init__`` bound to a module only (``enc =
        Encoder(); self.nets = {"enc": enc}``) is a member too."""

        def member(node: cst.BaseExpression) -> bool:
            return self._member(node) or (local is not None and local(node))

        if isinstance(value, (cst.List, cst.Tuple)):
            if not value.elements:
                return "list" if appended and isinstance(value, cst.List) else None
            if any(member(e.value) for e in value.elements):
                return "list"
        elif isinstance(value, (cst.ListComp, cst.GeneratorExp)):
            if member(value.elt) or (appended and _slots(value.elt)):
                return "list"  # ([[None] * n for _ in range(m)]: lists filled by index)
        elif appended and _slots(value):
            return "list"  # [None] * n, filled by index (self.heads[i] = nn.Linear(...))
        elif isinstance(value, cst.Dict):
            if not value.elements:
                return "dict" if appended else None
            elements = [e for e in value.elements if isinstance(e, cst.DictElement)]
            if any(member(e.value) for e in elements):
                if all(isinstance(e.key, cst.SimpleString) for e in elements) and len(
                    elements
                ) == len(value.elements):
                    return "dict"
                return "dict-comprehension"  # keys we cannot vouch for: no fix
        elif isinstance(value, cst.DictComp):
            if member(value.value):
                return "dict-comprehension"
        elif isinstance(value, cst.Call) and not value.args and _empty_container(self, value):
            # OrderedDict(), dict(), list(): as {} or [], filled later
            return ("list" if dotted(value.func) == "list" else "dict") if appended else None
        elif isinstance(value, cst.Call) and not depth:
            # build_blocks(cfg) of the file, or a method of the class
            # (self._make_context(...)): every return a list of modules
            helper = self._helper(value, cls)
            returns = own_returns(helper.node) if helper is not None else []
            if returns and all(
                r.value is not None
                and (
                    self._container(r.value, False, 1) == "list"
                    or self._filled_list(helper.node, r.value)  # type: ignore[union-attr]
                )
                for r in returns
            ):
                return "list"
        return None

    def _member(self, node: cst.BaseExpression) -> bool:
        """A member whose weights a plain container hides: a module, or an object of a
        plain class of the file or the project built with one (``LossSpec("hint",
        FeatureAlign(s, t))``, a dataclass that holds the module)."""
        return self._is_module_expr(node) or self._holder(node)

    def _holder(self, node: cst.BaseExpression) -> bool:
        """``node`` builds an object of a plain class (no module) given a module."""
        if not isinstance(node, cst.Call) or not self._is_plain_class(node.func):
            return False
        return any(self._is_module_expr(a.value) for a in node.args)

    def _is_plain_class(self, node: cst.BaseExpression) -> bool:
        name = dotted(node)
        if name is None or not name[:1].isupper():
            return False
        if any(c.name == name and not c.is_module for c in self.ctx.analysis.classes.values()):
            return True
        found = project.resolve(self.ctx.analysis, name)
        cls = found[0].class_named(found[1]) if found is not None else None
        return cls is not None and not cls.is_module

    def _holders_only(self, value: cst.BaseExpression) -> bool:
        """The container's members are objects that hold modules, not modules."""
        members: list[cst.BaseExpression] = []
        if isinstance(value, (cst.List, cst.Tuple)):
            members = [e.value for e in value.elements]
        elif isinstance(value, (cst.ListComp, cst.GeneratorExp)):
            members = [value.elt]
        elif isinstance(value, cst.DictComp):
            members = [value.value]
        elif isinstance(value, cst.Dict):
            members = [e.value for e in value.elements if isinstance(e, cst.DictElement)]
        return any(self._holder(m) for m in members) and not any(
            self._is_module_expr(m) for m in members
        )

    def _filled_list(self, fn: cst.FunctionDef, returned: cst.BaseExpression) -> bool:
        """``returned`` is a name ``fn`` binds to ``[]`` and fills with
        ``.append(module)``."""
        if not isinstance(returned, cst.Name):
            return False
        name = returned.value
        empty = appended = False
        for small in nodes(fn.body, (cst.Assign, cst.Call)):
            if isinstance(small, cst.Assign):
                if any(
                    isinstance(t.target, cst.Name) and t.target.value == name for t in small.targets
                ):
                    if not (isinstance(small.value, cst.List) and not small.value.elements):
                        return False  # (bound to something else too)
                    empty = True
            elif (
                isinstance(small, cst.Call)
                and isinstance(small.func, cst.Attribute)
                and small.func.attr.value == "append"
                and dotted(small.func.value) == name
                and small.args
            ):
                member = small.args[0].value
                # (block = nn.Sequential(...); layers.append(block): a name of ``fn``
                # bound to modules only)
                bound = _bound_in(fn, member.value) if isinstance(member, cst.Name) else [member]
                appended = appended or (bool(bound) and all(map(self._is_module_expr, bound)))
        return empty and appended


def _bound_in(fn: cst.FunctionDef, name: str) -> list[cst.BaseExpression]:
    """What ``fn``'s plain assignments bind ``name`` to; empty where anything else
    binds it too (a loop, a ``with``, an unpacking, an augmented assignment)."""
    bound: list[cst.BaseExpression] = []
    for small in nodes(fn.body, (cst.Assign, cst.AugAssign, cst.AnnAssign, cst.For, cst.With)):
        targets: list[cst.BaseExpression] = []
        if isinstance(small, cst.Assign):
            targets = [a.target for a in small.targets]
        elif isinstance(small, cst.With):
            targets = [i.asname.name for i in small.items if i.asname is not None]
        elif isinstance(small, (cst.AugAssign, cst.AnnAssign, cst.For)):
            targets = [small.target]
        if not any(_binds(t, name) for t in targets):
            continue
        if not (isinstance(small, cst.Assign) and len(targets) == 1 and _binds(targets[0], "")):
            return []
        bound.append(small.value)
    return bound


def _binds(target: cst.BaseExpression, name: str) -> bool:
    """``target`` binds ``name`` (a name, or one in a tuple or list); with no name,
    whether it is a single name."""
    if isinstance(target, cst.Name):
        return not name or target.value == name
    if isinstance(target, (cst.Tuple, cst.List)) and name:
        return any(_binds(e.value, name) for e in target.elements)
    if isinstance(target, cst.StarredElement) and name:
        return _binds(target.value, name)
    return False


def _slots(value: cst.BaseExpression) -> bool:
    """``[None] * n``: a list of empty slots."""
    return isinstance(value, cst.BinaryOperation) and lists.slots(value) is not None


def _method_name(node: cst.CSTNode) -> str | None:
    """``to`` of ``model.to(device)``."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        return node.func.attr.value
    return None


def _empty_container(rule: Rule, call: cst.Call) -> bool:
    """``OrderedDict()``, ``dict()``, ``list()`` (the builtins, not rebound)."""
    name = dotted(call.func)
    if name in ("dict", "list"):
        return name not in rule.ctx.analysis.module_assignments
    return rule.ctx.analysis.qualify(call.func) == "collections.OrderedDict"


def _pairs(
    target: cst.BaseExpression, value: cst.BaseExpression
) -> list[tuple[cst.BaseExpression, cst.BaseExpression]]:
    """What each target of an assignment is bound to: ``a, b = x, y`` pairs them;
    any other assignment binds its one target to its value (an unpacked call or a
    starred element: nothing is paired)."""
    if not isinstance(target, (cst.Tuple, cst.List)):
        return [(target, value)]
    if not isinstance(value, (cst.Tuple, cst.List)):
        return []
    names, values = target.elements, value.elements
    if len(names) != len(values) or any(
        isinstance(e, cst.StarredElement) for e in (*names, *values)
    ):
        return []
    return [(n.value, v.value) for n, v in zip(names, values, strict=True)]
