"""TL201 and TL203: where modules are placed, read from the flow analysis
(``torchlint.analysis.flow``): a module cast but never placed, a parallel wrapper
around a module still on the CPU (a submodule attached after placement is TL202's,
``attached_late.py``; a module never placed whose inputs were is TL211's,
``unplaced.py``). Each rule reports only when the code shows both halves of the bug;
the message names the line of the other half. The tensor-move rules, TL204-TL206,
are in ``moves.py``."""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from torchlint import screen
from torchlint.analysis.facts import FileFacts
from torchlint.analysis.loss_api import LOSSES
from torchlint.analysis.names import dotted
from torchlint.analysis.observations import CallObs, WrapObs
from torchlint.analysis.torch_api import (
    HALF_DTYPES,
    HALF_TEXT,
    PARAMETRIZED_MODULES,
    spreads_model,
)
from torchlint.analysis.values import MAYBE_DTYPE, Event, Kind, Place, Value, tensors_of
from torchlint.analysis.wrappers import device_ids
from torchlint.checks._build import comma_separated, kwarg, method_call
from torchlint.checks._devices import device_text, model_name, moved_back, name_of, usable
from torchlint.lint.traverse import nodes
from torchlint.rules.rule import FixSpec, Replace, Rule


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
    `.bfloat16()`, `.to(torch.float16)`, `torch_dtype=torch.float16`, or on the branch
    an option takes: `torch.float16 if args.fp16 else torch.float32`), possibly wrapped
    (`get_peft_model`, or a module class of the file that holds it and no weights of
    its own: `Scaled(encoder.half())`), and then called with inputs that were moved to a GPU or a
    device variable (or made there: `torch.tensor(ids, device=DEVICE)`), while the
    module itself was never moved (no `.to(device)`, `.cuda()`, `device_map=`,
    `accelerator.prepare`). Moving only a part of it (`model.vpm.to(device)`) does not
    count as moving the whole. A module placed and then moved back to the CPU
    (`self.vae.to("cpu")` after a request, an offload) that a later call meets with
    inputs on the device is flagged at that call, with no fix. The finding lands on
    the cast, the line to change, and
    names the input's move and the call that fails: once per cast, however many calls
    meet the model (when the cast is in another file of the project, on the call of
    this file that hands the model back, `model = load_half(path)`, where placing it
    is the fix, else on the call that fails; a helper that memoizes the model,
    `_CACHE[key] = ...; return _CACHE[key]`, hands back what it stored);
    for an option's choice of dtype, where the model is made (without a fix: the
    other branch would stay unplaced), or, when a factory function of the file made it
    and handed it back, at the caller's call that takes it (as TL211 does).

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
        if module.device != Place.CPU or obs.in_forward:
            return False
        # (a half cast on the branch that takes it, ``torch.float16 if args.fp16 else
        # torch.float32``: that run fails so, the other as TL211 says)
        cast = module.last("cast") if module.dtype in HALF_DTYPES else module.branch_cast()
        if cast is None or cast.detail not in HALF_DTYPES:
            return False
        branch = module.dtype not in HALF_DTYPES
        dtype = f"{cast.detail} (on that branch)" if branch else cast.detail
        moved = moved_input(obs)
        if moved is None:
            return False
        arg, value, move = moved
        # The line to change is the cast (place the model there); for a choice of
        # dtype (the cast is the option's ``torch.float16``), where the model is made.
        made = module.last("create") if branch else None
        if made is not None:
            # (made by a factory of the file and handed back: the caller's call, as TL211)
            made = module.last("return") or made
        line = cast.node if made is None else made.node
        handed = module.last("return")
        if not self.ctx.in_this_file(line) and handed and self.ctx.in_this_file(handed.node):
            # (cast in another file's helper and handed back: this file's call of it,
            # where the model enters this file, as a model made here and returned is)
            made, line = handed, handed.node
        back = moved_back(module)  # (placed, then offloaded: reported at the call)
        at = self.once_at(node if back else line, node)
        if at is None:
            return True
        callee = obs.callee
        whole = callee.split(".")[0]
        if whole == "self" and not module.part_of:
            whole = model_name(callee)  # self.vae(x)
        elif whole == "self" or module.part_of or "." in callee:
            # A part called (``self.encoder(x)`` in ``encode``, ``blk(h)`` of a loop over
            # ``unet.blocks``), or the model through what holds it (``pipe.unet(x)``):
            # name the model as the cast does.
            func = cast.node.func if isinstance(cast.node, cst.Call) else None
            text = dotted(func.value) if isinstance(func, cst.Attribute) else None
            whole = text if text and len(text) <= 40 else "the model"
        related: dict[str, cst.CSTNode] = {"cast": cast.node, "move": move.node}
        shown = "the model" if whole == "the model" else f"`{whole}`"
        if at is cast.node:
            story = [f"{shown} is cast to {dtype} here"]
        elif made is not None and made.action == "return" and at is made.node:
            story = [f"{shown} was cast to {dtype} at line <line:cast> and handed back here"]
        else:
            story = [f"{shown} was cast to {dtype} at line <line:cast>"]
        if at is not node:
            related["call"] = node
        wrap = module.last("wrap")
        if wrap is not None:
            story.append(f"wrapped by {wrap.detail} at line <line:wrap>")
            related["wrap"] = wrap.node
        parts = sorted(
            k for k, v in obs.env.items() if k.startswith(whole + ".") and v.last("move")
        )
        moved_parts = f" (only `{parts[0]}` was moved)" if parts else ""
        input_name = name_of(arg.value, self.ctx.code_for(arg.value))
        where = how_placed(move, value, self.ctx.code_for)
        fix = None if branch else self._fix(cast, value)
        advice = (
            "place the model with `.to(device=..., dtype=...)`"
            if fix is None
            else f"place it where it is cast: {fix.message}"
        )
        placed = "never moved to a device"
        if back is not None:  # the fix is not at the cast
            placed, fix = "moved back to the CPU at line <line:back>", None
            related["back"] = back.node
            advice = "move it to the input's device again before the call"
        if wrap is not None and wrap.detail == "DataParallel":
            # DataParallel.__init__ moves the module to device_ids[0] itself when it
            # sees one device (TL203's reasoning): only more than one fails.
            failure = (
                "DataParallel moves it to the GPU itself only when one GPU is visible; with "
                "more, the call fails with 'module must have its parameters and buffers on "
                "device cuda:0 (device_ids[0]) but found one of them on device: cpu'"
            )
        else:
            failure = f"the call fails with {layer_error(obs, cast.detail, self.ctx.analysis)}"
        if at is not node:
            failure = failure.replace("the call fails", "the call at line <line:call> fails", 1)
        self.report(
            at,
            f"{', '.join(story)}, but {placed}{moved_parts}, while its "
            f"input `{input_name}` was {where} at line <line:move>: "
            f"{failure}; {advice}",
            fix,
            related,
        )
        return True

    def _fix(self, cast: Event, value: Value) -> FixSpec | None:
        node = cast.node
        device = value.device_expr
        if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
            return None
        if not usable(device, cast.bound):
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


def moved_input(obs: CallObs) -> tuple[cst.Arg, Value, Event] | None:
    """The first argument of a module call that is on a GPU, with where it got there
    (one moved or made there before one that a module moved there computed)."""
    # (a list of tensors counts as its tensors: ``model(images)`` of a detector,
    # ``encoder(*inputs)``)
    found = [
        (arg, v, there)
        for arg, given in obs.args
        if (v := tensors_of(given) or given).kind in (Kind.TENSOR, Kind.MOVED, Kind.ENCODING)
        and v.on_accelerator
        and (there := _placed_at(v)) is not None
    ]
    return next((f for f in found if f[2].action != "ran"), found[0] if found else None)


def how_placed(move: Event, value: Value, code: Callable[[cst.CSTNode], str]) -> str:
    """How a message says the input got to its device: "moved to `device`", "made on
    `DEVICE`" (``_placed_at``'s event)."""
    if move.action == "move":
        return f"moved to {device_text(move, code)}"
    if move.action == "ran":
        return f"computed by a module moved to {device_text(move, code)}"
    assert value.device_expr is not None
    made_on = code(value.device_expr)
    return f"made on `{made_on}`" if len(made_on) <= 40 else "made on a GPU"


def layer_error(obs: CallObs, dtype: str | None, analysis: FileFacts) -> str:
    """The error the first weighted layer of the called module raises for an input on
    the GPU and weights on the CPU (in ``dtype``), quoted; a neutral wording when that
    layer is not visible."""
    legacy = {"float16": "HalfTensor", "bfloat16": "BFloat16Tensor"}.get(dtype or "", "FloatTensor")
    conv = f"'Input type (torch.cuda.{legacy}) and weight type (torch.{legacy}) should be the same'"
    if dtype == MAYBE_DTYPE:  # (cast to a dtype chosen at run time: the names vary)
        conv = "'Input type (torch.cuda....) and weight type (torch....) should be the same'"
    other = "'Expected all tensors to be on the same device'"
    kind = "other" if obs.module.origin in LOSSES else _first_layer(obs.module.origin, analysis)
    if kind == "conv":
        return conv
    if kind == "other":
        return other
    return (
        f"the input on the GPU and the weights on the CPU ({conv} at a convolution, "
        f"{other} elsewhere)"
    )


def _placed_at(value: Value) -> Event | None:
    """Where a tensor on a GPU got there: its move (``x.to(device)``), the move of
    the module whose output it is (``encoder.to(device)``), or its making there (``torch.tensor(ids, device=DEVICE)``, whose event names the device given)."""
    move = value.last("move", "ran")  # (moved itself, or the output of a module moved)
    if move is not None:
        return move
    made = value.last("create")
    if made is not None and value.device_expr is not None and isinstance(made.node, cst.Call):
        return Event("create", made.node, "var" if value.device == Place.VAR else "cuda")
    return None


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
    cls = analysis.class_named(origin[len("local:") :])
    forward = cls.method("forward") if cls is not None else None
    if cls is None or forward is None:
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
    module moved to one, `torch.cuda.set_device`, `device_ids=`), or where the
    DataParallel wrapper is then called without a move (even in code that names no
    GPU: DataParallel picks every visible GPU itself, also through a helper that wraps
    only `if config["data_parallel"]`, and where only the other branch moves the model:
    `if n_gpu > 1: model = nn.DataParallel(model)` / `else: model = model.to(device)`);
    and DDP around a model loaded with
    `device_map=...`, which is already spread over devices (DDP or DataParallel). A
    DataParallel wrapper moved before its first call (`nn.DataParallel(model,
    device_ids=gpus).to(device)`, or a part wrapped and the whole moved after it:
    `model.features = nn.DataParallel(model.features); model.cuda()`) is not flagged:
    DataParallel checks the devices when it runs, not when it wraps (DDP checks when it
    wraps). A model picked by name from torchvision (`models.__dict__[args.arch]()`,
    `getattr(torchvision.models, arch)(...)`) is a torchvision model on the CPU. Also flags a DataParallel
    without `device_ids` whose module is placed on a GPU picked by an index the code
    writes into the device (`torch.device(f"cuda:{args.gpu}")`, `"cuda:1"`,
    `model.cuda(args.gpu)`) and is then called: DataParallel takes every visible GPU
    and `device_ids[0]` is cuda:0. (A device option or parameter, which may as well
    hold `"cuda"`, is left alone.) A wrap in another file of the project (a trainer
    class's `__init__`) of a model made there is reported at the wrap when that file
    is linted in the same run, naming the call that led there; a model this file made
    and handed over is reported at the call that hands it.

    ## Why is this bad?
    DataParallel and DDP expect the module's parameters on `device_ids[0]` before
    wrapping: `RuntimeError: module must have its parameters and buffers on device
    cuda:0 (device_ids[0]) but found one of them on device: cpu`, or DDP's
    `DistributedDataParallel device_ids and output_device arguments only work with
    single-device/multiple-device GPU modules or CPU modules, but got device_ids [0],
    output_device None, and module parameters {device(type='cpu')}`. FSDP without
    `device_id` shards on the CPU and is slow, or fails at the first collective. A
    `device_map="auto"` model is split across GPUs: DDP replicates per process and
    cannot wrap it, and DataParallel replicates from `device_ids[0]` and fails with
    `module must have its parameters and buffers on device cuda:0 (device_ids[0]) but
    found one of them on device: cuda:1` (the same error as a DataParallel over every
    GPU whose module was moved to `cuda:1`).

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
        for call in self.ctx.analysis.flow.calls.all(node):
            if self._other_gpu(call):
                return

    def _other_gpu(self, obs: CallObs) -> bool:
        """A DataParallel without ``device_ids`` (every visible GPU, ``device_ids[0]`` is
        cuda:0), called with the module placed on a GPU the code chooses
        by an index (``f"cuda:{args.gpu}"``; not an option or a parameter, which may
        hold ``"cuda"``): unless that is GPU 0, its first call fails."""
        module = obs.module
        wrap, moved = module.last("wrap"), module.last("move")
        if (
            module.kind != Kind.WRAPPER
            or wrap is None
            or moved is None
            or wrap.detail != "DataParallel"
            or not isinstance(wrap.node, cst.Call)
            or len(wrap.node.args) > 1
        ):
            return False
        flow = self.ctx.analysis.flow
        cpu_option = moved.node in flow.cpu_option_moves
        if moved.node not in flow.indexed_moves and not cpu_option:
            return False
        at = self.once_at(wrap.node, obs.node)
        if at is None:
            return True
        inner = wrap.node.args[0].value if wrap.node.args else None
        name = dotted(inner) if inner is not None else None
        where, advice = (
            (
                "a device option whose default is the CPU; in a run without flags on a "
                "machine with a GPU (and on any GPU but cuda:0)",
                "wrap only when the device is a GPU, and pass `device_ids=[that GPU]`",
            )
            if cpu_option
            else ("a GPU the code chooses; on any other GPU", "pass `device_ids=[that GPU]`")
        )
        self.report(
            at,
            f"DataParallel wraps `{name or 'the model'}` without `device_ids`: it uses every "
            "visible GPU and needs the parameters on cuda:0 (`device_ids[0]`), but the "
            f"model is moved at line <line:moved> to {where} the call at line <line:call> "
            "fails ('module must have its parameters and buffers on device cuda:0 "
            f"(device_ids[0])'): {advice}",
            None,
            {"moved": moved.node, "call": obs.node},
        )
        return True

    def _check(self, node: cst.Call, obs: WrapObs) -> bool:
        inner = obs.inner
        # (the wrap itself: in another file of the project, ``node`` is the call of
        # this file that led there, and the finding goes to the wrap's line)
        wrap = obs.node
        # (the module as the wrap names it: a name, or "the model" for a call's result)
        what = "the model" if obs.inner_path == "the model" else f"`{obs.inner_path}`"
        kw = {a.keyword.value: a for a in wrap.args if a.keyword is not None}
        place = inner.last("place")
        spread = obs.wrapper == "DistributedDataParallel" or (
            obs.wrapper == "DataParallel" and place is not None and spreads_model(place.node)
        )
        if inner.device == Place.AUTO and place and spread:
            at = self.once_at(wrap, node, forward=True)
            if at is None:
                return True
            # (Quantized loading without device_map is AUTO too, with no place to name.)
            if obs.wrapper == "DistributedDataParallel":
                self.report(
                    at,
                    f"{what} was loaded with device_map at line <line:place> and "
                    "is already spread over devices; DistributedDataParallel cannot wrap "
                    "it: load it without device_map, move it to this process's GPU, then "
                    "wrap",
                    None,
                    {"place": place.node},
                )
                return True
            if obs.wrapper == "DataParallel" and spreads_model(place.node):
                # DataParallel replicates from device_ids[0] and requires every parameter
                # there: a model spread over the GPUs fails on any box with more than one.
                self.report(
                    at,
                    f"{what} was loaded with device_map at line <line:place> and "
                    "is spread over the GPUs; DataParallel needs every parameter on cuda:0 "
                    "and fails with more than one GPU: keep device_map (model parallel) "
                    "without DataParallel, or load without it and move the model to cuda:0",
                    None,
                    {"place": place.node},
                )
                return True
        # (by the wrap itself, also one in another file of the project reached from here)
        on_cpu = self.ctx.analysis.flow.called_on_cpu
        called = on_cpu.get(node) or on_cpu.get(obs.node)
        if inner.device != Place.CPU or (obs.gpu_evidence is None and called is None):
            return False
        if obs.wrapper == "FullyShardedDataParallel" and "device_id" in kw:
            return False
        if obs.wrapper == "DataParallel" and node in self.ctx.analysis.flow.placed_after_wrap:
            return False  # DataParallel(model).to(device): placed before its first call
        created = inner.last("create", "move")
        # (a wrap in another file of a model made there too is that file's line; one
        # this file made and handed over is moved here, before the call)
        at = self.once_at(wrap, node, created is None or not self.ctx.in_this_file(created.node))
        if at is None:
            return True
        fix = None
        # (the fix moves the module to device_ids[0] where the list is written out; to
        # "cuda" for a DataParallel given none, which uses every GPU from cuda:0)
        ids = device_ids(obs.wrapper, wrap.args)
        listed = ids.value if ids is not None else None
        elements = listed.elements if isinstance(listed, (cst.List, cst.Tuple)) else ()
        first = elements[0].value if elements else None
        device: cst.BaseExpression | None = None
        if obs.wrapper == "DistributedDataParallel":
            device = first
        elif obs.wrapper == "DataParallel":
            device = cst.SimpleString('"cuda"') if ids is None else first
        inner_arg = next(
            (a for a in wrap.args if a.keyword is None or a.keyword.value == "module"), None
        )
        if device is not None and inner_arg is not None and wrap is node:
            fix = FixSpec.unsafe(
                Replace(inner_arg.value, method_call(inner_arg.value, "to", device)),
                message=f"move the module first: .to({self.ctx.code_for(device)})",
            )
        related: dict[str, cst.CSTNode] = {}
        story = ""
        if created is not None:
            related["made"] = created.node
            story = " (made at line <line:made>, never moved)"
        evidence = obs.gpu_evidence
        if evidence is None:
            assert called is not None
            # No GPU named anywhere: DataParallel picks every visible GPU itself, and
            # checks the module's device when the wrapper is called.
            related["call"] = called
            self.report(
                at,
                f"DataParallel wraps {what} while it is on the CPU{story}, and "
                "the wrapper is called at line <line:call> without a move: on a machine "
                "with a GPU it fails there (parameters must be on cuda:0, device_ids[0]); "
                "move the module to the GPU before wrapping or before the first call",
                fix,
                related,
            )
            return True
        where = (
            "torch.cuda.set_device"
            if evidence.detail == "set_device"
            else "device_ids"
            if evidence.detail == "device_ids"
            else "a move to a GPU"
        )
        related["gpu"] = evidence.node
        self.report(
            at,
            f"{obs.wrapper} wraps {what} while it is on the CPU{story}, in code "
            f"that uses a GPU ({where} at line <line:gpu>): move the module to its device "
            "before wrapping",
            fix,
            related,
        )
        return True
