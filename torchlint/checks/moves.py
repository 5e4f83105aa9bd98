"""TL204: how tensors are moved to where the model is, read from the flow analysis
(``torchlint.analysis.flow``): inputs left on the CPU (a move whose result is dropped,
TL205, is in ``discarded.py``; a moved name whose alias still holds the old tensor,
TL206, in ``stale_alias.py``). Each rule reports only when the code shows both halves of the
bug; the message names the line of the other half. The rules on where modules are
placed are in ``placement.py`` (TL201, TL203) and ``attached_late.py`` (TL202)."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from torchlint import screen
from torchlint.analysis import batches
from torchlint.analysis.legacy import made_by_class
from torchlint.analysis.lightning import PLACED_BY
from torchlint.analysis.names import dotted
from torchlint.analysis.observations import CallObs
from torchlint.analysis.order import contains, innermost_function, written_before
from torchlint.analysis.retype import TYPE_AS_CPU, TYPE_AS_KEPT
from torchlint.analysis.torch_api import (
    GPU_STRINGS,
    INDEX_TEXT,
    MOVE_TEXT,
    SCATTERING_WRAPPERS,
    TENSOR_ATTRIBUTE_FACTORIES,
    legacy_constructor,
)
from torchlint.analysis.values import (
    BATCH,
    BUFFER,
    BUFFER_REF,
    OUTPUT,
    PARAMETER,
    Event,
    Kind,
    Place,
    Value,
)
from torchlint.checks import _input_sites, _made, _stale
from torchlint.checks._build import attribute_base, method_call
from torchlint.checks._devices import (
    chosen_cpu,
    cuda_by_name,
    device_text,
    model_name,
    name_of,
    names_cuda,
    usable,
    written_here,
)
from torchlint.lint.traverse import nodes
from torchlint.rules.rule import FixSpec, LintContext, Replace, Rule


class InputsNotMoved(Rule):
    code = "TL204"
    name = "inputs-not-moved"
    summary = (
        "A model moved to a device is called with tensors built on the CPU and never "
        "moved, or its tensors meet one in an op."
    )
    fixable = True
    # (generate on a device_map model; a tensor made on a named accelerator)
    triggers = (*MOVE_TEXT, "device_map", *GPU_STRINGS, *INDEX_TEXT)
    needs = frozenset({screen.PLACED_MODULE, screen.CPU_DATA})
    # (a CPU tensor indexed with one on a device, or the index of an index op on one:
    # no model needed; a CPU tensor meeting one surely on a GPU: `.cuda()`, `device="cuda"`)
    needs_either = (
        frozenset({screen.ACCELERATOR, screen.CPU_DATA, screen.TENSOR_INDEX}),
        frozenset({screen.ACCELERATOR, screen.CPU_DATA, screen.INDEX_OP}),
        frozenset({screen.CPU_DATA, screen.CUDA_LITERAL}),
    )
    docs = """
    ## What it does
    Flags a call of a model that was moved with `.to(device)` / `.cuda()` when an
    argument is a tensor or tokenizer output built on the CPU (`tokenizer(...)`,
    `.input_ids`, `torch.tensor(...)`, `torch.zeros(...)` without `device=`, the
    batches of a `DataLoader` over a `TensorDataset` or a `Dataset` class of the
    file) and never moved. The flow is followed through the file's own functions,
    methods and classes: ids built by one helper and fed to the model by another are
    reported where the caller passes them, with the line that runs the model as the
    related location. The starting state of a recurrent layer (the `hx` of an
    `nn.LSTM`, `nn.GRU`, `nn.RNN` or their cells: `h0`, `(h0, c0)`) made by a factory
    without `device=` is reported where it is made, naming the layer's call: a state
    is made, not loaded, so `device=` there is the fix ('Input and hidden tensors are
    not at the same device'); also through a helper of a trainer, and through
    `self(...)`, the module's own forward (a LightningModule's step). Also flags a tensor made on the CPU that meets a placed model's
    tensors (its output, its weights, the inputs its `forward` was called with) in a
    `torch.cat`/`stack` or arithmetic (in place too: `total += out`, `keep &= ids != pad`): a mask or state made in `forward` without
    `device=`; where such a tensor came in a container the caller handed to the model
    and that container has its own `.to()` (a dataclass batch), at that call, the line
    to change. A loss given a model's output and a target made on the CPU and never
    moved (`criterion(logits, y)` with `y` from the batch, `F.mse_loss(pred, y)`) is
    flagged at the loss, which says what to move; so is a comparison of such labels with
    the predictions (`(predicted == labels).sum()`), once per tensor. A tensor of a
    `DataLoader`'s batch is the loop's to move wherever its data were made (a Dataset
    in another file, say): it is reported where it meets the device (in the model's
    forward, a helper's loss), naming the line that made it. And a tensor made on the CPU that is indexed with a tensor on a
    device (`table[labels]` with `labels` moved, a schedule looked up with steps drawn
    with `device=`): 'indices should be either on cpu or on the same device as the
    indexed tensor', whatever that tensor is; an index of indices counts where it
    surely has dimensions (one index at a time, `table[labels[i]]`, is read as an int).
    The same for an index made on the CPU given to `index_select` / `gather` /
    `scatter` / `take_along_dim` of a tensor on a device (unlike `x[idx]`, they take
    no CPU index). A tensor a helper makes with its `device=None` default (`def
    causal_mask(n, device=None)`) is reported at the call that left the default, the
    line to change (`pass it device=scores.device`), also where the model's call
    gets it (a cached `causal_mask(n, device=torch.device("cpu"))` handed to an
    encoder); also a cache that `forward`
    rebuilds with such a call when the input is longer than it (`if n >
    self.cos.shape[0]: self.cos = build(n)`): the long run meets the CPU table. A
    batch rebuilt with its entries moved one by one (`{"ids": b["ids"].to(device),
    "speaker": b["speaker"]}`) but one: reported at that entry's line, the move left
    out. `torch.pow(gamma, exponents)` is where its exponents are (a discount kernel
    made on the CPU).
    And a tensor made on the CPU, surely with dimensions, that meets one surely on a
    GPU in the run with one, model or not: moved with `.cuda()`, made with
    `device="cuda"`, or on a device that is a GPU there (`"cuda" if
    torch.cuda.is_available() else "cpu"`, a module's `device="cuda"` default): a
    window or ramp a plain helper makes, mixed in a method with noise made on the
    module's device. (A CPU tensor's elements, `for s in torch.linspace(...)`, are
    zero-dimensional and mix with any device: not flagged.) A loop whose body
    rebuilds on the CPU a tensor that was on the device when the loop began (a
    rollout's `masks = torch.tensor(...)` after each step) is walked a second time
    with what the first pass left: the next step's use is where it meets the device.
    What a `torch.cat` joins with a CPU tensor is on the CPU (or the join fails),
    whatever the other operands are. The ops that never promote (`F.conv2d(x,
    kernel)` with a CPU kernel, `torch.mm`, `torch.tensordot`), `torch.min(a, b)` /
    `torch.maximum`, and `torch.stft`'s `window=` (made with `torch.hann_window(n)`, a
    factory like `torch.zeros`) meet their operands the same way. A buffer of a module
    made here and never moved (a solver's coefficients, `stepper.step(f, y, dt)` with
    `y` on the device) is reported where the module is made: move it there.
    A model run on an example by a library (`writer.add_graph(model, x)`,
    `torch.jit.trace(model, x)`, `torch.onnx.export(model, x, path)`) is called with
    it as `model(x)` is. PyTorch Geometric graphs are
    followed as dicts of tensors: `Data(x=..., edge_index=...)`, its DataLoader's
    batches (with their `batch` vector), `data.to(device)` moving every entry, and
    `degree(...)` where its index is; an index built on the CPU for
    `batch.index_select` is then found. Where the last thing done to such a tensor was a dtype-only
    `.to(dtype)` (a cache converted to the input's dtype, pixel values to the tower's),
    the finding lands on that cast, the line to change: it should convert and move in
    one step. A tensor on the device cast with `.type_as(t)` of a CPU `t` (a loss's
    class weights kept as a plain attribute) is moved to the CPU by that cast (a type
    such as "torch.FloatTensor" says the device too): the finding lands on the cast,
    also where the cast moved the batch's labels back and they meet the logits in a
    loss; so where it meets any tensor surely on a GPU (sampled ids cast like the CPU
    prompt, then `torch.cat((ids, sampled))` with the ids moved there). A tensor
    computed on the CPU from one the code moves only afterwards (`mask = ids != pad`,
    by the function or a helper it calls, before `ids = ids.to(device)`) is reported
    where it reaches the model or meets the device after that move, naming the line
    that computed it and the move: compute it after the move, or move it too.
    Modules made inside `with torch.device(d):` are on `d`, and a buffer
    (`register_buffer`) moves with its module; one a helper of `__init__` puts on
    the CPU stays there, also where forward rebuilds it on the input's device only
    when it is too small (`if h > self.size[0]: self.size = ...; self._set(..., x.device)`:
    the run whose cache was big enough uses the CPU one). A model loaded with `device_map=` is flagged only where `generate` is
    given CPU ids: accelerate's hooks move what its forward is given, but `generate`
    first builds its masks and positions on the ids' device (transformers warns
    `input_ids is on cpu, whereas the model is on cuda`; remote code such as MPT's
    crashes). The fix there moves them to `model.device`. A LightningModule's step
    hooks (`training_step`, `validation_step`, `test_step`, `predict_step`) count as
    placed: Lightning's trainer moves the module and each batch to its accelerator
    before it calls them, so a tensor a hook makes without `device=` (targets from
    `torch.arange(n)`) meets the module's output on the GPU. A batch's tensor the
    loop hands on unmoved to a helper or a method that meets the device with it is
    reported at the loop's call (`rating_loss(logits, target)`), where the rest of the
    batch is moved. A DataLoader over a plain list of dicts or tuples of CPU tensors
    batches them on the CPU (the default collate). A model put on CUDA by name
    (`.cuda()`, `.to("cuda")`, a loader's `device="cuda"`: OpenAI CLIP's `clip.load`,
    `torch.jit.load(map_location=...)`) whose input the code moves to a device it
    chose that is the CPU (`x.to(SETTINGS["device"])` of `"device": "cpu"`) is
    reported at that `.cuda()`: the code's choice is the CPU. A diffusers scheduler keeps the sample it
    steps where it is (`scheduler.step(eps, t, x).prev_sample`), and an Euler-type
    scheduler's `init_noise_sigma` is a tensor on the device `set_timesteps` was given.

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
    with the device the model was moved to (`model.device` for a device_map model),
    when that device is defined at the call.
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
        self._inputs(node)
        # (after: a CPU tensor the call hands a placed module is reported as its
        # input, with a fix, not again as meeting the module's output here)
        self._meets(node)

    def _inputs(self, node: cst.Call) -> None:
        flow = self.ctx.analysis.flow
        reported: set[int] = set()
        # The function's own walk, then each call site of the file that reaches it
        # (a batch's entries known to be tensors before entries of unknown batches).
        for obs in sorted(flow.calls.all(node), key=lambda o: batches.unsure_args(o.args)):
            # A device_map model's hooks move what its forward is given, but
            # ``generate`` builds its masks and positions on the inputs' device first
            # (transformers warns: 'input_ids is on cpu, whereas the model is on cuda').
            mapped = obs.module.device == Place.AUTO and obs.callee.endswith(".generate")
            if not (obs.module.on_accelerator or mapped) or obs.followed:
                continue
            wrap = obs.module.last("wrap")
            if wrap is not None and wrap.detail in SCATTERING_WRAPPERS:
                continue  # they scatter their inputs to device_ids themselves
            placement = obs.module.last("place" if mapped else "move")
            if placement is None:
                continue
            stale = flow.stale.get(node)
            for arg, value, held, outer in _inputs_of(obs.args):
                if stale is not None and stale[0] is arg:
                    continue  # TL206 says it better
                if value.kind not in (Kind.TENSOR, Kind.ENCODING) or value.device != Place.CPU:
                    continue
                if batches.unsure(value) and not obs.module.origin.startswith("torch.nn."):
                    continue  # (maybe no tensor: only a layer's weights say it is)
                made = value.last("create")
                # Made by the caller and handed to this function: the caller's
                # argument is the line to change (a module's forward: the module call
                # there is observed and reported itself).
                handed = _moving_callee(self.ctx, value) or value.handed_in()
                where = handed.node if handed is not None else arg.value
                to_cpu = value.last("move")
                how = names_cuda(placement.node) if placement.action == "move" else None
                if (
                    to_cpu is not None
                    and to_cpu.detail == Place.CPU
                    and chosen_cpu(to_cpu.node)
                    and how is not None
                    and id(where) not in reported
                ):
                    # (the input goes where the code chose, the CPU, also as the output
                    # of a module moved there; the model was put on CUDA by name: the
                    # name is the line to change)
                    reported.add(id(where))
                    if made is not None:
                        self._met_at_op.add(id(made.node))
                    cuda_by_name(self, node, obs, arg, (placement, to_cpu), how)
                    continue
                if (
                    made is None
                    and to_cpu is not None
                    and to_cpu.detail == Place.CPU
                    and _brought_back(to_cpu.node)
                    and id(where) not in reported
                ):
                    # (brought to the CPU, `.cpu()` after a module ran on the device,
                    # and handed to a placed module without being moved back: once
                    # per such move, at the first module that gets it)
                    reported.add(id(where))
                    if id(to_cpu.node) in self._met_at_op:
                        continue
                    self._met_at_op.add(id(to_cpu.node))
                    self._report(node, obs, arg, placement, to_cpu, handed, held)
                    continue
                if made is None or _made.zero_dim(value, made):
                    continue
                # (computed from a tensor the code moves later: where the two part)
                left = _stale.stale(self.ctx.analysis, value)
                if (
                    left is not None
                    and id(where) not in reported
                    and _stale.report_input(self, node, obs, arg, left, placement, handed, held)
                ):
                    reported.add(id(where))
                    self._met_at_op.add(id(made.node))
                    continue
                recast = _made.recast_only(value)
                if recast is not None:
                    _input_sites.recast(
                        self,
                        node,
                        recast,
                        made,
                        name_of(arg.value, self.ctx.code_for(arg.value)),
                        f"`{model_name(obs.callee)}`",
                        placement,
                    )
                    continue
                if _input_sites.is_starting_state(obs, outer, made.node):
                    # (reported where it is made: once per tensor made)
                    self._met_at_op.add(id(made.node))
                    _input_sites.starting_state(self, node, obs, placement, made, handed)
                elif (put := _input_sites.put_unmoved(self, value, made)) is not None:
                    # (put in a batch whose other entries were moved right there)
                    self._met_at_op.add(id(made.node))
                    _input_sites.left_out(self, node, obs, placement, made, put)
                elif (back := _made.left_default(value, made)) is not None:
                    # (made by a helper whose ``device=`` default the call left)
                    self._met_at_op.add(id(made.node))
                    _input_sites.left_default(self, node, obs, placement, made, back)
                elif id(where) not in reported:
                    reported.add(id(where))
                    self._met_at_op.add(id(made.node))
                    # (the helper's call of the model, when the part that meets the
                    # input is reached through it: the model is the one to name)
                    via = next((e for e in value.handed() if e.path == "module"), None)
                    self._report(node, obs, arg, placement, made, handed, held, via)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self._meets(node)  # (a tensor another file made, indexed here)

    def __init__(self, ctx: LintContext) -> None:
        super().__init__(ctx)
        # The CPU tensors (by the node that made them) already reported where they meet.
        self._met_at_op: set[int] = set()
        self._inputs_of_placed: frozenset[int] | None = None

    def visit_Comparison(self, node: cst.Comparison) -> None:
        self._meets(node)  # (a batch's labels compared with predictions on the device)

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        self._meets(node)  # (a tensor another file made, met here)

    def _placed_inputs(self) -> frozenset[int]:
        """The CPU tensors (by ident) some call of the file hands a module moved to a
        device: ``_inputs`` reports each where it is handed over."""
        if self._inputs_of_placed is None:
            calls = self.ctx.analysis.flow.calls
            seen = [*calls.values(), *(o for more in calls.in_context.values() for o in more)]
            self._inputs_of_placed = frozenset(
                v.ident
                for obs in seen
                if obs.module.on_accelerator and not obs.followed and obs.module.last("move")
                for _, v, _, _ in _inputs_of(obs.args)
                if v.ident and v.kind == Kind.TENSOR and v.device == Place.CPU
            )
        return self._inputs_of_placed

    def _in_def(self, meet: cst.CSTNode, fn: object) -> bool:
        """Made in the module body, met in a function of the file written above it
        (a helper the ``__main__`` block calls): not a loop's next iteration."""
        return fn is None and any(
            isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) and contains(stmt, meet)
            for stmt in self.ctx.module.body
        )

    def _meets(self, node: cst.Call | cst.Subscript | cst.BinaryOperation | cst.Comparison) -> None:
        """A tensor made here on the CPU that later meets a tensor of a placed model
        (its output, its weights, or the inputs its forward was called with) in a
        ``torch.cat``/``stack`` or arithmetic; or, made in another file and handed
        back to this one, the op that meets it here."""
        if isinstance(node, cst.Call) and (
            _made.scalar(node) or legacy_constructor(self.ctx.analysis.qualify(node.func) or "")
        ):
            return  # (torch.FloatTensor(...) meeting a device is TL402's)
        fn = self.ctx.function
        root: cst.CSTNode = fn.node if fn is not None else self.ctx.module
        for mix in self.ctx.analysis.flow.mixes.all(node):
            if (written_before(mix.node, node, root) and not self._in_def(mix.node, fn)) or (
                made_by_class(mix.cpu, node)
            ):
                continue  # (a loop's next iteration; type(x)(n) is TL402's)
            if mix.cpu.ident in self._placed_inputs():
                continue  # (reported as the input of a placed module, with a fix)
            other = mix.device
            # The device side belongs to a placed model: its output, its weights,
            # or an input its forward was called with. Or this tensor is indexed
            # with a tensor on a device, which fails whatever that tensor is.
            model = bool(other.origin in (OUTPUT, PARAMETER) or other.part_of or other.module_input)
            # (a LightningModule's batch, on the device Lightning runs the step on)
            batch_placed = other.last("move")
            model = model or (batch_placed is not None and batch_placed.detail == PLACED_BY)
            indexed = isinstance(mix.node, cst.Subscript)
            # (or it left the device by a .type_as() of a CPU tensor, meeting one that
            # is surely on a GPU: sampled ids joined back to the prompt's ids)
            made = mix.cpu.last("create")
            if made is not None and _made.zero_dim(mix.cpu, made):
                continue  # (a 0-dim tensor of a number meets tensors on any device)
            typed = (
                made is not None
                and made.detail in (TYPE_AS_CPU, TYPE_AS_KEPT)
                and other.device == Place.CUDA
            )
            # (or it surely has dimensions, so it is no scalar, and meets a tensor surely
            # on a GPU in the run with one: moved with .cuda(), made with device="cuda"
            # or on a device that is a GPU there)
            # (a matrix product, ``a @ b``, takes no 0-dim operand: any CPU one fails)
            gpu = other.device == Place.CUDA and (
                mix.cpu.has_dims() or _made.matrix_product(self.ctx.analysis.qualify, mix.node)
            )
            if not (model or indexed or mix.index or typed or gpu):
                continue
            # Computed from a tensor the code moves only later: the line to change
            # is in the function that moves it, not where it was made.
            left = _stale.stale(self.ctx.analysis, mix.cpu)
            side = "the model's device" if model else "a device"
            if left is not None and _stale.report_meeting(self, node, mix, left, side, indexed):
                return
            code = self.ctx.code_for
            name = dotted(mix.device_expr) or code(mix.device_expr)
            related: dict[str, cst.CSTNode] = {"meets": mix.node}
            moved = other.last("move")
            recast = _made.recast_only(mix.cpu)
            if (
                recast is not None
                and not indexed
                # (made by a helper whose ``device=`` default the call left: that call
                # is the line to change, below)
                and (made is None or _made.left_default(mix.cpu, made) is None)
            ):
                _input_sites.recast(
                    self,
                    mix.node,
                    recast,
                    mix.cpu.last("create") or recast,
                    "it",
                    f"`{name}`",
                    moved,
                )
                return
            where = "the model's device" if model else "a device"
            ran = other.last("ran") if model else None
            if moved is not None:
                related["moved"] = moved.node
                where = f"{device_text(moved, code)} (line <line:moved>)"
            elif ran is not None and isinstance(ran.node, cst.Call):
                related["moved"] = ran.node  # (where the model that computed it was put)
                where = "the model's device (line <line:moved>)"
            elif not model and other.device_expr is not None:
                where = f"`{code(other.device_expr)}`"
            unplaced = _made.unplaced(made.node if made is not None else None)
            subject = f"this tensor is made on the CPU {unplaced} and"
            at: cst.CSTNode = node
            cpu: str | None = None
            batch = False
            handed = mix.cpu.handed_in()
            handed_on: Event | None = None
            statement = None
            left_default = made_here = False
            back = _made.left_default(mix.cpu, made) if made is not None else None
            if (
                made is not None
                and back is None
                and handed is not None
                and handed.path == "module"
                and isinstance(handed.node, cst.BaseExpression)
                # (handed over in another file than the one that made it, both
                # reached through a call of this one: where it is made, as below)
                and self.ctx.same_file(handed.node, made.node)
            ):
                # Handed to a module inside a container with its own .to() (the
                # flow adds its handing to what it holds): the call moves it.
                # (made in the function that hands it over: made where it goes)
                functions = self.ctx.analysis.functions
                made_here = self.ctx.in_this_file(made.node) and innermost_function(
                    functions, made.node
                ) is innermost_function(functions, handed.node)
                spot = self.once_at(made.node if made_here else handed.node, node)
                if spot is None or (made_here and self.once_at(handed.node, node) is None):
                    return  # (made here, and reported as the call's input already)
                at, statement = spot, handed.statement if spot is handed.node else None
                related["made"] = made.node
                passed = name_of(handed.node, code(handed.node))
                subject = (
                    f"`{passed}` holds a tensor made on the CPU {unplaced} at line "
                    f"<line:made>, and `{handed.detail}`'s forward, which gets it here,"
                )
                if made_here:
                    related["call"] = handed.node
                    subject = (
                        f"this tensor is made on the CPU {unplaced}, and `{handed.detail}`'s "
                        "forward, which gets it at line <line:call>,"
                    )
            elif (
                made is not None
                and (mix.node is node or mix.cpu.origin == BATCH)
                # (a .type_as() of a CPU tensor in this file: that call is the line)
                and not _typed_here(self, made)
            ):
                # Made in another file and handed back, or a batch's labels met in a
                # loss or a comparison: the op here is the line (once per tensor made:
                # moved before the loss, they are moved for the comparison too). A
                # batch's tensor is the loop's to move wherever it was made (a Dataset,
                # perhaps in another file): reported where it meets the device, in the
                # file of that line when the run lints it too.
                spot = node if mix.node is node else self.once_at(mix.node, node, forward=True)
                left_behind = (
                    mix.cpu.origin == BATCH
                    and handed is not None
                    and isinstance(handed.node, cst.BaseExpression)
                    # (moved where it is used, then used by its old name: a stale
                    # alias there, not the loop's)
                    and mix.cpu.ident not in self.ctx.analysis.flow.tensor_moves
                )
                if left_behind and handed is not None:
                    # (handed on by the loop to a helper or a method: the loop's call
                    # is where the batch's tensor was left behind)
                    spot = self.once_at(handed.node, node, forward=True)
                if spot is None or id(made.node) in self._met_at_op:
                    return
                self._met_at_op.add(id(made.node))
                at, batch = spot, mix.cpu.origin == BATCH
                related["made"] = made.node
                operand = _stale.operand_of(mix.node, mix.device_expr)
                if isinstance(mix.node, cst.Call) and not any(
                    a.value is mix.cpu_expr for a in mix.node.args
                ):
                    operand = mix.cpu_expr or operand  # (a loss's class weights)
                cpu = dotted(operand) if operand is not None else None
                if cpu is None and operand is not None and len(code(operand)) <= 40:
                    cpu = code(operand)  # (batch["label"])
                if left_behind and handed is not None:
                    assert isinstance(handed.node, cst.BaseExpression)
                    cpu, handed_on = name_of(handed.node, code(handed.node)), handed
                subject = (
                    f"`{cpu or 'this tensor'}` comes from a DataLoader batch (made on the CPU "
                    "at line <line:made>), was never moved, and"
                    if batch
                    else f"`{cpu or 'this tensor'}` was made on the CPU {unplaced} at line "
                    "<line:made> and"
                )
            elif made is not None and back is not None:
                # Made by a helper whose ``device=None`` default the call left: the
                # call is the line to change (once, however many meetings).
                spot = self.once_at(back.node, node, not self.ctx.in_this_file(mix.node))
                if spot is None:
                    return
                at = spot
                related["made"] = made.node
                left_default = at is back.node
                subject = (
                    "this call leaves its helper's `device=` at its default (None or the "
                    "CPU), so the tensor made at line <line:made> is on the CPU, and it"
                    if left_default
                    else f"this call reaches a tensor made on the CPU {unplaced} at line "
                    "<line:made>, which"
                )
            elif made is not None and made.node is not node:
                # Made in another file of the project, reached through this call:
                # that file reports it when the run lints it (``once_at``).
                # (when they meet there too: a tensor it hands back here is this
                # file's to move)
                spot = self.once_at(made.node, node, not self.ctx.in_this_file(mix.node))
                if spot is None:
                    return
                at = spot
                if at is node:
                    related["made"] = made.node
                    subject = (
                        f"this call reaches a tensor made on the CPU {unplaced} at "
                        "line <line:made>, which"
                    )
            how, error = _made.meeting(mix, name, indexed)
            fn = self.ctx.function
            of = dotted(mix.device_expr) or code(attribute_base(mix.device_expr))
            advice = (
                f"create it there with `device={of}.device`"
                if fn is not None and contains(fn.node, mix.node) and _named(mix.device_expr, of)
                else "create it on that device (or move it there before that line)"
            )
            meets = "at line <line:meets>"
            if left_default:
                # (the name of what it meets means the same at the call only in one
                # function)
                caller = innermost_function(self.ctx.analysis.functions, at)
                advice = (
                    f"pass it `device={of}.device`"
                    if caller is not None and contains(caller, mix.node)
                    else "pass it the device of what the tensor meets (`device=...`)"
                )
            elif statement is not None:
                advice = f"move it with the model's inputs before the call (`{passed}.to(...)`)"
            elif made_here:
                advice = "create it on the device of the model's inputs (`device=...`)"
            elif batch and handed_on is not None:
                related["used"] = mix.node  # (the loop's argument: the meeting is elsewhere)
                meets = f"through `{handed_on.detail}` (at line <line:meets>)"
                advice = f"move it with the rest of the batch before this call (`{cpu}.to(...)`)"
            elif batch:
                meets = "here" if at is mix.node or mix.node is node else meets
                advice = f"move it with the rest of the batch (`{cpu or 'it'}.to({of}.device)`)"
            elif made is not None and _typed_here(self, made):
                assert isinstance(made.node, cst.Call)
                at, subject, advice = _made.type_as_story(
                    self.ctx.code_for, made.node, made, related
                )
            elif mix.node is node:
                meets = "here"
                advice = f"move it to that device first (`{cpu or 'it'}.to({of}.device)`)"
            if (
                at is node
                and mix.cpu.origin in (PARAMETER, BUFFER, BUFFER_REF)
                and made is not None
                and made.node is node
            ):
                q = (isinstance(node, cst.Call) and self.ctx.analysis.qualify(node.func)) or ""
                factory = (
                    q.startswith("torch.") and q.rsplit(".", 1)[-1] in TENSOR_ATTRIBUTE_FACTORIES
                )
                if factory and mix.cpu.origin == PARAMETER:
                    # (the tensor of a free parameter, ``nn.Parameter(torch.ones(n))``,
                    # optimized by itself: made on the CPU)
                    subject = "the parameter made here is on the CPU; it"
                    advice = "make its tensor on that device (`device=...`) before wrapping it"
                elif not factory:
                    # (a weight of a module made here and never moved: a loss with
                    # parameters, a part the model's forward reaches)
                    held = "weights" if mix.cpu.origin == PARAMETER else "buffers"
                    subject = (
                        f"the module made here is never moved, so its {held} stay on the CPU; one"
                    )
                    advice = "move the module to that device (`.to(...)`) where it is made"
            self.report(
                at,
                f"{subject} {how}, on {where}, {meets}: {error}; {advice}",
                None,
                related,
                statement,
            )
            return

    def _report(
        self,
        node: cst.Call,
        obs: CallObs,
        arg: cst.Arg,
        placement: Event,
        made: Event,
        handed: Event | None,
        held: bool,
        via: Event | None = None,
    ) -> None:
        device = obs.module.device_expr
        name = name_of(arg.value, self.ctx.code_for(arg.value))
        whole = model_name(obs.callee)
        if handed is not None and via is not None and via.detail.replace(".", "").isidentifier():
            whole = model_name(via.detail)
        moved = f"was moved to {device_text(placement, self.ctx.code_for)} at line <line:placed>"
        if placement.action == "place":
            # device_map: the model's own device (that of its first weights) is where
            # generate wants the ids.
            moved = (
                "was loaded with device_map at line <line:placed> (its hooks move "
                "what a forward is given, not what generate is given)"
            )
            device = cst.parse_expression(f"{whole}.device")
        where = f"`{whole}` {moved}"
        related: dict[str, cst.CSTNode] = {"made": made.node, "placed": placement.node}
        # In a method of another file this call led into (``Runner().fit(learn)``):
        # reported here, or on that file's line when the run lints it too.
        target = handed.node if handed is not None else arg.value
        foreign = not self.ctx.in_this_file(target)
        at = self.once_at(target, node, forward=True) if foreign else target
        if at is None:
            return
        if handed is not None:
            # Reported at the call site: a fix there would need the device as the
            # caller names it, which the callee's walk does not know.
            assert isinstance(handed.node, cst.BaseExpression)
            if not foreign and self.once_at(handed.node, node) is None:
                return  # (reported at that argument already)
            related["used"] = obs.node if foreign else node
            if via is not None and whole == model_name(via.detail) and not foreign:
                related["used"] = via.node
            passed = name_of(handed.node, self.ctx.code_for(handed.node))
            calls = (
                f"`{handed.detail}`, which calls `{whole}` with it at line <line:used>, but {where}"
            )
            if via is handed and whole == model_name(handed.detail):
                calls = f"`{whole}`, which {moved}"  # (the model itself, at this line)
                del related["used"]
            self.report(
                at,
                f"`{passed}` {_made_where(self, made)} and is passed to "
                f"{calls}: move it to the model's device before the call",
                None,
                related,
                handed.statement,
            )
            return
        fix = None
        # (not a name only the script's __main__ block binds: written_here)
        if device is not None and usable(device, obs.env) and written_here(self, device):
            fix = (
                None
                if held
                else FixSpec.safe(
                    Replace(arg.value, method_call(arg.value, "to", device)),
                    message=f"move it at the call with .to({self.ctx.code_for(device)})",
                )
            )
        came = "holds a tensor made on the CPU at line <line:made>" if held else None
        self.report(
            at,
            f"`{name}` {came or _made_where(self, made)} and never moved"
            # (an offload the code brought to the CPU itself: `.cpu()` of an output)
            + (" back" if made.action == "move" and came is None else "")
            + f", but {where}: move the input to the model's device"
            # (the device's name, where it means the same here)
            + (
                f" (`{self.ctx.code_for(method_call(arg.value, 'to', device))}`)"
                if device is not None and fix is not None
                else ""
            ),
            fix,
            related,
        )


def _brought_back(node: cst.CSTNode) -> bool:
    """A move to the CPU by ``.cpu()`` or ``.to(...)`` (not ``.type(...)``: TL102's)."""
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value in ("cpu", "to")
    )


def _made_where(rule: Rule, made: Event) -> str:
    """How a CPU input came to be: made there, or read from a batch (``batches.py``)."""
    if made.action == "move":
        return "was moved to the CPU at line <line:made>"
    if id(made.node) in rule.ctx.analysis.flow.batch_entries:
        return "was read at line <line:made> from a batch whose other entries are moved"
    return "was made on the CPU at line <line:made>"


def _inputs_of(
    args: tuple[tuple[cst.Arg, Value], ...],
) -> Iterator[tuple[cst.Arg, Value, bool, cst.Arg]]:
    """The tensors a module call is given: each argument, and each member of a tuple
    argument (an LSTM's ``(h0, c0)``): one written out as an argument of its own; one
    held in a name as that name (``held``: a tuple has no ``.to()`` to fix it with).
    Last, the argument of the call it is or is in."""
    for arg, value in args:
        if value.kind != Kind.TUPLE or arg.star or not value.items:
            yield arg, value, False, arg
        elif isinstance(arg.value, cst.Tuple) and len(arg.value.elements) == len(value.items):
            for element, item in zip(arg.value.elements, value.items, strict=True):
                if not isinstance(element, cst.StarredElement):
                    yield cst.Arg(element.value), item, False, arg
        else:
            yield from ((arg, item, True, arg) for item in value.items)


def _named(expr: cst.BaseExpression, text: str) -> bool:
    """An advice can take ``.device`` of ``expr`` (``x``, ``batch["x"]``, ``(a / n)``,
    ``self.lin(x)``): not of a long call, which it would spell out again
    (``torch.bincount(d.clamp(max=m), minlength=n)``, ``(w - 1.0) * (p >= t).float()``)."""
    return not isinstance(expr, (cst.Call, cst.BinaryOperation)) or len(text) <= 30


def _moving_callee(ctx: LintContext, value: Value) -> Event | None:
    """Where a function handed a batch moves some of its entries itself
    (``batch["x"].to(self.device)`` in a model's ``sample(batch)``) and hands on one
    it left on the CPU: its own call with that entry (the line to change), not the
    caller's, whose batch the function takes care of."""
    passes = value.handed()
    if len(passes) < 2 or not ctx.in_this_file(passes[1].node):
        return None
    fn = innermost_function(ctx.analysis.functions, passes[1].node)
    if fn is None:
        return None
    params = {p.name.value for p in (*fn.params.params, *fn.params.kwonly_params)}
    for call in nodes(fn, cst.Call):
        func = call.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in ("to", "cuda"):
            continue
        if isinstance(func.value, cst.Subscript) and dotted(func.value.value) in params:
            return passes[1]
    return None


def _typed_here(rule: Rule, made: Event) -> bool:
    """``made`` is a ``.type_as(t)`` of this file that took a CPU tensor's type."""
    return (
        made.detail in (TYPE_AS_CPU, TYPE_AS_KEPT)
        and isinstance(made.node, cst.Call)
        and isinstance(made.node.func, cst.Attribute)
        and bool(made.node.args)
        and rule.ctx.in_this_file(made.node)
    )
