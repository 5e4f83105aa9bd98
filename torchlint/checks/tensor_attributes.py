"""TL301: state an nn.Module holds outside its registries, so that `.to()`,
`.half()`, `state_dict()` and the optimizer never see it (the reading of ``__init__``
it shares with TL302 is ``module_state.py``)."""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from torchlint import screen
from torchlint.analysis import ClassFacts
from torchlint.analysis.loss_api import WEIGHT_DTYPE_LOSSES
from torchlint.analysis.names import dotted
from torchlint.analysis.torch_api import DISTRIBUTION_METHODS, DISTRIBUTIONS, dtype_only
from torchlint.checks._buffers import buffer_containers, call_arg, rooted_at
from torchlint.checks.module_state import (
    ModuleStateRule,
    comprehended,
    construction,
    own_returns,
    self_assignments,
    self_attr,
)
from torchlint.lint.traverse import nodes
from torchlint.rules.rule import FixSpec, Replace


def _is_target(node: cst.CSTNode, attr: str) -> bool:
    """``self.<attr>``"""
    return (
        isinstance(node, cst.Attribute)
        and node.attr.value == attr
        and isinstance(node.value, cst.Name)
        and node.value.value == "self"
    )


def _runtime_methods(cls: cst.ClassDef, built: set[cst.FunctionDef]) -> set[cst.FunctionDef]:
    """The methods that run after the module is built: those ``__init__`` does not
    reach, and those it reaches that one of them calls again (``forward`` growing a
    cache with ``self._set_cos_sin_cache(...)``)."""
    methods = {s.name.value: s for s in cls.body.body if isinstance(s, cst.FunctionDef)}
    out = {m for m in methods.values() if m not in built}
    todo = list(out)
    while todo:
        for call in nodes(todo.pop().body, cst.Call):
            name = self_attr(call.func)
            found = methods.get(name) if name is not None else None
            if found is not None and found not in out and found.name.value != "__init__":
                out.add(found)
                todo.append(found)
    return out


def _uses(
    cls: cst.ClassDef, attr: str, runtime: set[cst.FunctionDef] | None = None
) -> tuple[list[cst.CSTNode], bool]:
    """Where ``self.<attr>`` is used in arithmetic or passed to a call (as it is, or
    recast to a dtype) in the methods that run after the module is built (by default
    those other than ``__init__``); and whether the code moves it itself
    (``.to(...)``)."""
    uses: list[cst.CSTNode] = []
    handled = False
    for stmt in cls.body.body:
        if not isinstance(stmt, cst.FunctionDef) or stmt.name.value == "__init__":
            continue
        if runtime is not None and stmt not in runtime:
            continue
        calls = list(nodes(stmt, cst.Call))
        for found in calls:
            func = found.func
            if (
                isinstance(func, cst.Attribute)
                and _is_target(func.value, attr)
                and func.attr.value in ("to", "cuda", "type_as", "type")
                and not (func.attr.value == "to" and dtype_only(found))
            ):
                handled = True
            elif (
                isinstance(func, cst.Attribute)
                and func.attr.value in ("to", "cuda")
                and rooted_at(func.value, attr)
                and not (func.attr.value == "to" and dtype_only(found))
            ):
                handled = True  # self.table.detach().to(device=x.device, copy=True)
        # cos = self.cos_cached[:n].to(dtype): the local is the recast attribute;
        # pos = self.table[position_ids]: the local holds rows of it, where it is.
        recast = {
            t.target.value
            for a in nodes(stmt, cst.Assign)
            if _recast(a.value, attr) or _indexed(a.value, attr)
            for t in a.targets
            if isinstance(t.target, cst.Name)
        }

        def local(node: cst.CSTNode, recast: set[str] = recast) -> bool:
            return isinstance(node, cst.Name) and node.value in recast

        for op in nodes(stmt, (cst.BinaryOperation, cst.Comparison)):
            if any(_is_target(n, attr) for n in nodes(op, cst.Attribute)) or any(
                local(side) for side in _operands(op)
            ):
                uses.append(op)
        for call in calls:
            if dotted(call.func) in _PLAIN_BUILTINS:
                continue  # (len(self.table), int(self.table[i]): nothing computes with it)
            if any(
                _is_target(a.value, attr)
                or _recast(a.value, attr)
                or local(a.value)
                or _indexed(a.value, attr)
                for a in call.args
            ):
                uses.append(call)
            elif (
                isinstance(call.func, cst.Attribute)
                and call.func.attr.value in _WITH_TENSORS
                and call.args
                and (rooted_at(call.func.value, attr) or local(call.func.value))
            ):
                uses.append(call)  # self.weights.index_select(0, positions)
        for ret in nodes(stmt, cst.Return):
            values = (
                [e.value for e in ret.value.elements]
                if isinstance(ret.value, cst.Tuple)
                else [ret.value]
                if ret.value is not None
                else []
            )
            if any(_recast(v, attr) or local(v) for v in values):
                uses.append(ret)  # return self.cos_cached[:n].to(dtype=x.dtype)
    return uses, handled


def _distribution_uses(
    cls: cst.ClassDef, attr: str, runtime: set[cst.FunctionDef] | None = None
) -> tuple[list[cst.CSTNode], bool]:
    """Where a method that runs later calls ``self.<attr>.cdf(x)`` (``log_prob``,
    ``icdf``; or ``sample()``, ``rsample()`` but for a draw moved at once,
    ``.sample(shape).to(x.device)``) on a torch.distributions object; and whether such a
    method builds it again (``self.<attr> = Normal(self.loc, self.scale)``)."""
    uses: list[cst.CSTNode] = []
    rebuilt = False
    for stmt in cls.body.body:
        if not isinstance(stmt, cst.FunctionDef) or stmt.name.value == "__init__":
            continue
        if runtime is not None and stmt not in runtime:
            continue
        if any(_is_target(t.target, attr) for t in nodes(stmt, cst.AssignTarget)):
            rebuilt = True
        calls = list(nodes(stmt, cst.Call))
        moved = {
            id(c.func.value)
            for c in calls
            if isinstance(c.func, cst.Attribute)
            and c.func.attr.value in ("to", "cuda")
            and not (c.func.attr.value == "to" and dtype_only(c))
        }
        for call in calls:
            func = call.func
            if not (
                isinstance(func, cst.Attribute)
                and func.attr.value in DISTRIBUTION_METHODS
                and _is_target(func.value, attr)
            ):
                continue
            if func.attr.value in ("sample", "rsample") and id(call) in moved:
                continue  # (a draw moved where it is needed)
            uses.append(call)
    return uses, rebuilt


def _class_weights(
    cls: cst.ClassDef,
    attr: str,
    runtime: set[cst.FunctionDef],
    qualify: Callable[[cst.BaseExpression], str | None],
) -> bool:
    """``F.cross_entropy(x, y, weight=self.<attr>)`` (or ``nn.NLLLoss(self.<attr>)``)
    in a method that runs later: the loss takes a 1-D tensor of one weight per class
    (a 0-dim one raises 'weight tensor should be defined either for all C classes or
    no classes'), so the attribute has dimensions."""
    for method in runtime:
        for call in nodes(method, cst.Call):
            at = WEIGHT_DTYPE_LOSSES.get(qualify(call.func) or "")
            if at is None:
                continue
            given = call_arg(call, at, "weight")
            if given is not None and _is_target(given, attr):
                return True
    return False


def _indexed_with_dims(attr: str, runtime: set[cst.FunctionDef]) -> bool:
    """``self.<attr>[ids, :]``, ``self.<attr>[:n]``, ``self.<attr>[0]`` in a method that
    runs later: an integer, a slice or two indices fail on a 0-dim tensor ('invalid
    index of a 0-dim tensor', 'too many indices for tensor of dimension 0'), so the
    attribute has dimensions. (``t[None]``, ``t[...]`` and a boolean ``t[mask]`` do
    not tell.)"""
    for method in runtime:
        for sub in nodes(method, cst.Subscript):
            if not _is_target(sub.value, attr):
                continue
            told = [
                e.slice
                for e in sub.slice
                if not (
                    isinstance(e.slice, cst.Index)
                    and (
                        isinstance(e.slice.value, cst.Ellipsis)
                        or (isinstance(e.slice.value, cst.Name) and e.slice.value.value == "None")
                    )
                )
            ]
            if len(told) >= 2 or any(
                isinstance(s, cst.Slice)
                or (isinstance(s, cst.Index) and isinstance(s.value, cst.Integer))
                for s in told
            ):
                return True
    return False


def _indexed(arg: cst.BaseExpression, attr: str) -> bool:
    """``self.broadcast(self.alpha_bar[t], x)``: rows of the attribute handed to a
    call that computes with them (not ``int(self.table[i])``, ``print(...)``)."""
    return isinstance(arg, cst.Subscript) and _is_target(arg.value, attr)


_PLAIN_BUILTINS = frozenset(
    {"int", "float", "bool", "str", "len", "print", "repr", "list", "tuple"}
)
# Tensor methods that compute with another tensor (of the input, on its device).
_WITH_TENSORS = frozenset(
    """index_select gather masked_fill masked_fill_ matmul mm bmm add mul sub div where
    scatter index_add expand_as""".split()
)


def _operands(op: cst.CSTNode) -> list[cst.BaseExpression]:
    if isinstance(op, cst.BinaryOperation):
        return [op.left, op.right]
    if isinstance(op, cst.Comparison):
        return [op.left, *(c.comparator for c in op.comparisons)]
    return []


def _recast(node: cst.BaseExpression, attr: str) -> bool:
    """``self.<attr>[:h].reshape(n, -1).to(dtype)``: the attribute's data, cast to the
    caller's dtype and handed on, but left on its device."""
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "to"
        and dtype_only(node)
        and rooted_at(node.func.value, attr)
    )


class TensorAttributeNotBuffer(ModuleStateRule):
    needs = frozenset({screen.INIT_TENSOR_ATTR})
    keeps = frozenset({screen.OWN_APPLY})  # (_managed_by_apply reads every _apply)
    code = "TL301"
    name = "tensor-attribute-not-buffer"
    summary = (
        "A tensor stored as a plain attribute of an nn.Module (not a buffer) does not follow "
        "`.to()` / `.half()`."
    )
    fixable = True
    docs = """
    ## What it does
    In an `nn.Module` subclass, flags `self.mask = torch.ones(...)` (any tensor
    factory, also one chosen by name, `getattr(torch, window)(n_fft)` with a
    parameter that defaults to `"hann_window"`, `torch.tensor`, `torch.from_numpy`, a torchaudio filterbank or DCT matrix
    (`melscale_fbanks`, `create_dct`), arithmetic on them, or an index that
    keeps dimensions: `torch.linspace(0, 1, n)[..., None]`, or what a helper of the
    file or a method or static method of the class returns, or a module-level name of
    the file, or of a module of the project read as `config.priors`, that every
    assignment there makes such a tensor) in `__init__` (or in a
    method `__init__` calls on self, such as `self._set_cos_sin_cache(...)`: it runs
    while the module is built) when a method that runs later (its own, or one of a
    subclass of the file that keeps it) uses `self.mask` in arithmetic or passes it to a
    call (as it is, or recast to a dtype:
    `self.mask[:n].to(x.dtype)`, also when it returns the recast, or a local holding
    it or rows of it, `pos = self.table[ids, :]`), and nothing moves it there
    (`self.mask.to(x.device)`; a `.to(dtype)` alone changes only its dtype). A tensor made with `device=` is taken as placed on
    purpose, except `device=self.inv_freq.device` or the device of a tensor the
    building method is given (`device=x_example.device`): that is where the module is
    while it is built (the CPU, usually), and a later `.to()` leaves the attribute there;
    and except a parameter that defaults to None (`def __init__(self, dim,
    device=None)`): unless the caller passes a device, the tensor is made on the CPU.
    A torch.distributions object built so (`Normal(torch.zeros(d), torch.ones(d))`)
    is no module either: flagged when a later method calls its `cdf`, `icdf`,
    `log_prob`, `sample` or `rsample` (a draw moved at once, `.sample(shape).to(x.device)`,
    is fine), and no method builds it again; there is no fix (build it in `forward`
    from tensors on the input's device, or keep its parameters as buffers).
    `torch.tensor(data)` of data that is not a literal list (it may be a 0-dim
    scalar, which mixes with tensors on any device) counts when a later method
    indexes the attribute with an integer, a slice or two indices, which a 0-dim
    tensor refuses (`self.table[ids, :]`), also through a helper that returns it.
    Also flags a plain list, tuple or dict that the module's construction fills with
    its registered buffers, or a plain attribute set to one of them
    (`self.original_inv_freq = self.inv_freq`): `self.stats = [self.mean, self.std]`, or
    `self.stats[name] = (getattr(self, f"mean_{name}"), ...)`, `self.stats.append(...)`,
    `.extend`, `.update` on a container made as `[]` / `{}`; a `getattr(self, ...)` counts when
    its name is the one a `self.register_buffer(...)` used (a literal, or the same
    expression earlier in the same loop body, none of its names bound again). Not
    flagged there: a container of buffer names, one a method that runs later fills or
    builds again, or whose entries it moves (`.to(x.device)`). Not flagged at all: a
    class that overrides `_apply` (what `.to()`, `.cuda()` and `.half()` run through),
    `to`, `cuda`, `half`, `float` or `type`: it manages its plain tensors itself; nor an
    attribute that an `_apply` override of the file reassigns on a part of its model
    (`m.grid = list(map(fn, m.grid))`).

    ## Why is this bad?
    Only parameters, buffers and submodules follow `model.to(device)`, `model.half()`
    and `model.cuda()`. A plain tensor attribute stays on the CPU in float32: the first
    forward on the GPU fails with `Expected all tensors to be on the same device`. It
    is also missing from `state_dict()`. A list of buffers keeps the *old* tensors:
    `.to()` replaces the buffers, not the list's entries.

    ## Example
    ```python
    class CausalAttention(nn.Module):
        def __init__(self, n):
            super().__init__()
            self.mask = torch.tril(torch.ones(n, n))

        def forward(self, scores):
            return scores.masked_fill(self.mask == 0, float("-inf"))
    ```

    ## Use instead
    ```python
            self.register_buffer("mask", torch.tril(torch.ones(n, n)), persistent=False)
    ```

    ## Fix safety
    The fix rewrites the assignment to `self.register_buffer("mask", ...,
    persistent=False)`. `persistent=False` is chosen so that `state_dict()` keys stay
    exactly as they were: old checkpoints still load with `strict=True`, and new ones
    load in old code. The buffer now follows `.to()` and `.half()` — the point, but a
    change of behaviour (a float buffer becomes half under `model.half()`): **unsafe**.
    Offered only when the attribute is assigned once in the class.

    ## References
    - [`register_buffer`](https://pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.register_buffer)
    """

    def _subclasses(self, base: ClassFacts, attr: str) -> list[ClassFacts]:
        """The classes of the file that inherit ``base`` (directly or through
        another) and keep its ``self.<attr>``: they neither set it again nor move
        their own state."""
        out: list[ClassFacts] = []
        names = {base.name}
        grown = True
        while grown:
            grown = False
            for cls in self.ctx.analysis.classes.values():
                if cls not in out and cls is not base and names & set(cls.bases):
                    out.append(cls)
                    names.add(cls.name)
                    grown = True
        return [c for c in out if attr not in c.self_attrs and not c.methods & _OWN_PLACEMENT]

    def _managed_by_apply(self) -> set[str]:
        """What an ``_apply`` override of the file reassigns on a part of its model
        (``m.grid = list(map(fn, m.grid))``): moved and cast with that model."""
        return {
            target.target.attr.value
            for function in self.ctx.analysis.functions.values()
            if function.node.name.value == "_apply"
            for target in nodes(function.node, cst.AssignTarget)
            if isinstance(target.target, cst.Attribute)
        }

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        facts = self._module_class(node)
        if facts is None:
            return
        if facts.methods & _OWN_PLACEMENT:
            return  # it moves its plain tensors itself when the module moves
        scopes = {f.node: f for f in self.ctx.analysis.functions.values() if f.cls is facts}
        built = list(construction(node))
        runtime = _runtime_methods(node, {m for m, _ in built})
        aliases = {alias.small: alias for alias in buffer_containers(node, runtime)}
        for alias in aliases.values():
            used_at = {"use": alias.use} if alias.use is not None else {}
            used = " (used at line <line:use>)" if alias.use is not None else ""
            if alias.single:
                message = (
                    f"`self.{alias.attr}` holds a registered buffer itself: `.to()` and "
                    "`.half()` replace the buffer and leave this plain attribute with the "
                    f"old CPU tensor{used}; register a copy as a buffer of its own "
                    f'(`self.register_buffer("{alias.attr}", ....clone(), persistent=False)`)'
                )
            else:
                message = (
                    f"`self.{alias.attr}` holds registered buffers themselves: `.to()` and "
                    "`.half()` replace the buffers and leave this plain container with the "
                    f"old CPU tensors{used}; keep their names instead and look the buffers "
                    "up when needed (`getattr(self, name)`)"
                )
            self.report(alias.small, message, None, used_at)
        for method, small in built:
            found = next(self_assignments([small]), None)
            if found is None or small in aliases:
                continue
            _, attr, value = found
            init = scopes.get(method)
            is_list = (
                isinstance(value, (cst.List, cst.Tuple))
                and any(self._is_tensor_expr(e.value, init, facts) for e in value.elements)
            ) or (
                isinstance(value, cst.ListComp)
                and comprehended(value)
                and self._is_tensor_expr(value.elt, init, facts)
            )
            if not (
                self._is_tensor_expr(value, init, facts)
                or is_list
                # (``torch.tensor(class_weight)``: class weights of a loss are one per
                # class, so no 0-dim scalar)
                # (or indexed later in a way a 0-dim tensor refuses: it has dimensions)
                or (
                    (
                        _class_weights(node, attr, runtime, self.ctx.analysis.qualify)
                        or _indexed_with_dims(attr, runtime)
                    )
                    and self._is_tensor_expr(value, init, facts, dims=True)
                )
            ):
                continue
            # (a torch.distributions object built from CPU tensors: no module either)
            made = self.ctx.analysis.qualify(value.func) if isinstance(value, cst.Call) else None
            distribution = not is_list and (made or "").startswith(DISTRIBUTIONS)
            find_uses = _distribution_uses if distribution else _uses
            uses, handled = find_uses(node, attr, runtime)
            for sub in self._subclasses(facts, attr):
                # (a base class's tensor used by the subclass that runs it)
                sub_built = {m for m, _ in construction(sub.node)}
                more, moved = find_uses(sub.node, attr, _runtime_methods(sub.node, sub_built))
                uses, handled = uses + more, handled or moved
            if handled or not uses or attr in self._managed_by_apply():
                continue
            if distribution:
                self.report(
                    small,
                    f"`self.{attr}` is a torch.distributions object built from CPU tensors: it "
                    "is no module, so `.to(device)` leaves its tensors on the CPU (used at line "
                    "<line:use>); build it in `forward` from tensors on the input's device, or "
                    "keep its parameters as buffers and build it from them",
                    None,
                    {"use": uses[0]},
                )
                continue
            fix = None
            if not is_list and len(facts.self_attrs.get(attr, [])) == 1:
                new = cst.Expr(
                    cst.parse_expression(
                        f'self.register_buffer("{attr}", {self.ctx.code_for(value)}, persistent=False)'
                    ),
                    semicolon=small.semicolon,
                )
                fix = FixSpec.unsafe(Replace(small, new), message="register it as a buffer")
            kind = "a list of tensors" if is_list else "a plain tensor attribute"
            related: dict[str, cst.CSTNode] = {"use": uses[0]}
            helper = self._helper(value, facts) if isinstance(value, cst.Call) else None
            made = ""
            if helper is not None:
                # The CPU tensor comes out of a helper: name where it is made.
                related["made"] = own_returns(helper.node)[0]
                made = f" (the CPU tensor `{helper.node.name.value}()` returns at line <line:made>)"
            elif isinstance(value, (cst.Name, cst.Attribute)):
                bound = self._module_values(value, init, self.ctx.analysis, 0)
                if bound is not None:  # (a module-level name: where it is bound)
                    related["made"] = bound[1][0]
                    made = f" (`{dotted(value)}`, bound to a CPU tensor at line <line:made>)"
            self.report(
                small,
                f"`self.{attr}` is {kind}{made}, not a buffer: `.to(device)` and `.half()` "
                f"leave it on the CPU in its dtype (used at line <line:use>); register it with "
                f'`self.register_buffer("{attr}", ..., persistent=False)`'
                + (" (one buffer per tensor)" if is_list else ""),
                fix,
                related,
            )


# A module class overriding these moves (and casts) its own state: ``_apply`` is what
# ``.to()``, ``.cuda()``, ``.half()`` all run through.
_OWN_PLACEMENT = frozenset({"_apply", "to", "cuda", "half", "float", "type"})
