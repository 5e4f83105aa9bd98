"""TL401-TL403: tensors created where the device is implicit: factories inside a
module's methods, legacy constructors, and hard-coded CUDA in device-aware code."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import ClassVar

import libcst as cst

from torchlint import screen
from torchlint.analysis.legacy import made_by_class
from torchlint.analysis.names import dotted, root_name
from torchlint.analysis.order import after, written_before
from torchlint.analysis.torch_api import FACTORY_FUNCTIONS, LEGACY_TENSOR_TYPES, SAME_PLACE_OPS
from torchlint.checks._build import kwarg, method_call
from torchlint.checks._helper_made import helper_made
from torchlint.lint.traverse import children, is_self_call, nodes
from torchlint.rules.rule import FixSpec, Replace, Rule

# torch functions whose tensor arguments must share a device.
_TORCH_OPS = frozenset(
    "cat stack where matmul mm bmm einsum maximum minimum add mul sub div gather "
    "index_select masked_fill cdist outer baddbmm addmm lerp clamp".split()
)
_MOVES = frozenset({"to", "cuda", "type_as", "new_tensor"})
# Calls that copy into an existing (placed) tensor or register the tensor as a buffer.
_SINKS = frozenset(
    {"copy_", "register_buffer", "fill_", "index_copy_", "append", "extend", "insert"}
)
_SHAPE_ONLY = frozenset({"tolist", "item", "size", "numel", "dim", "shape", "numpy", "cpu"})
_SHAPE_FUNCS = frozenset({"len", "range", "int", "float", "list", "tuple", "print", "str"})


def _parents(root: cst.CSTNode) -> dict[cst.CSTNode, cst.CSTNode]:
    """Parent map of one function's subtree (cheaper than LibCST's parent provider)."""
    parents: dict[cst.CSTNode, cst.CSTNode] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        for child in children(node):
            parents[child] = node
            stack.append(child)
    return parents


def _through_methods(
    node: cst.CSTNode, parents: dict[cst.CSTNode, cst.CSTNode]
) -> cst.CSTNode | None:
    """Follow method calls applied to a value (``torch.zeros(n).float().sum()``) to
    the outermost call; None when the chain moves it (``.to(x.device)``), makes a
    Python value of it (``.tolist()``, ``.item()``) or ends in an attribute."""
    parent = parents.get(node)
    while isinstance(parent, cst.Attribute) and parent.value is node:
        if parent.attr.value in _MOVES or parent.attr.value in _SHAPE_ONLY:
            return None
        grand = parents.get(parent)
        if not isinstance(grand, cst.Call):
            return None  # .shape, .dtype
        node, parent = grand, parents.get(grand)
    return node


def _names_in(node: cst.CSTNode) -> Iterator[str]:
    """The names an expression reads (``dtype=`` in a call is a keyword, not a read)."""
    if isinstance(node, (cst.Name, cst.Attribute)):
        name = dotted(node)
        if name is not None:
            yield name
            return
    if isinstance(node, cst.Arg):
        yield from _names_in(node.value)
        return
    for child in children(node):
        yield from _names_in(child)


class FactoryWithoutDevice(Rule):
    whole_class = True  # reads the class's other methods and attributes
    code = "TL401"
    name = "factory-without-device"
    default_enabled = False
    summary = (
        "A tensor created in a module's method without `device=` is combined with the "
        "inputs or parameters."
    )
    fixable = True
    triggers: ClassVar[tuple[str, ...]] = ("torch.", "from torch")
    needs: ClassVar[frozenset[str]] = frozenset({screen.CLASS, screen.FACTORY_WITHOUT_DEVICE})
    docs = """
    ## What it does
    In the methods of an `nn.Module` subclass (not `__init__`), flags
    `torch.zeros/ones/empty/full/arange/linspace/eye/rand*/tensor/as_tensor/from_numpy`
    and `torch.Tensor(...)` calls without `device=` whose result is combined with a
    method argument or a `self.` attribute: in arithmetic, a comparison, a torch op
    (`torch.cat`, `torch.where`, `torch.matmul`, ...) or a tensor method of the input.
    Not flagged: `*_like` factories, results moved with `.to(x.device)` / `.to(x)` /
    `.type_as(x)` / `.cuda()`, values used only for shapes (`.tolist()`, `len(...)`,
    `range(...)`), and `torch.tensor(scalar)` (0-dim CPU tensors mix with CUDA
    tensors).

    ## Why is this bad?
    Factories default to the CPU. The model works in CPU tests and crashes on the GPU
    with `Expected all tensors to be on the same device, but found at least two
    devices, cuda:0 and cpu!`: a mask, a position table or a noise tensor made in
    `forward` is the classic case (5+ real threads).

    ## Example
    ```python
    def forward(self, x):
        positions = torch.arange(x.size(1))
        return x + self.pos_embed(positions)
    ```

    ## Use instead
    ```python
    def forward(self, x):
        positions = torch.arange(x.size(1), device=x.device)
        return x + self.pos_embed(positions)
    ```

    ## Fix safety
    The fix adds `device=x.device`, where `x` is the method argument the tensor is
    combined with. Whether `x` is a tensor on the module's device cannot be proven
    statically: **unsafe**.

    ## References
    - [Tensor creation ops](https://pytorch.org/docs/stable/torch.html#creation-ops)
    """

    def __init__(self, ctx: object) -> None:
        super().__init__(ctx)  # type: ignore[arg-type]
        self._forward_path: set[cst.FunctionDef] = set()
        self._weights: set[str] = set()

    def _forward_methods(self) -> set[str]:
        return {f.name.value for f in self._forward_path}

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """The methods the forward pass runs: ``forward`` and those it calls as
        ``self.<name>(...)``. Others (config helpers, weight init, buffer builders
        whose results are registered) are not where inputs and weights meet."""
        facts = self.ctx.analysis.classes.get(node)
        if facts is None or not facts.is_module:
            return
        methods = {s.name.value: s for s in node.body.body if isinstance(s, cst.FunctionDef)}
        forward = methods.get("forward")
        if forward is None:
            return
        self._forward_path.add(forward)
        for call in nodes(forward.body, cst.Call):
            if not is_self_call(call):
                continue
            assert isinstance(call.func, cst.Attribute)
            called = methods.get(call.func.attr.value)
            if called is not None:
                self._forward_path.add(called)
        for name, values in facts.self_attrs.items():
            if any(self._is_weight(v) for v in values):
                self._weights.add(name)

    def _is_weight(self, value: cst.BaseExpression) -> bool:
        """``nn.Parameter(...)`` or a submodule: lives on the module's device."""
        if not isinstance(value, cst.Call):
            return False
        q = self.ctx.analysis.qualify(value.func) or ""
        return q.startswith("torch.nn.") and q.rsplit(".", 1)[-1][:1].isupper()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        fn = self.ctx.analysis.functions.get(node)
        if fn is None or node not in self._forward_path:
            return
        params = self._inputs(self._tensor_params(node), fn.assignments)
        made = [(call, call) for call in nodes(node.body, cst.Call) if self._candidate(call)]
        made += helper_made(self.ctx.analysis, node, fn.cls, self._candidate)  # (its helpers')
        if not made:
            return
        parents = _parents(node.body)
        for call, source in made:
            partner = self._combined(call, parents, node, params)
            if partner is not None:  # (no fix naming this method's inputs elsewhere)
                self._report(source, partner, params if source is call else [])

    def _candidate(self, call: cst.Call) -> bool:
        """A factory call without ``device=`` that makes a tensor with a shape."""
        q = self.ctx.analysis.qualify(call.func) or ""
        if not q.startswith("torch.") or q.rsplit(".", 1)[-1] not in FACTORY_FUNCTIONS:
            return False
        if any(
            a.star or (a.keyword is not None and a.keyword.value == "device") for a in call.args
        ):
            return False
        if q.endswith((".tensor", ".as_tensor")) and not (
            call.args and isinstance(call.args[0].value, (cst.List, cst.Tuple, cst.ListComp))
        ):
            return False  # a scalar (0-dim) or data of unknown shape
        # torch.rand([]), torch.randint(0, n, ()): 0-dim scalars
        return not any(
            a.keyword is None
            and isinstance(a.value, (cst.Tuple, cst.List))
            and not a.value.elements
            for a in call.args
        )

    def _tensor_params(self, node: cst.FunctionDef) -> list[str]:
        """Parameters that may be tensors: not ``self``, not annotated as a Python
        scalar or string, not defaulting to a number, string or bool."""
        out = []
        p = node.params
        for param in (*p.posonly_params, *p.params, *p.kwonly_params):
            name = param.name.value
            if name in ("self", "cls"):
                continue
            if param.annotation is not None and dotted(param.annotation.annotation) in (
                "int",
                "float",
                "bool",
                "str",
            ):
                continue
            if isinstance(param.default, (cst.Integer, cst.Float, cst.SimpleString)) or (
                isinstance(param.default, cst.Name) and param.default.value in ("True", "False")
            ):
                continue
            out.append(name)
        return out

    def _inputs(
        self, params: list[str], assignments: dict[str, list[cst.BaseExpression]]
    ) -> list[str]:
        """The method's arguments and the locals computed from them or from ``self``
        (``logits = self.gate(hidden)``), except locals that are new CPU tensors."""
        inputs = list(params)
        for _ in range(3):  # a few rounds reach chains like a = f(x); b = g(a)
            for name, values in assignments.items():
                if name in inputs:
                    continue
                for value in values:
                    if isinstance(value, cst.Call) and self._is_factory(value):
                        continue
                    heads = {n.split(".")[0] for n in _names_in(value)}
                    if heads & set(inputs) or any(n.startswith("self.") for n in _names_in(value)):
                        inputs.append(name)
                        break
        return inputs

    def _is_factory(self, call: cst.Call) -> bool:
        q = self.ctx.analysis.qualify(call.func) or ""
        return q.startswith("torch.") and q.rsplit(".", 1)[-1] in FACTORY_FUNCTIONS

    def _combined(
        self,
        call: cst.Call,
        parents: dict[cst.CSTNode, cst.CSTNode],
        fn: cst.FunctionDef,
        params: list[str],
    ) -> cst.CSTNode | None:
        """Where the new tensor meets an input or a parameter, or None."""
        end = _through_methods(call, parents)
        if end is None:
            return None
        return self._meets(end, parents, fn, params, depth=0)

    def _meets(
        self,
        node: cst.CSTNode,
        parents: dict[cst.CSTNode, cst.CSTNode],
        fn: cst.FunctionDef,
        params: list[str],
        depth: int,
    ) -> cst.CSTNode | None:
        parent = parents.get(node)
        while isinstance(parent, (cst.Arg, cst.Element, cst.List, cst.Tuple, cst.UnaryOperation)):
            node, parent = parent, parents.get(parent)
        if isinstance(parent, (cst.BinaryOperation, cst.Comparison)):
            if self._in_shape_function(parent, parents):
                return None  # int(torch.rand([]) * n): Python numbers
            if self._touches_inputs(parent, params, exclude=node):
                return parent
            return self._meets(parent, parents, fn, params, depth)
        if isinstance(parent, cst.Call):
            func = dotted(parent.func) or ""
            if func in _SHAPE_FUNCS:
                return None
            q = self.ctx.analysis.qualify(parent.func) or ""
            if q.startswith("torch.") and q.rsplit(".", 1)[-1] in _TORCH_OPS:
                if self._touches_inputs(parent, params, exclude=node):
                    return parent
            elif isinstance(parent.func, cst.Attribute):
                receiver = root_name(parent.func.value)
                method = parent.func.attr.value
                if method in _SINKS:
                    return None  # copy_ and register_buffer take care of the device
                if receiver in params or (
                    receiver == "self"
                    and dotted(parent.func) is not None
                    and method not in _MOVES
                    and method not in self._forward_methods()
                ):
                    return parent  # x.masked_fill(mask, ...), self.pos_embed(positions)
            return None
        if isinstance(parent, cst.Assign) and depth == 0 and len(parent.targets) == 1:
            target = parent.targets[0].target
            if isinstance(target, cst.Name):
                return self._later_use(target.value, parent, parents, fn, params)
        return None

    def _later_use(
        self,
        name: str,
        assign: cst.Assign,
        parents: dict[cst.CSTNode, cst.CSTNode],
        fn: cst.FunctionDef,
        params: list[str],
    ) -> cst.CSTNode | None:
        target = assign.targets[0].target
        uses = [n for n in nodes(fn.body, cst.Name) if n.value == name and n is not target]
        for use in uses:
            parent = parents.get(use)
            if (
                isinstance(parent, cst.Attribute)
                and parent.value is use
                and (parent.attr.value in _MOVES)
            ):
                return None  # moved somewhere in the method: assume it is handled
            if isinstance(parent, cst.AssignTarget):
                return None  # re-bound: too dynamic to follow
        # Only uses written after the assignment: a message must not point above the
        # line it is about (in a loop, the use above runs in the next iteration).
        for later in after(target, uses, fn.body):
            end = _through_methods(later, parents)
            if end is not None:
                found = self._meets(end, parents, fn, params, depth=1)
                if found is not None:
                    return found
        return None

    def _in_shape_function(
        self, node: cst.CSTNode, parents: dict[cst.CSTNode, cst.CSTNode]
    ) -> bool:
        while node in parents:
            node = parents[node]
            if isinstance(node, cst.Call) and (dotted(node.func) or "") in _SHAPE_FUNCS:
                return True
            if isinstance(node, cst.BaseStatement | cst.BaseSmallStatement):
                return False
        return False

    def _touches_inputs(self, node: cst.CSTNode, params: list[str], exclude: cst.CSTNode) -> bool:
        for child in children(node):
            if child is exclude:
                continue
            if any(
                isinstance(c.func, cst.Attribute) and c.func.attr.value == "cpu"
                for c in nodes(child, cst.Call)
            ):
                return False  # the other side is brought to the CPU on purpose
            for name in _names_in(child):
                parts = name.split(".")
                if parts[0] in params or (
                    parts[0] == "self" and len(parts) > 1 and parts[1] in self._weights
                ):
                    return True
        return False

    def _report(self, call: cst.Call, partner: cst.CSTNode, params: list[str]) -> None:
        names = [n.split(".")[0] for n in _names_in(partner)]
        names += [n.split(".")[0] for a in call.args for n in _names_in(a.value)]
        source = next((n for n in names if n in params), None)
        fix = None
        kind = (dotted(call.func) or "").rsplit(".", 1)[-1]
        if source is not None and kind in ("from_numpy", "Tensor"):
            # No device= on these: move the result instead.
            moved = method_call(call, "to", cst.parse_expression(f"{source}.device"))
            fix = FixSpec.unsafe(Replace(call, moved), message=f"move it to {source}.device")
        elif source is not None:
            device = kwarg("device", cst.parse_expression(f"{source}.device"))
            args = list(call.args)
            if args:
                args[-1] = args[-1].with_changes(
                    comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                )
            fix = FixSpec.unsafe(
                Replace(call, call.with_changes(args=[*args, device])),
                message=f"create it on {source}.device",
            )
        func = dotted(call.func) or "torch factory"
        where = f"`device={source}.device`" if source else "`device=` of the inputs"
        self.report(
            call,
            f"`{func}(...)` makes a CPU tensor inside the module, and it meets the inputs or "
            f"parameters at line <line:meet>: on a GPU this fails with 'Expected all tensors to "
            f"be on the same device'; pass {where}",
            fix,
            {"meet": partner},
        )


class LegacyTensorConstructor(FactoryWithoutDevice):
    code = "TL402"
    name = "legacy-tensor-constructor"
    # torch.FloatTensor(...), or one imported or bound under another name (T = torch.Tensor)
    triggers = (*(f"{kind}(" for kind in LEGACY_TENSOR_TYPES), "Tensor(", "Tensor as ")
    triggers += ("Tensor\n", "Tensor\r", "type(")  # (type(t)(n): torch.Tensor's constructor)
    # (no CLASS: with device= it is a finding anywhere)
    needs = frozenset({screen.LEGACY_CONSTRUCTOR})
    default_enabled = True
    summary = "`torch.FloatTensor(...)` and friends always make CPU tensors."
    fixable = True
    docs = """
    ## What it does
    In the methods a module's forward pass runs (`forward`, the methods it calls, and
    those of a plain helper object it keeps that return a tensor they make, as
    `self.sampler.draw(n)` returning `torch.LongTensor(ids)`), flags calls of the legacy CPU constructors `torch.FloatTensor(...)`,
    `torch.LongTensor(...)`, `torch.HalfTensor(...)`, `torch.BoolTensor(...)` and the
    like whose result meets the inputs or parameters, exactly as TL401 defines it
    (arithmetic, torch ops, a submodule call), unless the code moves it first. In any
    function, flags one whose tensor the flow analysis follows to a tensor on a device:
    in arithmetic, a comparison (`pred == labels`, `pred.eq(labels)`) or `torch.cat`, or
    indexed by that tensor's boolean mask
    (`torch.LongTensor(range(n))[labels == c]`, with `labels` on the GPU). The class
    of a tensor, `type(t)`, is `torch.Tensor` whatever device `t` is on, and calling it
    with sizes or data is the same legacy constructor: `type(x)(x.size())`, or
    `tensortype = type(batch.data)` called later, is flagged the same way; so is
    `torch.Tensor(...)` itself given sizes or data (`torch.Tensor([reward])`, a list
    written out: a CPU tensor with a dimension). Anywhere
    in the file, flags a legacy constructor given a `device=` other than `"cpu"`, also
    `torch.Tensor(data, device=device)`.

    ## Why is this bad?
    They always create CPU tensors of a fixed dtype, whatever the module's device and
    dtype: on a GPU the first op with the inputs fails (`Expected all tensors to be on
    the same device`), and under `.half()` the dtype no longer matches. With integer
    arguments they also allocate uninitialised memory (`torch.FloatTensor(2, 3)`).
    Code written for PyTorch 0.3, where `type(t)` of a CUDA tensor was
    `torch.cuda.FloatTensor`, makes CPU tensors this way since 0.4.
    Given `device=` they raise for any device but the CPU (`legacy constructor expects
    device type: cpu but device type: cuda was passed`). And a tuple argument is data,
    not a shape: `torch.FloatTensor((B, 1, 1, 1))` is the 4-element tensor `[B, 1, 1,
    1]`, not a `B x 1 x 1 x 1` one. When the tuple reads like sizes (names and
    integers), the message says so and the hint is `torch.empty((B, 1, 1, 1), ...)`;
    it never suggests `torch.tensor((B, 1, 1, 1))`, which would keep that bug.

    ## Example
    ```python
    weights = torch.FloatTensor([0.2, 0.8])
    ```

    ## Use instead
    ```python
    weights = torch.tensor([0.2, 0.8], dtype=torch.float32, device=x.device)
    ```

    ## Fix safety
    With a list or tuple literal, the fix writes `torch.tensor(DATA, dtype=...)`; with
    sizes, `torch.empty(SIZES, dtype=...)`. Both make the same CPU tensor as before:
    **safe** (add `device=` afterwards; TL401 points at where). A tuple that reads
    like sizes (`(B, 1, 1, 1)`) becomes `torch.empty((B, 1, 1, 1), ...)`: that fixes the
    shape, so it changes what the code makes: **unsafe**; so is the fix of a call with
    `device=`, which raised before. The call's receiver is
    torch's own constructor, named through its import, so no other object can be
    behind it. No fix for a single variable argument, which may be data or a size.

    ## References
    - [`torch.tensor`](https://pytorch.org/docs/stable/generated/torch.tensor.html)
    """

    def _legacy(self, call: cst.Call) -> bool:
        q = self.ctx.analysis.qualify(call.func) or ""
        head, _, kind = q.rpartition(".")
        return head == "torch" and kind in LEGACY_TENSOR_TYPES

    def _candidate(self, call: cst.Call) -> bool:
        # With device= it is reported wherever it is (visit_Call).
        return self._legacy(call) and _keyword(call, "device") is None

    def visit_Call(self, node: cst.Call) -> None:
        """``torch.FloatTensor(..., device=device)``: a legacy constructor raises for
        any device but the CPU, wherever it is called. Without ``device=``, in any
        function: its CPU tensor meets a tensor the flow analysis puts on a device."""
        device = _keyword(node, "device")
        tensor_class = self.ctx.analysis.qualify(node.func) == "torch.Tensor"
        if device is None and (self._legacy(node) or tensor_class):
            self._meets_device(node)  # (torch.Tensor([r]) too: its flow is the same)
            return
        if device is None:
            self._class_meets_device(node)  # tensortype(size), type(x)(size)
            return
        if device is None or _is_cpu(device.value):
            return
        if not self._legacy(node) and not tensor_class:
            return  # (torch.Tensor(data, device=...) is the same legacy constructor)
        torch_name, dtype = self._names(node)
        positional = [a for a in node.args if a.keyword is None]
        data = positional[0].value if len(positional) == 1 else None
        code = self.ctx.code_for
        dev = code(device.value)
        fix = None
        if isinstance(data, cst.Tuple) and _sizes_like(data):
            text = f"{torch_name}.empty({code(data)}, dtype={dtype}, device={dev})"
            fix = FixSpec.unsafe(
                Replace(node, cst.parse_expression(text)), message="use torch.empty"
            )
        elif isinstance(data, (cst.List, cst.Tuple)) and _numbers(data):
            text = f"{torch_name}.tensor({code(data)}, dtype={dtype}, device={dev})"
            fix = FixSpec.unsafe(
                Replace(node, cst.parse_expression(text)), message="use torch.tensor"
            )
        self.report(
            node,
            f"`{dotted(node.func)}(..., device=...)`: a legacy constructor only makes CPU "
            "tensors and raises for any other device ('legacy constructor expects device "
            f"type: cpu'){_as_data(data, code)}; use `torch.empty(SIZES, dtype={dtype}, "
            f"device={dev})` for a shape or `torch.tensor(DATA, dtype={dtype}, device={dev})` "
            "for data",
            fix,
        )

    def _meets_device(self, node: cst.Call) -> None:
        """A legacy constructor's CPU tensor that meets a tensor on a device (in
        arithmetic, ``torch.cat``, or indexed by its mask), as the flow analysis follows
        it through the file's functions and loops."""
        fn = self.ctx.function
        root: cst.CSTNode = fn.node if fn is not None else self.ctx.module
        for mix in self.ctx.analysis.flow.mixes.all(node):
            if written_before(mix.node, node, root) or not mix.device.on_accelerator:
                continue  # (a loop's next iteration): never point above the finding
            if self.once_at(node, node) is None:
                return
            code = self.ctx.code_for
            other = mix.device_expr
            indexed = isinstance(mix.node, cst.Subscript)
            # What the advice can name the device by: the operand, or for a mask
            # (``labels == c``) the tensor it compares.
            base = dotted(other) or (
                dotted(other.left)
                if isinstance(other, cst.Comparison)
                # hits.sum(): where hits is
                else dotted(other.func.value)
                if isinstance(other, cst.Call)
                and isinstance(other.func, cst.Attribute)
                and other.func.attr.value in SAME_PLACE_OPS
                else None
            )
            text = code(other) if len(code(other)) <= 40 else "a tensor"
            how = f"is indexed with the mask `{text}`" if indexed else f"meets `{text}`"
            error = (
                "'indices should be either on cpu or on the same device as the indexed tensor'"
                if indexed
                else "'Expected all tensors to be on the same device'"
            )
            there = f"{base}.device" if base is not None else "its device"
            related: dict[str, cst.CSTNode] = {"meets": mix.node}
            which = "which"
            made = mix.cpu.last("create")
            if made is not None and made.source is not None and made.source.node is not node:
                # torch.arange(n, device=lengths.device): made on the CPU because this was
                related["follows"] = made.source.node
                which = "and the tensor made on its device at line <line:follows>"
            self.report(
                node,
                f"`{dotted(node.func)}(...)` always makes a CPU tensor, {which} {how}, on a "
                f"device, at line <line:meets>: {error}; make it there "
                f"(`torch.tensor(..., device={there})`, `torch.arange(n, device={there})`)",
                None,
                related,
            )
            return

    def _class_meets_device(self, node: cst.Call) -> None:
        """``type(x)(sizes)``, or a name bound to ``type(x)`` and called: the legacy
        constructor of ``torch.Tensor`` (the class of every tensor, on any device),
        whose new CPU tensor the flow follows to a tensor on a device."""
        fn = self.ctx.function
        root: cst.CSTNode = fn.node if fn is not None else self.ctx.module
        for mix in self.ctx.analysis.flow.mixes.all(node):
            if not made_by_class(mix.cpu, node):
                continue
            if written_before(mix.node, node, root) or not mix.device.on_accelerator:
                continue
            if self.once_at(node, node) is None:
                return
            code = self.ctx.code_for
            related: dict[str, cst.CSTNode] = {"meets": mix.node}
            klass = node.func if isinstance(node.func, cst.Call) else _class_bound(node, root)
            called = code(node.func) if len(code(node.func)) <= 30 else "the class"
            if klass is not None and klass is not node.func:
                related["class"] = klass
                called = f"`{called}` (`{code(klass)}`, line <line:class>)"
            else:
                called = f"`{called}`"
            other = mix.device_expr
            text = code(other) if len(code(other)) <= 40 else "a tensor"
            # Where the other tensor went to the device, else where this function was
            # handed it (the innermost call).
            handed = mix.device.handed()
            source = mix.device.last("move") or (handed[-1] if handed else None)
            whence = ""
            if source is not None and source.node is not mix.device_expr:
                related["from"] = source.node
                how = "handed in" if source.action == "pass" else "moved there"
                whence = f" ({how} at line <line:from>)"
            base = dotted(other)
            there = (
                f"{base}.new_empty(...)`, `torch.empty(..., device={base}.device)"
                if base
                else ("torch.empty(..., device=...)")
            )
            self.report(
                node,
                f"{called} is `torch.Tensor` for a tensor on any device, and calling it is "
                f"the legacy constructor: a new CPU tensor, which meets `{text}`, on a "
                f"device{whence}, at line <line:meets>: 'Expected all tensors to be on the "
                f"same device'; make it where that tensor is (`{there}`)",
                None,
                related,
            )
            return

    def _names(self, node: cst.Call) -> tuple[str, str]:
        q = self.ctx.analysis.qualify(node.func) or ""
        kind = q.rpartition(".")[2]
        torch_name = (dotted(node.func) or "torch").rsplit(".", 1)[0]
        if "." not in (dotted(node.func) or ""):  # from torch import FloatTensor
            aliases = self.ctx.analysis.imports.local_names_for("torch")
            torch_name = aliases[0] if aliases else "torch"
        return torch_name, f"{torch_name}.{LEGACY_TENSOR_TYPES.get(kind, 'float32')}"

    def _report(self, node: cst.Call, partner: cst.CSTNode, params: list[str]) -> None:
        self._reported_at.add(id(node))  # (not again by the flow: _meets_device)
        q = self.ctx.analysis.qualify(node.func) or ""
        torch_name, dtype = self._names(node)
        fix = None
        args = node.args
        data = args[0].value if len(args) == 1 else None
        code = self.ctx.code_for
        if isinstance(data, cst.Tuple) and _sizes_like(data):
            # (B, 1, 1, 1) reads like a shape but is data: torch.tensor would keep
            # that bug, torch.empty fixes it and changes what the code makes.
            text = f"{torch_name}.empty({code(data)}, dtype={dtype})"
            fix = FixSpec.unsafe(
                Replace(node, cst.parse_expression(text)),
                message="use torch.empty (if these are sizes)",
            )
        elif isinstance(data, (cst.List, cst.Tuple, cst.ListComp)):
            text = f"{torch_name}.tensor({code(data)}, dtype={dtype})"
            fix = FixSpec.safe(
                Replace(node, cst.parse_expression(text)), message="use torch.tensor"
            )
        elif args and all(isinstance(a.value, cst.Integer) and a.keyword is None for a in args):
            sizes = ", ".join(code(a.value) for a in args)
            text = f"{torch_name}.empty({sizes}, dtype={dtype})"
            fix = FixSpec.safe(Replace(node, cst.parse_expression(text)), message="use torch.empty")
        self.report(
            node,
            f"`{dotted(node.func) or q}(...)` always makes a CPU tensor, and it meets the inputs "
            f"or parameters at line <line:meet>: on a GPU this fails{_as_data(data, code)}; use "
            f"`torch.tensor(..., dtype={dtype}, device=...)`"
            + (
                f" for data, `torch.empty({code(data)}, dtype={dtype}, device=...)` for a shape"
                if isinstance(data, cst.Tuple) and _sizes_like(data)
                else ""
            ),
            fix,
            {"meet": partner},
        )


def _keyword(call: cst.Call, name: str) -> cst.Arg | None:
    return next((a for a in call.args if a.keyword is not None and a.keyword.value == name), None)


def _is_cpu(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.SimpleString) and node.evaluated_value == "cpu"


def _numbers(seq: cst.List | cst.Tuple) -> bool:
    return bool(seq.elements) and all(
        isinstance(e.value, (cst.Integer, cst.Float))
        or (
            isinstance(e.value, cst.UnaryOperation)
            and isinstance(e.value.expression, (cst.Integer, cst.Float))
        )
        for e in seq.elements
    )


def _sizes_like(seq: cst.Tuple) -> bool:
    """``(B, 1, 1, 1)``, ``(x.shape[0], 1)``: integers and names, at least one name, no
    float: written as a shape."""
    values = [e.value for e in seq.elements]
    return (
        len(values) >= 2
        and all(
            isinstance(v, (cst.Integer, cst.Name, cst.Attribute, cst.Subscript)) for v in values
        )
        and any(not isinstance(v, cst.Integer) for v in values)
    )


def _as_data(data: cst.BaseExpression | None, code: Callable[[cst.CSTNode], str]) -> str:
    """The note that a tuple argument is data, not a shape."""
    if isinstance(data, cst.Tuple) and _sizes_like(data):
        n = len(data.elements)
        return (
            f"; and `{code(data)}` is data, not a shape: it makes a {n}-element tensor "
            "holding those numbers"
        )
    return ""


class HardCodedCuda(Rule):
    whole_class = True  # reads the class's other methods and attributes
    code = "TL403"
    name = "hard-coded-cuda"
    summary = '`.cuda()` or a `"cuda"` literal in code that otherwise follows a device variable.'
    default_enabled = False
    fixable = True
    triggers = ("cuda",)
    needs = frozenset({screen.CUDA_LITERAL, screen.DEVICE_NAME})
    docs = """
    ## What it does
    In a function that has a `device` parameter or variable, flags `.cuda()` calls and
    `"cuda"` / `"cuda:0"` literals passed as a device (`.to("cuda")`, `device="cuda"`).
    Off by default: scripts that only ever run on one GPU are entitled to say so.

    ## Why is this bad?
    The rest of the function follows `device`; the hard-coded line does not. On a CPU
    machine it fails (`Torch not compiled with CUDA enabled`), and on a multi-GPU host
    it puts this tensor on GPU 0 while the model is elsewhere (8 real threads).

    ## Example
    ```python
    def evaluate(model, batch, device):
        model.to(device)
        labels = batch["labels"].cuda()
    ```

    ## Use instead
    ```python
        labels = batch["labels"].to(device)
    ```

    ## Fix safety
    `.cuda()` becomes `.to(device)` and the literal becomes `device`: a change of
    placement whenever `device` is not `cuda:0`: **unsafe**.

    ## References
    - [`torch.Tensor.to`](https://pytorch.org/docs/stable/generated/torch.Tensor.to.html)
    """

    def visit_Call(self, node: cst.Call) -> None:
        fn = self.ctx.function
        if fn is None or not fn.binds("device"):
            return
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "cuda" and not node.args:
            new = node.with_changes(
                func=func.with_changes(attr=cst.Name("to")), args=[cst.Arg(cst.Name("device"))]
            )
            self.report(
                node,
                "`.cuda()` in code that follows `device`: use `.to(device)`",
                FixSpec.unsafe(Replace(node, new), message="use .to(device)"),
            )
            return
        is_to = isinstance(func, cst.Attribute) and func.attr.value == "to"
        for arg in node.args:
            literal = arg.value
            if not isinstance(literal, cst.SimpleString):
                continue
            text = literal.evaluated_value
            if not isinstance(text, str) or not (text == "cuda" or text.startswith("cuda:")):
                continue
            keyword = arg.keyword.value if arg.keyword is not None else None
            if keyword == "device" or (is_to and keyword is None):
                self.report(
                    literal,
                    f"`{literal.value}` in code that follows `device`: pass `device`",
                    FixSpec.unsafe(Replace(literal, cst.Name("device")), message="use device"),
                )


def _class_bound(call: cst.Call, root: cst.CSTNode) -> cst.Call | None:
    """The ``type(x)`` the name (or attribute) ``call`` calls was last bound to before
    it, in ``root``: ``tensortype = type(batch.data)``."""
    name = dotted(call.func)
    found = None
    for assign in nodes(root, cst.Assign):
        value = assign.value
        if (
            name is not None
            and len(assign.targets) == 1
            and dotted(assign.targets[0].target) == name
            and isinstance(value, cst.Call)
            and dotted(value.func) == "type"
            and written_before(assign, call, root)
        ):
            found = value
    return found
