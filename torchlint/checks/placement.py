"""TL201-TL206: where modules and tensors are placed, read from the flow analysis
(``torchlint.analysis.flow``). Each rule reports only when the code shows both
halves of the bug; the message names the line of the other half."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import libcst as cst

from torchlint import screen
from torchlint.analysis.facts import FileFacts
from torchlint.analysis.names import dotted, root_name
from torchlint.analysis.observations import CallObs, WrapObs
from torchlint.analysis.order import written_before
from torchlint.analysis.torch_api import HALF_DTYPES, HALF_TEXT, MOVE_TEXT, PARAMETRIZED_MODULES
from torchlint.analysis.values import Event, Kind, Place, Value
from torchlint.checks._build import comma_separated, kwarg, method_call
from torchlint.rule import FixSpec, Replace, Rule
from torchlint.traverse import nodes

_MOVE_TRIGGERS = MOVE_TEXT


def _device_text(event: Event, code: Callable[[cst.CSTNode], str] | None = None) -> str:
    """How a message names where something was moved: the code when it is short."""
    node = event.node
    if code is not None and isinstance(node, cst.Call) and node.args and len(node.args) == 1:
        text = code(node.args[0].value)
        if len(text) <= 40:
            return f"`{text}`"
    return {"var": "a device variable", "cuda": "cuda", "prepared": "the accelerator"}.get(
        event.detail, event.detail
    )


def _usable(expr: cst.BaseExpression | None, bound: Iterable[str]) -> bool:
    """Whether ``expr`` can be written at a line where ``bound`` names exist."""
    if expr is None:
        return False
    if isinstance(expr, (cst.SimpleString, cst.Integer)):
        return True
    if isinstance(expr, cst.Call):  # torch.device("cuda", 0)
        return dotted(expr.func) == "torch.device" and all(
            _usable(a.value, bound) for a in expr.args
        )
    if isinstance(expr, (cst.Name, cst.Attribute)):
        root = root_name(expr)
        return root is not None and (root in bound or root == "self")
    return False


def _name(node: cst.BaseExpression, ctx_code: str) -> str:
    return dotted(node) or ctx_code


class ModuleCastNotPlaced(Rule):
    code = "TL201"
    name = "module-cast-not-placed"
    summary = (
        "A module cast to half precision is never moved to a device, but is called on "
        "inputs that were moved to one."
    )
    fixable = True
    triggers = HALF_TEXT
    needs = frozenset({screen.HALF_CAST, screen.MODULE_SOURCE, screen.ACCELERATOR})
    docs = """
    ## What it does
    Follows a module through its function: created (`nn.*`, a class of the file,
    `from_pretrained`, `timm.create_model`), cast to float16/bfloat16 (`.half()`,
    `.bfloat16()`, `.to(torch.float16)`, `torch_dtype=torch.float16`), possibly wrapped
    (`get_peft_model`), and then called with inputs that were moved to a GPU or a
    device variable, while the module itself was never moved (no `.to(device)`,
    `.cuda()`, `device_map=`, `accelerator.prepare`). Moving only a part of it
    (`model.vpm.to(device)`) does not count as moving the whole.

    ## Why is this bad?
    The cast changes the dtype of the weights, not their device. The forward pass
    then meets CUDA inputs and CPU weights, and the first layer with weights raises:
    a convolution with `Input type (torch.cuda.HalfTensor) and weight type
    (torch.HalfTensor) should be the same`, a `Linear` (and most others) with
    `Expected all tensors to be on the same device`. The message quotes the one the
    code shows (a `torch.nn` layer, or the first `self.<layer>(...)` of a module
    class's `forward`) and names both otherwise. This is the MiniCPM-V LoRA
    fine-tuning crash: the model was loaded, cast with `.half()`, wrapped with
    `get_peft_model` and never placed. A model wrapped by `nn.DataParallel` is moved
    to the GPU by the wrapper itself when one device is visible; with more than one
    the call fails (`module must have its parameters and buffers on device cuda:0
    (device_ids[0])`), as TL203 reasons, and the message says so.

    ## Example
    ```python
    model = AutoModel.from_pretrained(path, trust_remote_code=True)
    model = model.half()
    model = get_peft_model(model, lora_config)
    pixel_values = batch["pixel_values"].to(device)
    out = model(pixel_values)
    ```

    ## Use instead
    ```python
    model = AutoModel.from_pretrained(path, trust_remote_code=True)
    model = model.to(device=device, dtype=torch.float16)
    model = get_peft_model(model, lora_config)
    ```

    ## Fix safety
    The fix rewrites the cast to `.to(device=DEVICE, dtype=DTYPE)` with the device
    the inputs were moved to, when that device is already defined at the cast's line.
    It moves the model, a change of behaviour: **unsafe**. No fix is offered when the
    cast is `torch_dtype=` in `from_pretrained` (add `device_map=` or a `.to(device)`).

    ## References
    - [`torch.nn.Module.to`](https://pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.to)
    - [PEFT: get_peft_model](https://huggingface.co/docs/peft/package_reference/peft_model)
    """

    def visit_Call(self, node: cst.Call) -> None:
        for obs in self.ctx.analysis.flow.calls.all(node):
            if self._check(node, obs):
                return

    def _check(self, node: cst.Call, obs: CallObs) -> bool:
        module = obs.module
        # (Inside a module's forward, followed from its call: the call is where the
        # unplaced model meets the moved input, and is reported there.)
        if module.device != Place.CPU or module.dtype not in HALF_DTYPES or obs.in_forward:
            return False
        cast = module.last("cast")
        if cast is None:
            return False
        moved = next(
            (
                (arg, v)
                for arg, v in obs.args
                if v.kind in (Kind.TENSOR, Kind.MOVED, Kind.ENCODING)
                and v.on_accelerator
                and v.last("move")
            ),
            None,
        )
        if moved is None:
            return False
        arg, value = moved
        move = value.last("move")
        assert move is not None
        callee = obs.callee
        whole = callee.split(".")[0]
        story = [f"`{whole}` was cast to {module.dtype} at line <line:cast>"]
        related: dict[str, cst.CSTNode] = {"cast": cast.node, "move": move.node}
        wrap = module.last("wrap")
        if wrap is not None:
            story.append(f"wrapped by {wrap.detail} at line <line:wrap>")
            related["wrap"] = wrap.node
        parts = sorted(
            k for k, v in obs.env.items() if k.startswith(whole + ".") and v.last("move")
        )
        moved_parts = f" (only `{parts[0]}` was moved)" if parts else ""
        input_name = _name(arg.value, self.ctx.code_for(arg.value))
        fix = self._fix(cast, value)
        advice = (
            "place the model with `.to(device=..., dtype=...)`"
            if fix is None
            else f"place it where it is cast: {fix.message}"
        )
        if wrap is not None and wrap.detail == "DataParallel":
            # DataParallel.__init__ moves the module to device_ids[0] itself when it
            # sees one device (TL203's reasoning): only more than one fails.
            failure = (
                "DataParallel moves it to the GPU itself only when one GPU is visible; with "
                "more, the call fails with 'module must have its parameters and buffers on "
                "device cuda:0 (device_ids[0]) but found one of them on device: cpu'"
            )
        else:
            failure = f"the call fails with {self._layer_error(obs, module.dtype)}"
        self.report(
            node,
            f"{', '.join(story)}, but never moved to a device{moved_parts}, while its "
            f"input `{input_name}` was moved to {_device_text(move, self.ctx.code_for)} at line <line:move>: "
            f"{failure}; {advice}",
            fix,
            related,
        )
        return True

    def _layer_error(self, obs: CallObs, dtype: str | None) -> str:
        """The error the first weighted layer the input meets raises, quoted; a
        neutral wording when that layer is not visible."""
        legacy = "BFloat16Tensor" if dtype == "bfloat16" else "HalfTensor"
        conv = (
            f"'Input type (torch.cuda.{legacy}) and weight type (torch.{legacy}) should be "
            "the same'"
        )
        other = "'Expected all tensors to be on the same device'"
        kind = _first_layer(obs.module.origin, self.ctx.analysis)
        if kind == "conv":
            return conv
        if kind == "other":
            return other
        return (
            f"the input on the GPU and the weights on the CPU ({conv} at a convolution, "
            f"{other} elsewhere)"
        )

    def _fix(self, cast: Event, value: Value) -> FixSpec | None:
        node = cast.node
        device = value.device_expr
        if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
            return None
        if not _usable(device, cast.bound):
            return None
        assert device is not None
        method = node.func.attr.value
        if method == "to" and len(node.args) == 1 and node.args[0].keyword is None:
            dtype_node: cst.BaseExpression = node.args[0].value
        elif method in ("half", "bfloat16") and not node.args:
            aliases = self.ctx.analysis.imports.local_names_for("torch")
            if not aliases:
                return None
            dtype_node = cst.parse_expression(
                f"{aliases[0]}.{'float16' if method == 'half' else 'bfloat16'}"
            )
        else:
            return None
        new = node.with_changes(
            func=node.func.with_changes(attr=cst.Name("to")),
            args=[
                *comma_separated(kwarg("device", device), kwarg("dtype", dtype_node)),
            ],
        )
        code = self.ctx.code_for
        return FixSpec.unsafe(
            Replace(node, new), message=f"`.to(device={code(device)}, dtype={code(dtype_node)})`"
        )


def _layer_kind(qualified: str) -> str | None:
    """ "conv" for torch.nn.ConvNd, "other" for another torch.nn layer with weights."""
    if not qualified.startswith("torch.nn."):
        return None
    last = qualified.rsplit(".", 1)[-1]
    if last.startswith("Conv"):
        return "conv"
    return "other" if last.startswith(PARAMETRIZED_MODULES) else None


def _first_layer(origin: str, analysis: FileFacts) -> str | None:
    """What the first weighted layer of a module is ("conv", "other"), when the
    code shows it: a torch.nn layer itself, or the first ``self.<layer>(...)`` of a
    local module class's ``forward`` (and ``nn.Sequential``'s first layer)."""
    kind = _layer_kind(origin)
    if kind is not None or not origin.startswith("local:"):
        return kind
    cls = next((c for c in analysis.classes.values() if c.name == origin[len("local:") :]), None)
    if cls is None or not isinstance(cls.node.body, cst.IndentedBlock):
        return None
    forward = next(
        (
            s
            for s in cls.node.body.body
            if isinstance(s, cst.FunctionDef) and s.name.value == "forward"
        ),
        None,
    )
    if forward is None:
        return None
    for call in nodes(forward.body, cst.Call):
        func = call.func
        if not (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.value.value == "self"
        ):
            continue
        values = cls.self_attrs.get(func.attr.value, [])
        made = values[0] if len(values) == 1 else None
        if not isinstance(made, cst.Call):
            continue
        q = analysis.qualify(made.func) or ""
        if q.endswith("Sequential") and made.args and isinstance(made.args[0].value, cst.Call):
            q = analysis.qualify(made.args[0].value.func) or ""
        return _layer_kind(q)
    return None


class ModuleAddedAfterPlacement(Rule):
    code = "TL202"
    name = "module-added-after-placement"
    summary = (
        "A new submodule is attached to a model after the model was moved to a device, "
        "and the model is not moved again."
    )
    fixable = True
    triggers = _MOVE_TRIGGERS
    needs = frozenset({screen.LATE_MODULE})
    docs = """
    ## What it does
    Flags `model.head = nn.Linear(...)`, `setattr(parent, name, LoRALinear(child))`
    and other new modules attached to a model (or a part of it) after the model was
    moved with `.to(device)` / `.cuda()`, when nothing moves the model again before
    the end of the function. When the module is attached in a helper or a method that
    the placing code calls (`inject_lora(model)`, `model.reset_classifier(5)`), the
    finding is at that call, the line to move, and names the attachment. Parameter-free
    modules (pooling, activations) are not flagged: they have nothing to place.

    ## Why is this bad?
    `model.to(device)` moves the modules that exist at that moment. A module created
    afterwards is on the CPU; the next forward pass fails with `Expected all tensors
    to be on the same device, but found at least two devices, cuda:0 and cpu!` (or,
    for hand-rolled LoRA injection, trains adapters that are never on the GPU).

    ## Example
    ```python
    model.to(device)
    model.classifier = nn.Linear(768, num_labels)
    ```

    ## Use instead
    ```python
    model.classifier = nn.Linear(768, num_labels)
    model.to(device)
    ```

    ## Fix safety
    The fix moves the new module where it is created, with the device the model was
    moved to: `model.classifier = nn.Linear(768, num_labels).to(device)`. It changes
    placement: **unsafe**. A finding at a call has no fix (the order of calls is the
    author's choice).

    Not flagged, on purpose: `nn.SyncBatchNorm.convert_sync_batchnorm(model)` after
    `.cuda()` (it re-uses the placed parameters and buffers), and PEFT's
    `get_peft_model` / `PeftModel.from_pretrained` / `add_adapter` after placement
    (PEFT moves new adapter weights to the device of the layer they wrap:
    `_move_adapter_to_device_of_base_layer` in peft 0.21).

    ## References
    - [`torch.nn.Module.to`](https://pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.to)
    """

    def _check(self, node: cst.CSTNode, value_node: cst.BaseExpression | None) -> None:
        obs = self.ctx.analysis.flow.late_modules.get(node)
        if obs is None:
            return
        placement = obs.placement
        device = placement.node
        fix = None
        if (
            value_node is not None
            and not obs.in_callee
            and isinstance(device, cst.Call)
            and isinstance(device.func, cst.Attribute)
            and device.func.attr.value in ("to", "cuda")
            and len(device.args) == 1
            and device.args[0].keyword is None
        ):
            expr = device.args[0].value
            fix = FixSpec.unsafe(
                Replace(value_node, method_call(value_node, "to", expr)),
                message=f"move the new module with .to({self.ctx.code_for(expr)})",
            )
        owner = obs.root or obs.parent
        where = f"`{obs.parent}`"
        if owner != obs.parent and not obs.parent.startswith(owner + "."):
            where += f" (a part of `{owner}`)"
        moved = (
            f"`{owner}` was moved to {_device_text(placement, self.ctx.code_for)} at line "
            "<line:placed>"
        )
        if obs.attached is not None:
            # Reported at the call that reached the attachment: the line to move.
            self.report(
                node,
                f"this call attaches a new module to `{owner}` (line <line:attached>) after "
                f"{moved}, and `{owner}` is not moved again: the new weights stay on the CPU; "
                "make this call before the move, or move the model again after it",
                None,
                {"placed": placement.node, "attached": obs.attached},
            )
            return
        self.report(
            node,
            f"a new module is attached to {where} after {moved}, and `{owner}` "
            "is not moved again: the new weights stay on the CPU; create it before the move, "
            "or move it too",
            fix,
            {"placed": placement.node},
        )

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self._check(node, None)  # a call that attaches a module in the function it calls

    def visit_Assign(self, node: cst.Assign) -> None:
        self._check(node, node.value)

    def visit_Expr(self, node: cst.Expr) -> None:
        value = node.value
        made = None  # setattr(parent, name, made) / parent.add_module(name, made)
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute):
            made = value.args[1].value if len(value.args) >= 2 else None
        elif isinstance(value, cst.Call):
            made = value.args[2].value if len(value.args) >= 3 else None
        self._check(node, made)


class ParallelWrapBeforePlacement(Rule):
    code = "TL203"
    name = "parallel-wrap-before-placement"
    summary = (
        "DataParallel / DistributedDataParallel / FSDP wraps a module that is still on "
        "the CPU (or already split by device_map)."
    )
    fixable = True
    triggers = ("DataParallel", "FullyShardedDataParallel")
    needs = frozenset({screen.PARALLEL_WRAP, screen.MODULE_SOURCE})
    docs = """
    ## What it does
    Flags `nn.DataParallel(model)`, `DistributedDataParallel(model, device_ids=[rank])`
    and `FullyShardedDataParallel(model)` (without `device_id=`) when the flow analysis
    shows `model` on the CPU at that point in a scope that uses a GPU (a tensor or
    module moved to one, `torch.cuda.set_device`, `device_ids=`); and DDP around a
    model loaded with `device_map=...`, which is already spread over devices.

    ## Why is this bad?
    DataParallel and DDP expect the module's parameters on `device_ids[0]` before
    wrapping: `RuntimeError: module must have its parameters and buffers on device
    cuda:0 (device_ids[0]) but found one of them on device: cpu`, or DDP's
    `DistributedDataParallel device_ids and output_device arguments only work with
    single-device/multiple-device GPU modules or CPU modules, but got device_ids [0],
    output_device None, and module parameters {device(type='cpu')}`. FSDP without
    `device_id` shards on the CPU and is slow, or fails at the first collective. A
    `device_map="auto"` model is split across GPUs: DDP replicates per process and
    cannot wrap it.

    ## Example
    ```python
    torch.cuda.set_device(local_rank)
    model = Net()
    model = DDP(model, device_ids=[local_rank])
    ```

    ## Use instead
    ```python
    torch.cuda.set_device(local_rank)
    model = Net().to(local_rank)
    model = DDP(model, device_ids=[local_rank])
    ```

    ## Fix safety
    For DDP/DataParallel with a module on the CPU, the fix moves it inside the call:
    `DDP(model.to(local_rank), device_ids=[local_rank])` (`device_ids[0]`, or
    `"cuda"` for DataParallel without `device_ids`). It moves the model: **unsafe**.
    No fix for FSDP (pass `device_id=`) or for the `device_map` case (load without
    `device_map`, then place).

    ## References
    - [DDP tutorial](https://pytorch.org/tutorials/intermediate/ddp_tutorial.html)
    - [`torch.nn.DataParallel`](https://pytorch.org/docs/stable/generated/torch.nn.DataParallel.html)
    """

    def visit_Call(self, node: cst.Call) -> None:
        for obs in self.ctx.analysis.flow.wraps.all(node):
            if self._check(node, obs):
                return

    def _check(self, node: cst.Call, obs: WrapObs) -> bool:
        inner = obs.inner
        kw = {a.keyword.value: a for a in node.args if a.keyword is not None}
        place = inner.last("place")
        if inner.device == Place.AUTO and obs.wrapper == "DistributedDataParallel" and place:
            # (Quantized loading without device_map is AUTO too, with no place to name.)
            self.report(
                node,
                f"`{obs.inner_path}` was loaded with device_map at line <line:place> and is "
                "already spread over devices; DistributedDataParallel cannot wrap it: load "
                "it without device_map, move it to this process's GPU, then wrap",
                None,
                {"place": place.node},
            )
            return True
        if inner.device != Place.CPU or obs.gpu_evidence is None:
            return False
        if obs.wrapper == "FullyShardedDataParallel" and "device_id" in kw:
            return False
        created = inner.last("create", "move")
        fix = None
        device: cst.BaseExpression | None = None
        if obs.wrapper == "DistributedDataParallel":
            ids = kw.get("device_ids")
            if (
                ids is not None
                and isinstance(ids.value, (cst.List, cst.Tuple))
                and ids.value.elements
            ):
                device = ids.value.elements[0].value
        elif obs.wrapper == "DataParallel":
            ids = kw.get("device_ids")
            if ids is None:
                device = cst.SimpleString('"cuda"')
            elif isinstance(ids.value, (cst.List, cst.Tuple)) and ids.value.elements:
                device = ids.value.elements[0].value
        inner_arg = next(
            (a for a in node.args if a.keyword is None or a.keyword.value == "module"), None
        )
        if device is not None and inner_arg is not None:
            fix = FixSpec.unsafe(
                Replace(inner_arg.value, method_call(inner_arg.value, "to", device)),
                message=f"move the module first: .to({self.ctx.code_for(device)})",
            )
        evidence = obs.gpu_evidence
        where = (
            "torch.cuda.set_device"
            if evidence.detail == "set_device"
            else "device_ids"
            if evidence.detail == "device_ids"
            else "a move to a GPU"
        )
        related: dict[str, cst.CSTNode] = {"gpu": evidence.node}
        story = ""
        if created is not None:
            related["made"] = created.node
            story = " (made at line <line:made>, never moved)"
        self.report(
            node,
            f"{obs.wrapper} wraps `{obs.inner_path}` while it is on the CPU{story}, in code "
            f"that uses a GPU ({where} at line <line:gpu>): move the module to its device "
            "before wrapping",
            fix,
            related,
        )
        return True


class InputsNotMoved(Rule):
    code = "TL204"
    name = "inputs-not-moved"
    summary = (
        "A model moved to a device is called with tensors built on the CPU and never "
        "moved, or its tensors meet one in an op."
    )
    fixable = True
    triggers = _MOVE_TRIGGERS
    needs = frozenset({screen.PLACED_MODULE, screen.CPU_DATA})
    docs = """
    ## What it does
    Flags a call of a model that was moved with `.to(device)` / `.cuda()` when an
    argument is a tensor or tokenizer output built on the CPU (`tokenizer(...)`,
    `.input_ids`, `torch.tensor(...)`, `torch.zeros(...)` without `device=`, the
    batches of a `DataLoader` over a `TensorDataset` or a `Dataset` class of the
    file) and never moved. The flow is followed through the file's own functions,
    methods and classes: ids built by one helper and fed to the model by another are
    reported where the caller passes them, with the line that runs the model as the
    related location. Also flags a tensor made on the CPU that meets a placed model's
    tensors (its output, its weights, the inputs its `forward` was called with) in a
    `torch.cat`/`stack` or arithmetic: a mask or state made in `forward` without
    `device=`. Models loaded with `device_map=` are not flagged: accelerate's hooks
    move their inputs.

    ## Why is this bad?
    `Expected all tensors to be on the same device, but found at least two devices,
    cuda:0 and cpu!` on the first forward or `generate` call. In the real threads,
    the tokenizer's output passed without `.to(model.device)` was the most common form.

    ## Example
    ```python
    model = AutoModelForCausalLM.from_pretrained(path).to(device)
    input_ids = tokenizer(prompt, return_tensors="pt").input_ids
    output = model.generate(input_ids)
    ```

    ## Use instead
    ```python
    input_ids = tokenizer(prompt, return_tensors="pt").input_ids.to(device)
    output = model.generate(input_ids)
    ```

    ## Fix safety
    The fix moves the argument at the call: `model.generate(input_ids.to(device))`,
    with the device the model was moved to, when that device is defined at the call.
    Moving a CPU tensor to the model's device is what the call needs and changes
    nothing else: **safe**. The argument is one the flow analysis knows is a CPU
    tensor or a tokenizer's output, never an object of unknown kind, so no receiver
    with another `.to()` can reach the fix. For `**inputs` of a tokenizer output the
    fix is `**inputs.to(device)` (`BatchEncoding.to` returns itself). No fix when the
    finding is at a caller's argument (the device is named in another function) or
    on a tensor made without `device=` (which tensor's device to use is a choice).

    ## References
    - [Transformers: generation](https://huggingface.co/docs/transformers/main/en/llm_tutorial)
    """

    def visit_Call(self, node: cst.Call) -> None:
        self._meets(node)
        flow = self.ctx.analysis.flow
        reported: set[int] = set()
        # The function's own walk, then each call site of the file that reaches it.
        for obs in flow.calls.all(node):
            if not obs.module.on_accelerator or obs.followed:
                continue
            wrap = obs.module.last("wrap")
            if wrap is not None and wrap.detail in ("DistributedDataParallel", "DataParallel"):
                continue  # they scatter their inputs to device_ids themselves
            placement = obs.module.last("move")
            if placement is None:
                continue
            stale = flow.stale.get(node)
            for arg, value in obs.args:
                if stale is not None and stale[0] is arg:
                    continue  # TL206 says it better
                if value.kind not in (Kind.TENSOR, Kind.ENCODING) or value.device != Place.CPU:
                    continue
                made = value.last("create")
                if made is None or _scalar(made.node):
                    continue
                # Made by the caller and handed to this function: the caller's
                # argument is the line to change (a module's forward: the module call
                # there is observed and reported itself).
                handed = value.handed_in()
                where = handed.node if handed is not None else arg.value
                if id(where) not in reported:
                    reported.add(id(where))
                    self._report(node, obs, arg, value, placement, made, handed)

    def _meets(self, node: cst.Call) -> None:
        """A tensor made here on the CPU that later meets a tensor of a placed model
        (its output, its weights, or the inputs its forward was called with) in a
        ``torch.cat``/``stack`` or arithmetic."""
        if _scalar(node):
            return
        fn = self.ctx.function
        root: cst.CSTNode = fn.node if fn is not None else self.ctx.module
        for mix in self.ctx.analysis.flow.mixes.all(node):
            if written_before(mix.node, node, root):
                continue  # (a loop's next iteration): never point above the finding
            other = mix.device
            # The device side belongs to a placed model: its output, its weights,
            # or an input its forward was called with.
            if not (
                other.origin in ("module call", "parameter") or other.part_of or other.module_input
            ):
                continue
            code = self.ctx.code_for
            name = dotted(mix.device_expr) or code(mix.device_expr)
            related: dict[str, cst.CSTNode] = {"meets": mix.node}
            moved = other.last("move")
            where = "the model's device"
            if moved is not None:
                related["moved"] = moved.node
                where = f"{_device_text(moved, code)} (line <line:moved>)"
            self.report(
                node,
                f"this tensor is made on the CPU (no `device=`) and meets `{name}`, on "
                f"{where}, at line <line:meets>: 'Expected all tensors to be on the same "
                f"device'; create it there with `device={name}.device`",
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
        placement: Event,
        made: Event,
        handed: Event | None,
    ) -> None:
        device = obs.module.device_expr
        name = _name(arg.value, self.ctx.code_for(arg.value))
        whole = _model_name(obs.callee)
        where = f"`{whole}` was moved to {_device_text(placement, self.ctx.code_for)} at line <line:placed>"
        related: dict[str, cst.CSTNode] = {"made": made.node, "placed": placement.node}
        if handed is not None:
            # Reported at the call site: a fix there would need the device as the
            # caller names it, which the callee's walk does not know.
            assert isinstance(handed.node, cst.BaseExpression)
            related["used"] = node
            passed = _name(handed.node, self.ctx.code_for(handed.node))
            self.report(
                handed.node,
                f"`{passed}` was made on the CPU at line <line:made> and is passed to "
                f"`{handed.detail}`, which calls `{whole}` with it at line <line:used>, but "
                f"{where}: move it to the model's device before the call",
                None,
                related,
                handed.statement,
            )
            return
        fix = None
        if device is not None and _usable(device, obs.env):
            fix = FixSpec.safe(
                Replace(arg.value, method_call(arg.value, "to", device)),
                message=f"move it at the call with .to({self.ctx.code_for(device)})",
            )
        self.report(
            arg.value,
            f"`{name}` was made on the CPU at line <line:made> and never moved, but "
            f"{where}: move the input to the model's device"
            + (
                f" (`{self.ctx.code_for(method_call(arg.value, 'to', device))}`)"
                if device is not None
                else ""
            ),
            fix,
            related,
        )


def _model_name(callee: str) -> str:
    """The model a call runs: ``model`` of ``model.generate``, ``self.model`` of
    ``self.model.generate``."""
    parts = callee.split(".")
    return ".".join(parts[:2]) if parts[0] == "self" and len(parts) > 1 else parts[0]


def _scalar(node: cst.CSTNode) -> bool:
    """``torch.tensor(0.5)``: a 0-dim CPU tensor mixes with CUDA tensors fine."""
    return (
        isinstance(node, cst.Call)
        and (dotted(node.func) or "").rsplit(".", 1)[-1] in ("tensor", "as_tensor")
        and len(node.args) >= 1
        and isinstance(node.args[0].value, (cst.Integer, cst.Float))
    )


class DiscardedTensorMove(Rule):
    code = "TL205"
    name = "discarded-tensor-move"
    summary = (
        "`x.to(device)` as a statement on a tensor does nothing: tensors are not moved in place."
    )
    fixable = True
    triggers = tuple(
        f".{m}("
        for m in "to cuda cpu half float bfloat16 double long int bool short byte char".split()
    )
    needs = frozenset({screen.DISCARDED_MOVE})
    docs = """
    ## What it does
    Flags `x.to(device)`, `x.cuda()`, `x.half()` and other moves and casts used as a
    statement when the flow analysis knows `x` is a tensor (made by a torch factory,
    taken from a tokenizer's output, or the result of an earlier `.to()`).

    ## Why is this bad?
    `Module.to()` moves a module in place, but `Tensor.to()` returns a new tensor and
    leaves `x` where it was. The statement is a no-op and the crash comes later, at
    the first op that mixes `x` with GPU tensors. Not flagged: modules (in place,
    correct), Hugging Face `BatchEncoding` (moves in place and returns itself), and
    anything whose kind is unknown.

    ## Example
    ```python
    labels = torch.tensor(batch_labels)
    labels.to(device)
    ```

    ## Use instead
    ```python
    labels = torch.tensor(batch_labels)
    labels = labels.to(device)
    ```

    ## Fix safety
    The fix assigns the result back: `labels = labels.to(device)`. That is what the
    statement was meant to do and the only change it makes: **safe** when the flow
    analysis knows `labels` is a tensor in this function (a module's `.to()` returns
    the module itself, so even then the assignment changes nothing; a class whose
    `.to()` returns `None` is the receiver the condition rules out). A tensor known
    only from one call of the file is reported with an unsafe fix: another caller may
    pass something else.

    ## References
    - [`torch.Tensor.to`](https://pytorch.org/docs/stable/generated/torch.Tensor.to.html)
    """

    def visit_Call(self, node: cst.Call) -> None:
        flow = self.ctx.analysis.flow
        own = flow.discarded.get(node)
        # Known to be a tensor only when a call of the file hands one over: other
        # callers may pass something whose .to() works in place, so the fix is unsafe.
        obs = own or next(iter(flow.discarded.in_context.get(node, ())), None)
        if obs is None:
            return
        assert isinstance(node.func, cst.Attribute)
        target = node.func.value
        name = dotted(target)
        fix = None
        if name is not None:
            assert isinstance(target, (cst.Name, cst.Attribute))
            assign = cst.Assign(
                targets=[cst.AssignTarget(target=target)],
                value=node,
                semicolon=obs.statement.semicolon,
            )
            fix = FixSpec.safe_if(
                own is not None,
                Replace(obs.statement, assign),
                message=f"assign the result: {name} = {self.ctx.code_for(node)}",
            )
        method = node.func.attr.value
        handed = obs.receiver.handed_in() if own is None else None
        related = {"passed": handed.node} if handed is not None else {}
        self.report(
            node,
            f"`{self.ctx.code_for(node)}` returns a new tensor and leaves `{name or 'it'}` as it "
            f"was: `Tensor.{method}()` does not work in place"
            + (" (it is the tensor passed at line <line:passed>)" if handed else "")
            + "; assign the result"
            + (f" (`{name} = {self.ctx.code_for(node)}`)" if name else ""),
            fix,
            related,
        )


class StaleAlias(Rule):
    code = "TL206"
    name = "stale-alias"
    summary = "A name still holds a tensor from before it was moved under its other name."
    triggers = _MOVE_TRIGGERS
    needs = frozenset({screen.STALE_ALIAS, screen.CALLABLE_MODULE})
    docs = """
    ## What it does
    Flags a call of a module on a tensor through an alias taken before the tensor was
    moved: `alias = x`, then `x = x.to(device)`, then `model(alias)` with a model
    (or other arguments) on that device.

    ## Why is this bad?
    `x = x.to(device)` binds `x` to a new tensor; every other name still refers to
    the old one on the CPU. The alias crashes the call with `Expected all tensors to be
    on the same device`, or silently computes on the CPU.

    ## Example
    ```python
    inputs = batch["pixel_values"]
    pixel_values = inputs
    inputs = inputs.to(device)
    logits = model(pixel_values)
    ```

    ## Use instead
    ```python
    inputs = batch["pixel_values"].to(device)
    logits = model(inputs)
    ```

    ## Fix safety
    No fix: which name should survive is the author's call.

    ## References
    - [`torch.Tensor.to`](https://pytorch.org/docs/stable/generated/torch.Tensor.to.html)
    """

    def visit_Call(self, node: cst.Call) -> None:
        stale = self.ctx.analysis.flow.stale.get(node)
        obs = self.ctx.analysis.flow.calls.get(node)
        if stale is None or obs is None:
            return
        arg, moved_name, move = stale
        others_moved = obs.module.on_accelerator or any(
            v.on_accelerator for a, v in obs.args if a is not arg
        )
        if not others_moved:
            return
        alias = dotted(arg.value) or "an argument"
        self.report(
            arg.value,
            f"`{alias}` still holds `{moved_name}` from before `{moved_name}` was moved to "
            f"{_device_text(move, self.ctx.code_for)} at line <line:move>: it is on the CPU; pass `{moved_name}` "
            f"or move `{alias}` too",
            None,
            {"move": move.node},
        )
