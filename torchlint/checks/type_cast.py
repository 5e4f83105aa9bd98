"""TL101-TL103: ``.type(...)`` casts, which change the dtype but not the device (or,
in their legacy forms, silently change the device too)."""

from __future__ import annotations

import builtins

import libcst as cst

from torchlint import screen
from torchlint.analysis import (
    FORWARD_LIKE,
    LegacyType,
    device_in_scope,
    dotted,
    dtype_expr,
    legacy_type,
)
from torchlint.analysis.facts import FileFacts, FunctionFacts
from torchlint.analysis.receivers import known_tensor
from torchlint.analysis.values import Kind, Place, Value
from torchlint.checks._build import comma_separated, kwarg, renamed_method
from torchlint.rules.rule import FixSpec, Replace, Rule

# Calls that take a tensor but are not modules whose weights could sit elsewhere.
_NOT_MODULE_METHODS = frozenset(
    """
    append extend insert add sub mul div matmul mm bmm add_ sub_ mul_ div_ copy_
    masked_fill masked_fill_ where expand expand_as view view_as reshape reshape_as
    index_select gather scatter scatter_ to type_as type cat stack update setdefault
    get pop format join item numpy tolist clamp clamp_ pow eq ne lt le gt ge
    """.split()
)
_BUILTINS = frozenset(dir(builtins))


def _type_call(node: cst.Call) -> cst.Arg | None:
    """The argument of ``<receiver>.type(<arg>)`` on something that may be a tensor."""
    func = node.func
    if not isinstance(func, cst.Attribute) or func.attr.value != "type":
        return None
    if len(node.args) != 1:
        return None
    arg = node.args[0]
    if arg.star or (arg.keyword is not None and arg.keyword.value != "dtype"):
        return None
    receiver = func.value
    if isinstance(
        receiver,
        (
            cst.SimpleString,
            cst.ConcatenatedString,
            cst.Integer,
            cst.Float,
            cst.List,
            cst.Dict,
            cst.Tuple,
        ),
    ):
        return None
    if isinstance(receiver, cst.Name) and receiver.value in ("self", "cls"):
        return None  # nn.Module.type() / a class's own method
    return arg


def _created_on_device_of(func: cst.Attribute, other: str) -> bool:
    """``torch.zeros(n, device=w.device).type(w.type())``: the receiver is already on
    ``w``'s device, and ``.type()`` keeps the device when the device type matches."""
    receiver = func.value
    if not isinstance(receiver, cst.Call):
        return False
    for arg in receiver.args:
        if arg.keyword is not None and arg.keyword.value == "device":
            return dotted(arg.value) == f"{other}.device"
    return False


def round_trip(
    node: cst.Call, analysis: FileFacts, function: FunctionFacts | None
) -> cst.Call | None:
    """The ``.type(...)`` call that ``node`` moves back to a device, when ``node`` is
    a move to a chosen device (``.to(...)`` other than a bare dtype, ``.cuda(i)``)
    of a chain that went through one: ``mask.type(torch.FloatTensor).unsqueeze(1)
    .to(device)``. (A bare ``.cuda()`` lands on the current GPU, wherever the
    tensor was: still TL102's.)"""
    func = node.func
    if not isinstance(func, cst.Attribute) or func.attr.value not in ("to", "cuda"):
        return None
    if not node.args or (
        func.attr.value == "to" and dtype_expr(node.args[0].value, analysis, function)
    ):  # (.to(torch.float16) casts, it does not move)
        return None
    value: cst.BaseExpression = func.value
    while True:
        if isinstance(value, cst.Subscript):
            value = value.value
        elif isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute):
            if value.func.attr.value == "type":
                return value
            value = value.func.value
        else:
            return None


class _TypeCastRule(Rule):
    """Shared matching for the ``.type()`` family; each subclass keeps one shape."""

    triggers = (".type(",)

    def _module_callee(self, node: cst.Call) -> str | None:
        """If ``node`` calls something that looks like a module (``self.vpm``,
        ``self.vpm.forward_features``, a local ``encoder``), its dotted name."""
        name = dotted(node.func)
        if name is None:
            if isinstance(node.func, cst.Subscript):  # self.blocks[i](x)
                inner = dotted(node.func.value)
                return f"{inner}[...]" if inner and inner.startswith("self.") else None
            return None
        parts = name.split(".")
        if self.ctx.analysis.imports.qualify(node.func) is not None:
            return None  # torch.cat, F.linear, np.asarray, an imported function
        if parts[-1] in _NOT_MODULE_METHODS or parts[-1].startswith("__"):
            return None
        if len(parts) >= (3 if parts[0] == "self" else 2) and not parts[-1].startswith(
            FORWARD_LIKE
        ):
            # self.conv.update_weights(...): a helper method, not a forward pass.
            return None
        fn = self.ctx.function
        if parts[0] == "self":
            cls = self.ctx.cls
            if len(parts) == 1 or cls is None or not cls.is_module:
                return None
            if len(parts) == 2 and parts[1] in cls.methods:
                return None  # a method of the same class, not a submodule
            return name
        if len(parts) == 1 and (parts[0] in _BUILTINS or fn is None):
            return None
        if fn is not None and fn.binds(parts[0]) and parts[0] not in _BUILTINS:
            value = fn.single_value(parts[0])
            if isinstance(value, cst.Call):
                made_by = self.ctx.analysis.qualify(value.func) or ""
                if made_by.startswith("torch.") and not made_by.startswith("torch.nn."):
                    return None  # a distribution, a tensor, a generator: not a module
            return name
        return None


class TypeCastWithoutDevice(_TypeCastRule):
    needs = frozenset({screen.TYPE_CAST_ARGUMENT})
    code = "TL101"
    name = "type-cast-without-device"
    summary = (
        "A tensor cast with `.type(dtype)` is fed straight into a module: the cast "
        "fixes the dtype but not the device."
    )
    fixable = True
    docs = """
    ## What it does
    Flags `x.type(dtype)` when its result is passed directly to a module call, such
    as `self.vpm.forward_features(pixel_value.type(dtype))` or
    `self.encoder(x.type(self.dtype))`, inside an `nn.Module` subclass or a function
    where the callee is a local module. Not when every walk that reaches the call has
    the tensor moved, in the code, to the device the module was moved to, spelled the
    same (`images.to(device)` and `model.to(device)` with the caller's `device`): the
    device was chosen, and the module is there.

    ## Why is this bad?
    `.type(dtype)` converts the dtype and leaves the tensor where it is. When the
    module's weights live on another device (a vision tower cast with `.half()` but
    never moved, a model partly offloaded, adapters added after placement), the
    call crashes deep inside the forward pass:
    `Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be
    the same`. This is the crash of a MiniCPM-V LoRA fine-tune: the dtype came from
    the vision tower's parameters, but the device did not. Casting with
    `.to(device=..., dtype=...)`, taking both from the same parameter, makes the call
    site robust to how the model was placed.

    ## Example
    ```python
    dtype = self.vpm.pos_embed.dtype
    feats = self.vpm.forward_features(pixel_value.unsqueeze(0).type(dtype))
    ```

    ## Use instead
    ```python
    dtype = self.vpm.pos_embed.dtype
    feats = self.vpm.forward_features(
        pixel_value.unsqueeze(0).to(device=self.vpm.pos_embed.device, dtype=dtype)
    )
    ```

    ## Fix safety
    When the code shows a device that goes with the dtype (the `.device` of the
    tensor the dtype was read from, a `device` variable or parameter, or
    `self.device` on a class that defines it), the fix rewrites the cast to
    `.to(device=DEVICE, dtype=DTYPE)`. That moves the tensor, which is the point, but
    it is a change of behaviour: the fix is **unsafe** (applied with
    `--fix --unsafe-fixes`). Without a device, the fix is `.to(DTYPE)`, which does
    exactly what `.type(DTYPE)` did: **safe** when DTYPE is provably a `torch.dtype`
    (`torch.float16`, `x.dtype`) and the receiver can only be a tensor (made by a
    torch function, or by a tensor-only method such as `.detach()` or `.unsqueeze()`,
    `torchlint/analysis/receivers.py`), so no receiver the code could hold behaves
    differently; unsafe when DTYPE is a variable that could also hold a legacy type
    string, or when the receiver could be something else (an `nn.Module`'s `.type()`
    also casts its integer buffers; other classes have their own `.type()`), and then
    the fix's message says it assumes a tensor.

    ## References
    - [`torch.Tensor.to`](https://pytorch.org/docs/stable/generated/torch.Tensor.to.html)
    - [`torch.Tensor.type`](https://pytorch.org/docs/stable/generated/torch.Tensor.type.html)
    """

    def visit_Call(self, node: cst.Call) -> None:
        callee = self._module_callee(node)
        if callee is None:
            return
        for arg in node.args:
            value = arg.value
            if isinstance(value, cst.Call) and not self._placed_with(node, arg):
                self._check_cast(value, callee)

    def _placed_with(self, node: cst.Call, arg: cst.Arg) -> bool:
        """Every walk that reaches the call has the cast tensor moved (in the code, to
        a device) where the module is (``image.to(device)`` for a model moved to the
        same ``device``): the device was chosen, and the module is there."""
        seen = self.ctx.analysis.flow.calls.all(node)
        return bool(seen) and all(
            any(
                a is arg
                and v.last("move") is not None
                and v.device is not None
                and v.device not in (Place.MAYBE, Place.AUTO, Place.PREPARED)
                and v.device == obs.module.device
                and obs.module.last("move", "place") is not None
                and (v.device == Place.CPU or self._same_code(v, obs.module))
                for a, v in obs.args
            )
            for obs in seen
        )

    def _same_code(self, one: Value, other: Value) -> bool:
        """Both on a device spelled the same (``device``, ``self.device``, ``"cuda:1"``)."""
        a, b = one.device_expr, other.device_expr
        return a is not None and b is not None and self.ctx.code_for(a) == self.ctx.code_for(b)

    def _check_cast(self, cast: cst.Call, callee: str) -> None:
        arg = _type_call(cast)
        if arg is None:
            return
        analysis, fn = self.ctx.analysis, self.ctx.function
        if legacy_type(arg.value, analysis) is not None:
            return  # TL102's business
        dtype = dtype_expr(arg.value, analysis, fn)
        if dtype is None:
            return
        spelled = self.ctx.code_for(arg.value)
        device = device_in_scope(analysis, fn, dtype)
        if device is not None:
            to = comma_separated(kwarg("device", device), kwarg("dtype", arg.value))
            fix = FixSpec.unsafe(
                Replace(cast, renamed_method(cast, "to", to)),
                message=f"cast with .to(device={self.ctx.code_for(device)}, dtype={spelled})",
            )
            advice = f"use `.to(device={self.ctx.code_for(device)}, dtype={spelled})`"
        else:
            assert isinstance(cast.func, cst.Attribute)
            tensor = known_tensor(cast.func.value, analysis, fn)
            fix = FixSpec.safe_if(
                dtype.certain and tensor,
                Replace(cast.func.attr, cst.Name("to")),
                message=f"cast with .to({spelled})" + ("" if tensor else _ASSUMES_TENSOR),
            )
            advice = f"use `.to(device=..., dtype={spelled})` with the module's device"
        origin = ""
        related = {}
        if dtype.source is not None:
            origin = f" (`{spelled}` is read from `{self.ctx.code_for(dtype.source)}` at line <line:dtype>)"
            related["dtype"] = dtype.source
        assert isinstance(cast.func, cst.Attribute)
        self.report(
            cast.func.attr,
            f"`.type({spelled})` changes the dtype but not the device of the input to "
            f"`{callee}`{origin}; if the module's weights are on another device the call "
            f"crashes: {advice}",
            fix,
            related,
        )


# Said in a fix's message when the receiver may not be a tensor: what the fix assumes.
_ASSUMES_TENSOR = (
    " (assumes a tensor: an nn.Module's .type() also casts its integer buffers, and "
    "other classes' .type()/.to() may differ)"
)


class LegacyTypeCast(_TypeCastRule):
    needs = frozenset({screen.LEGACY_TYPE_CAST})
    code = "TL102"
    name = "legacy-type-cast"
    summary = (
        "`.type()` with a legacy tensor type (`torch.cuda.HalfTensor`, "
        "`'torch.FloatTensor'`, `y.type()`) silently moves the tensor as well."
    )
    fixable = True
    docs = """
    ## What it does
    Flags `.type(...)` casts whose argument is a legacy tensor type: a class such as
    `torch.cuda.HalfTensor` or `torch.FloatTensor`, the same name as a string
    (`'torch.cuda.FloatTensor'`), or another tensor's type string (`x.type(y.type())`).
    A CPU type whose result is moved on in the same expression to a chosen device
    (`.type(torch.FloatTensor).to(device)`, `.cuda(rank)`) ends where the move puts
    it: that round trip through the CPU is left to TL103 (opt-in), since nothing
    fails. (A bare `.cuda()` goes to the current GPU, wherever the tensor was: still
    reported here.) A CPU type on a tensor that the flow analysis follows to the CPU
    in every walk that reaches the cast (`torchaudio.load`'s waveform quantized in a
    helper, a `torch.tensor(...)` label) moves nothing: not reported.

    ## Why is this bad?
    These forms carry a device as well as a dtype, so the "cast" is also a move:
    `.type(torch.FloatTensor)` quietly brings a CUDA tensor back to the CPU, and
    `.type(torch.cuda.HalfTensor)` / `.type(y.type())` send a CPU tensor to the *current* GPU,
    not to the GPU that `y` or the model is on (the type string has no device index).
    On one GPU the code works; on a multi-GPU or CPU-only machine it crashes with
    `Expected all tensors to be on the same device` or, worse, runs on the wrong
    device.

    ## Example
    ```python
    mask = mask.type(torch.cuda.FloatTensor)
    labels = labels.type(logits.type())
    ```

    ## Use instead
    ```python
    mask = mask.to(device="cuda", dtype=torch.float32)
    labels = labels.to(logits)  # dtype AND device (with its index) of logits
    ```

    ## Fix safety
    CPU legacy types (`torch.HalfTensor`, `'torch.FloatTensor'`) are rewritten to
    `.to(device="cpu", dtype=...)`, which does exactly the same on a tensor: **safe**
    when the receiver can only be a tensor (made by a torch function or a tensor-only
    method, `torchlint/analysis/receivers.py`), so no receiver the code could hold
    behaves differently. Otherwise **unsafe**, and the fix's message says it assumes a
    tensor: an `nn.Module`'s `.type(torch.FloatTensor)` also casts its integer buffers,
    which `.to(dtype=...)` leaves alone, and other classes have their own `.type()`.
    CUDA types
    become `.to(device="cuda", dtype=...)`: the same on the current GPU, but
    `.type()` keeps a tensor that is already on another GPU where it is while
    `.to("cuda")` moves it, so this fix is **unsafe**. `x.type(y.type())` becomes
    `x.to(y)`, which also matches `y`'s device index: the intended behaviour, but a
    change, so **unsafe**. The string form needs `torch` imported to spell the dtype;
    without it no fix is offered.

    ## References
    - [Tensor types](https://pytorch.org/docs/stable/tensors.html#data-types)
    - [`torch.Tensor.to`](https://pytorch.org/docs/stable/generated/torch.Tensor.to.html)
    """

    def __init__(self, ctx: object) -> None:
        super().__init__(ctx)  # type: ignore[arg-type]
        self._moved_back: set[cst.Call] = set()

    def visit_Call(self, node: cst.Call) -> None:
        back = round_trip(node, self.ctx.analysis, self.ctx.function)
        if back is not None:
            self._moved_back.add(back)
        arg = _type_call(node)
        if arg is None:
            return
        analysis = self.ctx.analysis
        legacy = legacy_type(arg.value, analysis)
        if legacy is not None:
            if legacy.device == "cpu" and node in self._moved_back:
                return  # moved on in the same expression: a round trip, TL103's
            if legacy.device == "cpu" and self._on_cpu(node):
                return  # nothing moves: a cast only, TL103's
            self._legacy(node, legacy)
            return
        value = arg.value
        if (
            isinstance(value, cst.Call)
            and isinstance(value.func, cst.Attribute)
            and value.func.attr.value == "type"
            and not value.args
        ):
            other = value.func.value
            spelled = self.ctx.code_for(other)
            if _created_on_device_of(node.func, spelled):  # type: ignore[arg-type]
                return
            self.report(
                node.func.attr,  # type: ignore[attr-defined]
                f"`.type({spelled}.type())` converts through a type string that has no "
                f"device index: a CPU tensor lands on the current GPU, not on "
                f"`{spelled}`'s; use `.to({spelled})`",
                FixSpec.unsafe(
                    Replace(node, renamed_method(node, "to", [cst.Arg(other)])),
                    message=f"cast with .to({spelled})",
                ),
            )

    def _on_cpu(self, node: cst.Call) -> bool:
        """The receiver is a tensor on the CPU in every walk that reached ``node``:
        its own (where a parameter may be unknown, if the file's calls of the
        function were followed) and each call of the file that led there."""
        flow = self.ctx.analysis.flow.type_receivers
        own = flow.get(node)
        seen = flow.in_context.get(node, [])
        if own is not None and own.kind is None and own.device is None:
            own = None  # (a parameter: what the callers hand in decides)
        walks = [v for v in (own, *seen) if v is not None]
        if not walks or any(v.kind != Kind.TENSOR or v.device != Place.CPU for v in walks):
            return False
        # (unless it meets a tensor on a device, as cast: ``torch.cat([v, u])`` with
        # ``u = torch.tensor(rows).type(torch.FloatTensor)``: the bug is still here)
        mixes = self.ctx.analysis.flow.mixes
        return not any(
            m.device.device not in (None, Place.CPU)
            for v in walks
            if (made := v.last("create")) is not None
            for m in mixes.all(made.node)
        )

    def _legacy(self, node: cst.Call, legacy: LegacyType) -> None:
        aliases = self.ctx.analysis.imports.local_names_for("torch")
        arg = node.args[0].value
        torch_name = None
        if not isinstance(arg, cst.SimpleString):
            root = dotted(arg)
            torch_name = root.split(".")[0] if root else None
        elif aliases:
            torch_name = aliases[0]
        target = f'.to(device="{legacy.device}", dtype=torch.{legacy.dtype})'
        assert isinstance(node.func, cst.Attribute)
        tensor = known_tensor(node.func.value, self.ctx.analysis, self.ctx.function)
        fix = None
        if torch_name is not None:
            dtype_node = cst.parse_expression(f"{torch_name}.{legacy.dtype}")
            new = renamed_method(
                node,
                "to",
                comma_separated(
                    kwarg("device", cst.SimpleString(f'"{legacy.device}"')),
                    kwarg("dtype", dtype_node),
                ),
            )
            fix = FixSpec.safe_if(
                legacy.device == "cpu" and tensor,
                Replace(node, new),
                message=f'cast with .to(device="{legacy.device}", dtype={torch_name}.{legacy.dtype})'
                + ("" if tensor else _ASSUMES_TENSOR),
            )
        moves = (
            "moves the tensor to the CPU"
            if legacy.device == "cpu"
            else "moves a CPU tensor to the current GPU, not necessarily the model's"
        )
        receiver = dotted(node.func.value)
        named = f"`{receiver}`" if receiver else "the receiver"
        # (a CUDA type's fix is unsafe anyway, and its message already says "tensor")
        assumes = "" if tensor or legacy.device != "cpu" else f" (if {named} is a tensor)"
        self.report(
            node.func.attr,
            f"`.type({legacy.spelled})` is a legacy cast that also {moves}{assumes}; "
            f"say both explicitly with `{target}`",
            fix,
        )


class TypeCast(_TypeCastRule):
    code = "TL103"
    name = "type-cast"
    summary = "`.type(dtype)` cast; prefer `.to(dtype)`, which can also take the device."
    default_enabled = False
    fixable = True
    docs = """
    ## What it does
    Flags every `x.type(dtype)` with a dtype argument (a torch dtype, an `x.dtype`
    attribute, or a variable named like a dtype) that TL101 and TL102 do not already
    report; and a CPU legacy type moved back in the same expression
    (`mask.type(torch.FloatTensor).to(device)`), a round trip through the CPU.

    ## Why is this bad?
    `.type()` is the older spelling of a cast and accepts both dtypes and legacy type
    strings, so a reader cannot tell whether it also moves the tensor. `.to(dtype)`
    says exactly what happens and is where `device=` goes when the tensor must follow
    a module. The round trip (`.type(torch.FloatTensor).to(device)` on a GPU tensor)
    copies the tensor to host memory and back and synchronises with the GPU on every
    call, for what is meant as a cast. Off by default: in library code whose inputs
    are already on the right device this is a matter of style and speed, not a bug.

    ## Example
    ```python
    attn_weights = attn_weights.type(value.dtype)
    ```

    ## Use instead
    ```python
    attn_weights = attn_weights.to(value.dtype)
    ```

    ## Fix safety
    `.type(D)` becomes `.to(D)`. **Safe** when `D` is provably a `torch.dtype`
    (`torch.float16`, `value.dtype`) and the receiver can only be a tensor (made by a
    torch function or a tensor-only method, `torchlint/analysis/receivers.py`): the
    two calls then do the same for any receiver the code could hold. **Unsafe** for a
    variable known only by its name, which could hold a legacy type string that `.to()`
    does not accept, and for a receiver that could be something else (an `nn.Module`'s
    `.type()` also casts its integer buffers): the fix's message then says it assumes
    a tensor. A round trip's `.type(torch.FloatTensor)` becomes
    `.to(dtype=torch.float32)`: **safe** when the move follows it directly and the
    receiver can only be a tensor (the value ends where the move puts it, with the
    same contents); **unsafe** with calls between them, which then run on the GPU
    instead of the CPU (a sum may round differently).

    ## References
    - [`torch.Tensor.to`](https://pytorch.org/docs/stable/generated/torch.Tensor.to.html)
    """

    def __init__(self, ctx: object) -> None:
        super().__init__(ctx)  # type: ignore[arg-type]
        self._fed_to_modules: set[cst.Call] = set()
        self._moved_back: dict[cst.Call, cst.Call] = {}

    def visit_Call(self, node: cst.Call) -> None:
        if self._module_callee(node) is not None:
            # TL101 reports these; remember them so they are not reported twice.
            self._fed_to_modules.update(a.value for a in node.args if isinstance(a.value, cst.Call))
        back = round_trip(node, self.ctx.analysis, self.ctx.function)
        if back is not None:
            self._moved_back[back] = node
        arg = _type_call(node)
        if arg is None or node in self._fed_to_modules:
            return
        analysis, fn = self.ctx.analysis, self.ctx.function
        legacy = legacy_type(arg.value, analysis)
        if legacy is not None:
            if legacy.device == "cpu" and node in self._moved_back:
                self._round_trip(node, legacy, self._moved_back[node])
            return
        dtype = dtype_expr(arg.value, analysis, fn)
        if dtype is None:
            return
        assert isinstance(node.func, cst.Attribute)
        spelled = self.ctx.code_for(arg.value)
        tensor = known_tensor(node.func.value, analysis, fn)
        self.report(
            node.func.attr,
            f"`.type({spelled})` cast: use `.to({spelled})`, and pass `device=` there "
            "if the result must follow a module",
            FixSpec.safe_if(
                dtype.certain and tensor,
                Replace(node.func.attr, cst.Name("to")),
                message=f"cast with .to({spelled})" + ("" if tensor else _ASSUMES_TENSOR),
            ),
        )

    def _round_trip(self, node: cst.Call, legacy: LegacyType, move: cst.Call) -> None:
        """``x.type(torch.FloatTensor).to(device)``: moved to the CPU by the cast and
        back by the move; only the dtype is meant."""
        aliases = self.ctx.analysis.imports.local_names_for("torch")
        assert isinstance(node.func, cst.Attribute)
        fix = None
        if aliases:
            dtype = f"{aliases[0]}.{legacy.dtype}"
            # (directly moved: the same values wherever the cast runs; with other
            # calls between, they run on the GPU instead of the CPU)
            direct = isinstance(move.func, cst.Attribute) and move.func.value is node
            tensor = known_tensor(node.func.value, self.ctx.analysis, self.ctx.function)
            fix = FixSpec.safe_if(
                direct and tensor,
                Replace(
                    node, renamed_method(node, "to", [kwarg("dtype", cst.parse_expression(dtype))])
                ),
                message=f"cast with .to(dtype={dtype})" + ("" if tensor else _ASSUMES_TENSOR),
            )
        method = move.func.attr.value if isinstance(move.func, cst.Attribute) else "to"
        self.report(
            node.func.attr,
            f"`.type({legacy.spelled})` moves the tensor to the CPU and the `.{method}()` "
            "after it moves it back: a round trip through host memory (and a "
            f"synchronisation) for what is only a cast; cast with "
            f"`.to(dtype=torch.{legacy.dtype})`",
            fix,
        )
