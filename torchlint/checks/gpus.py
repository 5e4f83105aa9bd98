"""TL208-TL210: a tensor put on the *current* GPU (``.cuda()``, ``"cuda"``) where the
code means another one: a model placed on a GPU the code chooses (``args.device``,
``f"cuda:{rank}"``, ``.cuda(args.gpu)``, ``device_map={"": device}``; which GPU each
move picks is read from the flow analysis, ``torchlint.analysis.gpus``), a tensor
whose device an ``if x.is_cuda:`` follows, or one made on ``x.device.type`` (the
GPU's index dropped)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst

from torchlint import screen
from torchlint.analysis.branches import followed_tensor
from torchlint.analysis.gpus import device_argument, gpu_of
from torchlint.analysis.names import dotted
from torchlint.analysis.observations import CallObs, RetypeObs
from torchlint.analysis.order import contains, precedes
from torchlint.analysis.torch_api import (
    DEVICE_TAKERS,
    FACTORY_FUNCTIONS,
    NEW_TENSOR_METHODS,
    SCATTERING_WRAPPERS,
)
from torchlint.analysis.values import Event, Gpu, Kind, Value
from torchlint.checks._build import attribute_base, renamed_method
from torchlint.checks._devices import model_name, usable
from torchlint.rules.rule import FixSpec, LintContext, Replace, Rule


def _bare_cuda(node: cst.Call) -> bool:
    """``x.cuda()``, ``x.cuda(non_blocking=True)``: no GPU named."""
    return _is_cuda(node) and device_argument(node) is None


class CurrentGpuMismatch(Rule):
    code = "TL208"
    name = "current-gpu-mismatch"
    summary = (
        'A tensor put on the current GPU (`.cuda()`, `"cuda"`) meets a model or a tensor '
        'on a GPU the code chooses (`args.device`, `f"cuda:{rank}"`, `.cuda(args.gpu)`).'
    )
    triggers = ("cuda",)
    # A placed module, or a tensor on a chosen GPU (a move: ACCELERATOR, which every
    # placed module's unit also has) meeting one on the current GPU.
    needs = frozenset({screen.CUDA_LITERAL, screen.ACCELERATOR})
    keeps = frozenset({screen.SETS_GPU})  # analysis.current_gpu
    docs = """
    ## What it does
    `.cuda()`, `"cuda"` and `torch.device("cuda")` mean the *current* GPU: GPU 0,
    unless the process said otherwise with `torch.cuda.set_device`. Flags a model
    placed on a device the code chooses (an option such as `.to(args.device)`, also
    read into a name first, an entry of a settings dict the code writes,
    `config["devices"][0]` of `{"devices": [torch.device("cuda:1")]}`, a
    `device` parameter, `f"cuda:{rank}"`, `.cuda(args.gpu)`,
    `device_map={"": device}`, `"cuda:" + str(args.gpu)`) that is called with an
    input moved by `.cuda()` or
    `"cuda"` (or the other way round). The flow is followed through the file's
    helpers, loops and methods (a part a method builds later, `self.head = None` in
    `__init__` and `nn.Linear(...)` in `grow()`, is where the model is); the finding
    is on the line that names the current GPU, with the placement and the call as
    related lines.

    Also flags a tensor put on the current GPU that meets, in an op that needs one
    device (arithmetic, `@`, `torch.cat`, `masked_fill`, `F.embedding`, the
    `window=` of `torch.stft`, the `attn_mask=` of
    `F.scaled_dot_product_attention`, ...), a tensor
    on a GPU the
    code chooses: one moved there (or made there: `torch.zeros_like(values)` of a
    model's output is on the model's GPU), or, in the forward of a model placed
    there (or in a method the code runs on it, `decoder.infer(memory)`), an input or
    a submodule's output (a mask made by a helper with `.cuda()`, a plain
    tensor attribute moved with `.cuda()` in `__init__`, which the model's
    `.to(args.device)` leaves where it is). The finding is on the line that names
    the current GPU, with the meeting and the placement as related lines (where that
    tensor is also handed to the model itself, the call's story is told instead). A
    placement that depends
    on the caller (a helper's `device` parameter that one caller fills with
    `torch.device("cuda")`) is not a choice.

    Not flagged in a file that sets the current GPU (`torch.cuda.set_device`,
    `with torch.cuda.device(...)`, `CUDA_VISIBLE_DEVICES`) or uses a library that
    runs one process per GPU and sets it (accelerate, Lightning, DeepSpeed); not for
    models wrapped in `DataParallel`/`DistributedDataParallel` (they scatter their
    inputs), nor for `device_map="auto"` (its first GPU is GPU 0).

    ## Why is this bad?
    On one GPU nothing happens. On a host with several, the run that picks
    `--device cuda:1` (or a worker on rank 1) crashes inside the forward pass with
    `Expected all tensors to be on the same device, but found at least two devices,
    cuda:1 and cuda:0!` (6 real threads: LLaVA, OpenPrompt, brevitas, GraphWriter,
    DrugOOD).

    ## Example
    ```python
    model = LlavaForConditionalGeneration.from_pretrained(path, device_map={"": args.device})
    input_ids = enc["input_ids"].cuda()
    model.generate(input_ids=input_ids)
    ```

    ## Use instead
    ```python
    input_ids = enc["input_ids"].to(model.device)
    ```

    ## Fix safety
    No fix: which spelling of the model's device is in reach at the move is for the
    author to say; the message names it when the move's function has it.

    ## References
    - [CUDA semantics: the current device](https://pytorch.org/docs/stable/notes/cuda.html#cuda-semantics)
    - [`torch.cuda.set_device`](https://pytorch.org/docs/stable/generated/torch.cuda.set_device.html)
    """

    def __init__(self, ctx: LintContext) -> None:
        super().__init__(ctx)
        self._inputs: frozenset[int] | None = None

    def visit_Call(self, node: cst.Call) -> None:
        analysis = self.ctx.analysis
        if analysis.current_gpu is not None:
            return
        flow = analysis.flow
        self._mixed(node)
        for obs in flow.calls.all(node):
            placed = gpu_of(obs.module, flow.gpus)
            if placed is None or obs.in_forward:
                continue  # (inside a forward: the call that ran the model says it)
            wrap = obs.module.last("wrap")
            if wrap is not None and wrap.detail in SCATTERING_WRAPPERS:
                continue  # they scatter their inputs to device_ids themselves
            for arg, value in obs.args:
                if value.kind not in (Kind.TENSOR, Kind.MOVED, Kind.ENCODING):
                    continue
                # (a model's output is on the GPU that model was put on: "ran")
                moved = gpu_of(value, flow.gpus, ran=True)
                if moved is None or moved[0] == placed[0]:
                    continue
                self._report(node, obs, arg, value, placed, moved)

    def _model_inputs(self) -> frozenset[int]:
        """The moves (by node id) that put on the current GPU an input of a call of a
        module placed on a chosen one: reported as that call's input."""
        if self._inputs is None:
            flow = self.ctx.analysis.flow
            seen = [
                *flow.calls.values(),
                *(o for more in flow.calls.in_context.values() for o in more),
            ]
            self._inputs = frozenset(
                id(moved[1].node)
                for obs in seen
                if not obs.in_forward and gpu_of(obs.module, flow.gpus) is not None
                for _, value in obs.args
                if (moved := gpu_of(value, flow.gpus, ran=True)) is not None
            )
        return self._inputs

    def _mixed(self, node: cst.Call) -> None:
        """``node`` put a tensor on the current GPU, and it met one on a GPU the code
        chooses (``GpuMixObs``): reported here, once."""
        if _bare_cuda(node) and gpu_branch(self.ctx.statements, node) is not None:
            return  # (``if x.is_cuda: y = y.cuda()``: TL209 says it, with the fix)
        for mix in self.ctx.analysis.flow.gpu_mixes.all(node):
            if id(mix.current.node) in self._model_inputs():
                continue  # (it also reaches the model itself: that call says it first)
            at = self.once_at(mix.current.node, node, not self.ctx.in_this_file(mix.node))
            if at is None:
                return
            code = self.ctx.code_for
            moving = mix.current.node
            receiver = None
            if (
                isinstance(moving, cst.Call)
                and isinstance(moving.func, cst.Attribute)
                and moving.func.attr.value in ("cuda", "to")  # (not torch.full(...))
            ):
                receiver = dotted(moving.func.value)
            subject = f"`{receiver}`" if receiver else "This tensor"
            other = dotted(mix.chosen_expr) or code(mix.chosen_expr)
            other = f"`{other}`" if len(other) <= 40 else "the other operand"
            where, expr = _spelled(mix.chosen, code)
            # (an expression reads its .device in parentheses: (gamma * running).device)
            device = code(cst.Attribute(attribute_base(mix.chosen_expr), cst.Name("device")))
            advice = f"`.to({device})`" if other.startswith("`") else ""
            fn = self.ctx.function
            reach = (
                at is moving
                and fn is not None
                and contains(fn.node, moving)
                and contains(fn.node, mix.chosen.node)
            )
            if expr is not None and reach and len(code(expr)) <= 40:
                advice += f"{' or ' if advice else ''}`.to({code(expr)})`"
            related = {"meet": mix.node, "chosen": mix.chosen.node}
            here = "here"
            if at is not moving:
                # (the move is in another file of the project: the call that led there)
                related["current"] = moving
                here = "at line <line:current>"
            self.report(
                at,
                f"{subject} is put on the current GPU {here} (GPU 0 unless the process sets "
                f"another), and meets {other} at line <line:meet>, which is on {where} "
                "(line <line:chosen>), a GPU the code chooses: whenever that is not the "
                "current one, the op fails ('Expected all tensors to be on the same "
                "device'); put it on the other tensor's device"
                + (f" ({advice})" if advice else "")
                + ", or set the current GPU with `torch.cuda.set_device`",
                None,
                related,
            )
            return

    def _report(
        self,
        node: cst.Call,
        obs: CallObs,
        arg: cst.Arg,
        value: Value,
        placed: tuple[Gpu, Event],
        moved: tuple[Gpu, Event],
    ) -> None:
        code = self.ctx.code_for
        name = dotted(arg.value) or code(arg.value)
        whole = model_name(obs.callee)
        chosen = placed if placed[0] == Gpu.CHOSEN else moved
        current = moved if chosen is placed else placed
        # (one finding per call whose inputs another file moved: the line to change is there)
        at = self.once_at(current[1].node, node, forward=True)
        if at is None:
            return
        where, expr = _spelled(chosen[1], code)
        related: dict[str, cst.CSTNode] = {"chosen": chosen[1].node, "call": node}
        # The move is in the function that makes the call: the call's names are its.
        fn = self.ctx.function
        local = fn is not None and contains(fn.node, current[1].node)
        moving, receiver = current[1].node, name
        if isinstance(moving, cst.Call) and isinstance(moving.func, cst.Attribute):
            receiver = dotted(moving.func.value) or name  # {k: v.cuda() ...}: `v`
        if chosen is placed:
            subject = f"`{receiver}` is put on the current GPU here"
            if current[1].action == "ran":  # (a model's output: that model is placed here)
                subject = f"the model whose output is `{name}` is put on the current GPU here"
            how = "loaded onto" if chosen[1].action == "place" else "placed on"
            story = (
                f"`{whole}` was {how} {where} (line <line:chosen>), a GPU the code "
                "chooses, and runs on it at line <line:call>"
            )
            if local and expr is not None and usable(expr, obs.env):
                method = "cuda" if _is_cuda(chosen[1].node) else "to"
                advice = f"move it there with `.{method}({code(expr)})`"
            elif chosen[1].action == "place":
                advice = f"move it with `.to({whole}.device)`"
            else:
                advice = f"move it to the model's device (`next({whole}.parameters()).device`)"
        else:
            subject = f"`{whole}` is put on the current GPU here"
            story = (
                f"its input `{name}` was moved to {where} (line <line:chosen>), a GPU the "
                "code chooses, and meets it at line <line:call>"
            )
            advice = f"place `{whole}` on that device too"
        if at is not current[1].node:
            subject = f"`{name}` was put on the current GPU (line <line:current>)"
            related["current"] = current[1].node
        self.report(
            at,
            f"{subject} (GPU 0 unless the process sets another), but {story}: on any "
            f"other GPU this fails with 'Expected all tensors to be on the same device'; "
            f"{advice}",
            None,
            related,
        )


def _is_cuda(node: cst.CSTNode) -> bool:
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "cuda"
    )


def _spelled(
    event: Event, code: Callable[[cst.CSTNode], str]
) -> tuple[str, cst.BaseExpression | None]:
    """How a message names the chosen device (its code at the event, when short),
    and that code."""
    node = event.node
    expr: cst.BaseExpression | None = None
    if isinstance(node, cst.Arg):  # device_map=...
        expr = node.value
        if isinstance(expr, cst.Dict) and isinstance(expr.elements[0], cst.DictElement):
            expr = expr.elements[0].value  # {"": device}
    elif isinstance(node, cst.Call):
        moves = isinstance(node.func, cst.Attribute) and node.func.attr.value in ("to", "cuda")
        expr = device_argument(node, positional=moves)
    if expr is None:
        return "a chosen device", None
    text = code(expr)
    prefix = "GPU " if _is_cuda(node) else ""
    return (f"{prefix}`{text}`" if len(text) <= 40 else "a chosen device"), expr


class CudaUnderIsCuda(Rule):
    code = "TL209"
    name = "cuda-under-is-cuda"
    summary = "`.cuda()` under `if x.is_cuda:`: the current GPU, not the one `x` is on."
    fixable = True
    triggers = ("cuda",)
    needs = frozenset({screen.CUDA_CALL, screen.CUDA_TEST})
    keeps = frozenset({screen.SETS_GPU})  # analysis.current_gpu
    docs = """
    ## What it does
    Flags `y.cuda()` in the body of `if x.is_cuda:` (or `x.device.type == "cuda"`,
    also joined by `and`), for any `y` other than `x`.

    ## Why is this bad?
    The branch means "where `x` is", but `.cuda()` goes to the *current* GPU (GPU 0,
    unless the process set another). With `x` on `cuda:1`, `y` lands on `cuda:0`
    and the next op that joins them fails: `Expected all tensors to be on the same
    device, but found at least two devices, cuda:6 and cuda:0!` (chamfer_distance's
    outputs, made on the CPU and sent "to the GPU" this way).

    ## Example
    ```python
    dist = torch.zeros(b, n)
    if xyz1.is_cuda:
        dist = dist.cuda()
    ```

    ## Use instead
    ```python
    dist = torch.zeros(b, n, device=xyz1.device)
    ```
    or `dist = dist.to(xyz1.device)` in the branch.

    ## Fix safety
    `y.cuda()` becomes `y.to(x.device)`: the same GPU as before whenever `x` is on
    the current one, another one otherwise, which is the point but a change of
    behaviour: **unsafe**.

    ## References
    - [CUDA semantics: the current device](https://pytorch.org/docs/stable/notes/cuda.html#cuda-semantics)
    """

    def visit_Call(self, node: cst.Call) -> None:
        if _bare_cuda(node) and self.ctx.analysis.current_gpu is None:
            self._follows_branch(node)

    def _follows_branch(self, node: cst.Call) -> None:
        """``y.cuda()`` in the body of ``if x.is_cuda:``."""
        assert isinstance(node.func, cst.Attribute)
        branch = gpu_branch(self.ctx.statements, node)
        if branch is None:
            return
        followed, owner = branch
        receiver = dotted(node.func.value)
        device = cst.Attribute(value=followed, attr=cst.Name("device"))
        new = renamed_method(node, "to", [cst.Arg(device)])
        self.report(
            node,
            f"this branch runs when `{owner}` is on a GPU, but `.cuda()` puts "
            f"`{receiver or 'this'}` on the current GPU (GPU 0 unless the process sets "
            f"another), not on `{owner}`'s: with `{owner}` on cuda:1 the two meet on "
            f"different devices; use `.to({owner}.device)`",
            FixSpec.unsafe(Replace(node, new), message=f"use .to({owner}.device)"),
        )


def gpu_branch(
    statements: Sequence[cst.CSTNode], node: cst.Call
) -> tuple[cst.BaseExpression, str] | None:
    """``y.cuda()`` (``node``) in the body of ``if x.is_cuda:`` (of the innermost
    statements that hold it, up to its function): ``x`` and its name (TL209's)."""
    assert isinstance(node.func, cst.Attribute)
    for stmt in reversed(statements):
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            return None
        if not isinstance(stmt, cst.If):
            continue
        followed = followed_tensor(stmt.test)
        if followed is None or not contains(stmt.body, node):
            continue
        owner = dotted(followed)
        if owner is None or owner == dotted(node.func.value):
            return None
        return followed, owner
    return None


def _device_type_of(node: cst.BaseExpression) -> cst.Attribute | None:
    """``x.device.type``: the device's type alone ("cuda", "cpu"), no index."""
    if (
        isinstance(node, cst.Attribute)
        and node.attr.value == "type"
        and isinstance(node.value, cst.Attribute)
        and node.value.attr.value == "device"
    ):
        return node
    return None


class DeviceTypeAsDevice(Rule):
    code = "TL210"
    name = "device-type-as-device"
    summary = (
        '`x.device.type` ("cuda", no GPU index) used as a device, or a CPU tensor cast '
        "with `.type_as(x)` while `x` is on a GPU the code chooses: the tensor lands on "
        "the current GPU, not on the one `x` is on."
    )
    fixable = True
    triggers = ("device.type", "type_as")
    needs = frozenset({screen.INDEXLESS_TYPE})
    keeps = frozenset({screen.SETS_GPU})  # analysis.current_gpu
    docs = """
    ## What it does
    Flags `x.device.type` passed as the device of a new or moved tensor (or module):
    `device=` of a torch factory (`torch.zeros`, `torch.tensor`, `torch.ones_like`,
    ...), of `x.new_zeros(...)`, the first argument of
    `torch.device(...)`, and the device of `.to(...)`; also through a local name
    (`device = x.device.type`, then `torch.zeros(n, device=device)`), where the
    finding lands on the line that takes the type.

    Also flags `y.type_as(x)` where the flow analysis knows that `y` is on the CPU
    and that `x` is on a GPU the code *chooses* (`f"cuda:{rank}"`, `.cuda(args.gpu)`,
    `.to(args.device)`, a `device` parameter), or is an input of a model's forward
    whose model was placed on such a GPU; the flow is followed through the file's
    helpers, loops and module classes. `type_as` in code that never places anything
    on a chosen GPU (modeling code, a single-GPU script on `"cuda"`) is left alone.
    (`y.type(x.type())` is the same cast: TL102 flags every one.)

    Not flagged in a file that sets
    the current GPU (`torch.cuda.set_device`, `CUDA_VISIBLE_DEVICES`, accelerate,
    Lightning), nor where the type goes where a type is meant (`torch.autocast(
    device_type=...)`, `GradScaler(device=...)`, comparisons), nor in the forward of
    a model inside `DataParallel` (each replica runs with its GPU set as the current
    one).

    ## Why is this bad?
    `x.device.type` is `"cuda"` for every GPU: the index is gone, and `"cuda"` means
    the *current* GPU (GPU 0 unless the process sets another). With `x` on `cuda:1`
    the new tensor lands on `cuda:0`, and the first op that joins them fails with
    `Expected all tensors to be on the same device, but found at least two devices,
    cuda:1 and cuda:0!` (momentumnet's exact-arithmetic optimizer state; the "type
    strings carry no GPU index" threads of the `.type(x.type())` family).
    `y.type_as(x)` is `y.type(x.type())`, and `x.type()` is a string such as
    `"torch.cuda.FloatTensor"`, with no index either: a CPU `y` goes to the current
    GPU (a DDP worker on rank 1 that never called `torch.cuda.set_device`: pyro's
    masked pooling).

    ## Example
    ```python
    device = val.device.type
    store = torch.zeros(val.shape, dtype=torch.long, device=device)

    mask = torch.arange(n).expand(b, n).type_as(x)  # x on cuda:{rank}
    ```

    ## Use instead
    ```python
    store = torch.zeros(val.shape, dtype=torch.long, device=val.device)

    mask = torch.arange(n).expand(b, n).to(x)  # x's device (with its index) and dtype
    ```

    ## Fix safety
    Where `x.device.type` is written in the device argument itself, it becomes
    `x.device`: the same GPU as before whenever `x` is on the current one, another
    one otherwise, which is the point but a change of behaviour: **unsafe**. No fix
    through a name, whose other uses (`device == "cuda"`) may need the string.
    `y.type_as(x)` becomes `y.to(x)`: the same dtype, and the same device whenever
    `x` is on the CPU or the current GPU; with `x` on another GPU, `x`'s GPU. But
    where the same line also runs with a `y` already on a GPU (another caller),
    `.type_as` left `y` on its GPU and `.to(x)` moves it to `x`'s: **unsafe**. (Both
    take a tensor only; `.to` given something else is another overload, and `type_as`
    would have failed.)

    ## References
    - [CUDA semantics: the current device](https://pytorch.org/docs/stable/notes/cuda.html#cuda-semantics)
    - [`torch.device`](https://pytorch.org/docs/stable/tensor_attributes.html#torch.device)
    - [`torch.Tensor.type_as`](https://pytorch.org/docs/stable/generated/torch.Tensor.type_as.html)
    """

    def visit_Call(self, node: cst.Call) -> None:
        if self.ctx.analysis.current_gpu is not None:
            return
        self._retyped(node)
        arg = self._device_arg(node)
        if arg is None:
            return
        direct = _device_type_of(arg.value)
        if direct is not None:
            owner = self.ctx.code_for(direct.value)
            fixed = direct.value  # x.device
            self.report(
                direct,
                f'`{owner}.type` is only the device\'s type ("cuda", no GPU index): this '
                f"puts the result on the current GPU (GPU 0 unless the process sets "
                f"another), not on the one `{self.ctx.code_for(direct.value.value)}` is on "  # type: ignore[attr-defined]
                f"(cuda:1, say), where the two meet on different devices; pass `{owner}`",
                FixSpec.unsafe(Replace(direct, fixed), message=f"pass {owner}"),
            )
            return
        fn = self.ctx.function
        if fn is None or not isinstance(arg.value, cst.Name):
            return
        name = arg.value.value
        for value in fn.assignments.get(name, []):
            taken = _device_type_of(value)
            if taken is None or not precedes(value, node, fn.node):
                continue
            at = self.once_at(taken, node)
            if at is None:
                return
            owner = self.ctx.code_for(taken.value)
            self.report(
                at,
                f'`{name}` is `{owner}.type`, only the device\'s type ("cuda", no GPU '
                f"index), and is used as a device at line <line:use>: that puts the "
                "result on the current GPU (GPU 0 unless the process sets another), not on "
                f"the one `{self.ctx.code_for(taken.value.value)}` is on (cuda:1, say), "  # type: ignore[attr-defined]
                f"where the two meet on different devices; use `{owner}`",
                None,
                {"use": node},
            )
            return

    def _device_arg(self, node: cst.Call) -> cst.Arg | None:
        """The argument of ``node`` that names a device a tensor lands on."""
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "to":
            return next(
                (
                    a
                    for i, a in enumerate(node.args)
                    if (a.keyword is None and i == 0)
                    or (a.keyword is not None and a.keyword.value == "device")
                ),
                None,
            )
        keyword = next(
            (a for a in node.args if a.keyword is not None and a.keyword.value == "device"),
            None,
        )
        if isinstance(func, cst.Attribute) and func.attr.value in NEW_TENSOR_METHODS:
            return keyword
        q = self.ctx.analysis.qualify(func) or ""
        if not q.startswith("torch."):
            return None
        last = q.rsplit(".", 1)[-1]
        if q == "torch.device":
            return node.args[0] if node.args and node.args[0].keyword is None else keyword
        if (
            last in FACTORY_FUNCTIONS
            or last in DEVICE_TAKERS
            or last.removesuffix("_like") in FACTORY_FUNCTIONS
        ):
            return keyword
        return None

    def _retyped(self, node: cst.Call) -> None:
        """``cpu_tensor.type_as(t)`` with ``t`` on a GPU the code chooses."""
        flow = self.ctx.analysis.flow
        for obs in flow.retyped.all(node):
            func = obs.node.func
            if not isinstance(func, cst.Attribute) or func.attr.value != "type_as":
                continue  # x.type(t.type()): TL102 flags every such cast
            wrap = obs.module.last("wrap", "maybe-wrap") if obs.module is not None else None
            if wrap is not None and wrap.detail == "DataParallel":
                continue  # each replica's forward runs under torch.cuda.device(its GPU)
            where = gpu_of(obs.target, flow.gpus)
            via_module = False
            if where is None and obs.module is not None and obs.target.module_input:
                where, via_module = gpu_of(obs.module, flow.gpus), True
            if where is None or where[0] != Gpu.CHOSEN:
                continue
            at = self.once_at(func.attr, node)
            if at is None:
                return
            self._report_retyped(at, obs.node, obs.target_expr, where[1], via_module, obs)
            return

    def _report_retyped(
        self,
        at: cst.CSTNode,
        call: cst.Call,
        source: cst.BaseExpression,
        chosen: Event,
        via_module: bool,
        obs: RetypeObs,
    ) -> None:
        code = self.ctx.code_for
        assert isinstance(call.func, cst.Attribute)
        target = code(source)
        receiver = code(call.func.value)
        subject = f"`{receiver}`" if len(receiver) <= 40 else "this tensor"
        related: dict[str, cst.CSTNode] = {"chosen": chosen.node}
        made = obs.receiver.last("create", "move")
        if made is not None and not contains(call, made.node):
            subject += " is on the CPU (line <line:made>), and"
            related = {"made": made.node, **related}
        else:
            subject += " is on the CPU, and"
        where, _ = _spelled(chosen, code)
        if via_module:
            story = (
                f"`{target}` is an input of a model placed on {where} (line <line:chosen>), "
                "a GPU the code chooses"
            )
        else:
            story = f"`{target}` was put on {where} (line <line:chosen>), a GPU the code chooses"
        in_file = at is call.func.attr
        fix = (
            FixSpec.unsafe(Replace(call, renamed_method(call, "to")), message=f"use .to({target})")
            if in_file
            else None
        )
        self.report(
            at,
            f"{subject} `.type_as({target})` moves it to the current GPU (GPU 0 unless the "
            f'process sets another): a type such as "torch.cuda.FloatTensor" has no GPU '
            f"index. {story}: whenever that is not the current one, the two meet on "
            "different devices "
            f"('Expected all tensors to be on the same device'); use `.to({target})`, "
            f"which takes `{target}`'s device with its index and its dtype",
            fix,
            related,
        )
