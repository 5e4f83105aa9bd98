"""TL106-TL107: dtype mismatches the code shows statically, read from the flow
analysis: half precision placed on the CPU, inputs of another dtype than the model.
(TL104, loss targets: ``loss_targets.py``; TL105, float64 data: ``float64.py``; TL109,
integer inputs of a float layer: ``integers.py``.)"""

from __future__ import annotations

import libcst as cst

from torchlint import screen
from torchlint.analysis.names import dotted
from torchlint.analysis.observations import CallObs
from torchlint.analysis.strict_ops import run_dtype
from torchlint.analysis.torch_api import (
    CLIP_LOADERS,
    FORWARD_LIKE,
    HALF_DTYPES,
    HALF_TEXT,
    SCALAR_TYPE_NAMES,
    says_dtype,
    torch_dtype,
)
from torchlint.analysis.values import PIPELINE, Event, Kind, Place, Value
from torchlint.checks._build import method_call
from torchlint.checks._devices import model_name
from torchlint.checks._half_ops import report_ops
from torchlint.checks._sites import (
    InputSite,
    follows_other,
    meets_cast_model,
    meets_chosen_dtype,
    partial_cast,
)
from torchlint.rules.rule import FixSpec, Replace, Rule


class HalfOnCpu(Rule):
    code = "TL106"
    name = "half-on-cpu"
    summary = (
        "A module in float16 runs on the CPU: placed there explicitly, or left there by "
        "the run without a GPU."
    )
    triggers = HALF_TEXT
    needs = frozenset({screen.HALF_CAST, screen.MODULE_SOURCE})
    # (or an op with no CPU float16 kernel and a half dtype, spelled or cast: the op)
    needs_either = (
        frozenset({screen.HALF, screen.NO_CPU_HALF_OP}),
        frozenset({screen.HALF_CAST, screen.NO_CPU_HALF_OP}),
    )
    docs = """
    ## What it does
    Flags a call of a module that the code both casts to half precision (`.half()`,
    `torch_dtype=torch.float16`, `.to(torch.float16)`, a dtype named by a string,
    `getattr(torch, cfg["dtype"])` of `{"dtype": "float16"}`) and places on the CPU
    explicitly (`device_map="cpu"`, `.cpu()`, `.to("cpu")`, `.to(cfg["device"])` of
    `{"device": "cpu"}`): the finding lands on the cast, once (at the call where the
    cast is in another file), and names the placement and the call. Also a module cast to
    float16 for every run but moved to a GPU only under `if torch.cuda.is_available():`
    (or `if x.is_cuda:`), with no `else` that casts it back, and then called: the run
    without a GPU calls it in float16 on the CPU. That finding lands on the cast, the
    line to change, and names the guard and the call. And a float16 module placed on
    a command-line option whose default in the file is `"cpu"`
    (`add_argument("--device", default="cpu")`, then `model.to(args.device)`): the run
    without the flag is the CPU run; that finding also lands on the cast. And a module
    the code makes float16 only for a GPU (`if device == "cuda":
    model.to(device, dtype=torch.float16)`), on a device that is the CPU when no GPU
    is there (`"cuda" if torch.cuda.is_available() else "cpu"`, or the same choice made
    with `if`/`elif`, Apple's `"mps"` included), and then casts to float16 for every
    run (`model.half()`): the cast undoes the CPU run's float32. A float16 cast with
    such a device alone is not flagged: scripts written for a GPU keep that fallback as
    boilerplate. And a module made on the CPU, cast to float16 (`.half()`,
    `torch_dtype=torch.float16`, or a method of its own that casts each of its parts,
    `convert_to_fp16()`; on every run or on the branch that casts it, an option's
    choice of float16 included) and called (also through the attribute that holds it,
    `self.encoder(batch)`), or its `generate` called, without ever being moved: the
    call computes in float16 on the CPU. That finding lands on the cast too (the line
    that decides the CPU run's dtype), once, and names the call. And a float16 tensor
    given to an op that has no float16 kernel on the CPU (`torch.cdist`, `torch.pdist`,
    `torch.polar`, `torch.stft`, `torch.fft.*`; on CUDA they run in float16) where it is
    on the CPU: made there, or on a device that is the CPU when no GPU is there (itself
    or the output of a float16 model placed there): reported at the op, the call that
    fails.

    ## Why is this bad?
    Many CPU kernels have no half-precision version or a very slow one: older PyTorch
    raises `"addmm_impl_cpu_" not implemented for 'Half'`, newer versions run an
    emulated path many times slower than float32. In the real threads (14 of them) it
    came from copying a GPU recipe (`torch_dtype=torch.float16`) to a CPU-only run.

    ## Example
    ```python
    model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=torch.float16, device_map="cpu")
    out = model.generate(**inputs)
    ```

    ```python
    self.model = VisualGLM().half()
    if torch.cuda.is_available():
        self.model = self.model.cuda()
    ```

    ## Use instead
    ```python
    model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=torch.float32, device_map="cpu")
    ```
    ```python
    self.model = VisualGLM()
    if torch.cuda.is_available():
        self.model = self.model.half().cuda()
    ```

    ## Fix safety
    No fix: whether to change the dtype or the device is the author's decision.

    ## References
    - [CPU inference in Transformers](https://huggingface.co/docs/transformers/perf_infer_cpu)
    """

    def visit_Call(self, node: cst.Call) -> None:
        for obs in self.ctx.analysis.flow.calls.all(node):
            if self._check(node, obs) or self._cpu_run(node, obs) or self._falls_back(node, obs):
                return
        report_ops(self, node)  # torch.cdist of float16 on the CPU

    def _cpu_run(self, node: cst.Call, obs: CallObs) -> bool:
        """The module is moved to the GPU only when one is there, but cast to float16
        for every run: the run without a GPU calls it in float16 on the CPU."""
        module = obs.module
        move = module.last("move")
        if module.dtype != "float16" or move is None or obs.autocast or obs.in_forward:
            return False
        found = self.ctx.analysis.flow.cpu_run_half.get(move.node)
        cast = module.last("cast")
        if found is None or cast is None or found.cast.node is not cast.node:
            return False
        at = self.once_at(found.cast.node, node)
        if at is None:
            return True
        whole = model_name(obs.callee)
        related: dict[str, cst.CSTNode] = {"guard": found.guard.test, "call": node}
        if at is node:
            related["cast"] = found.cast.node
            story = f"`{whole}` is cast to float16 (line <line:cast>) for every run"
        else:
            story = f"`{whole}` is cast to float16 here for every run"
        self.report(
            at,
            f"{story}, but moved to a GPU only when one is there (line <line:guard>): a run "
            f"without a GPU calls it in float16 on the CPU (line <line:call>), where "
            "half-precision kernels are missing or slow; cast it where it is moved (inside "
            "the check), or use float32 on the CPU",
            None,
            related,
        )
        return True

    def _falls_back(self, node: cst.Call, obs: CallObs) -> bool:
        """The code casts the module to float16 only for a GPU (``if device == "cuda":
        model.to(device, dtype=torch.float16)``), moves it to a device that is the CPU
        when no GPU is there (``"cuda" if torch.cuda.is_available() else "cpu"``), and
        then casts it to float16 for every run (``model.half()``), undoing the CPU
        run's float32. (A float16 cast with such a device alone is not flagged: scripts
        written for a GPU keep the CPU fallback as boilerplate.)"""
        module, flow = obs.module, self.ctx.analysis.flow
        move = module.last("move", "place")
        cast = module.last("cast")
        if (
            move is None
            or move.node not in flow.cpu_run_moves
            or obs.autocast
            or obs.in_forward
            or module.dtype != "float16"
            or cast is None
            or id(cast.node) in flow.gpu_only_casts
            or module.ident in flow.cpu_only_casts
        ):
            return False
        gpu_only = next(
            (
                e
                for e in module.events
                if e.action == "cast"
                and e.detail == "float16"
                and id(e.node) in flow.gpu_only_casts
            ),
            None,
        )
        if gpu_only is None:
            return False
        at = self.once_at(cast.node, node)
        if at is None:
            return True
        whole = cast.path or model_name(obs.callee)  # (the call may be ``self(x)``)
        related: dict[str, cst.CSTNode] = {
            "gpu": gpu_only.node,
            "device": flow.cpu_run_moves[move.node],
            "call": node,
        }
        if at is node:
            related["cast"] = cast.node
            story = f"`{whole}` is cast to float16 (line <line:cast>) for every run"
        else:
            story = f"`{whole}` is cast to float16 here for every run"
        device = self.ctx.code_for(related["device"])
        device = f"`{device}`" if len(device) <= 40 else "a device"
        if gpu_only.node is move.node:  # model.to(device, dtype=torch.float16)
            del related["device"]
            moved = f"where it is moved to {device}"
        else:
            moved = f"and it is moved to {device} (line <line:device>)"
        self.report(
            at,
            f"{story}, though the code makes it float16 only for a GPU (line <line:gpu>), "
            f"{moved}, the CPU when no GPU is there: a run without a GPU calls it in "
            "float16 on the CPU (line <line:call>), "
            "where half-precision kernels are missing or slow; cast it only when the "
            "device is a GPU",
            None,
            related,
        )
        return True

    def _check(self, node: cst.Call, obs: CallObs) -> bool:
        module = obs.module
        if obs.in_forward or obs.autocast:
            return False  # (in a forward: the call of the module itself says it)
        if module.last("move", "place") is None and module.device == Place.CPU:
            return self._never_placed(node, obs)
        # float16 only: bfloat16 has native CPU kernels on current hardware (oneDNN),
        # and encoding on the CPU in bf16 is a deliberate choice in real pipelines.
        if module.dtype != "float16":
            return False
        placed = module.last("move", "place")
        cast = module.last("cast")
        if placed is None or cast is None:
            return False
        if module.device == Place.VAR and placed.detail == Place.VAR:
            return self._default_cpu(node, obs, placed, cast)
        if module.device != Place.CPU or placed.detail != Place.CPU:
            return False
        # (the cast is the line to change; once, however many calls run the model)
        at = self.once_at(cast.node, node)
        if at is None:
            return True
        related: dict[str, cst.CSTNode] = {"placed": placed.node, "call": node}
        story = f"`{model_name(obs.callee)}` is cast to {module.dtype} here"
        called = ", and called at line <line:call>"
        if at is not cast.node:  # (cast in another file: this call is the line)
            related = {"cast": cast.node, "placed": placed.node}
            story, called = f"`{model_name(obs.callee)}` is {module.dtype} (line <line:cast>)", ""
        self.report(
            at,
            f"{story} and placed on the CPU (line <line:placed>){called}: half-precision CPU "
            "kernels are missing or slow; use float32 on the CPU, or run it on a GPU",
            None,
            related,
        )
        return True

    def _never_placed(self, node: cst.Call, obs: CallObs) -> bool:
        """Made on the CPU, cast to float16 (on every run, or on the branch that casts
        it: ``if args.use_fp16: model.convert_to_fp16()``), never moved, and called:
        it computes in float16 on the CPU."""
        module = obs.module
        made = module.last("create")
        cast = module.last("cast") if module.dtype == "float16" else module.branch_cast()
        func = node.func
        if (
            made is None
            or cast is None
            or cast.detail != "float16"
            or (
                # (a method of the module: only those that run it; ``self.model(x)``,
                # the attribute that holds a whole module, is a call of it, where a
                # part, ``self.decoder(h)``, is the whole one's call to report)
                isinstance(func, cst.Attribute)
                and func.attr.value not in FORWARD_LIKE
                and (module.part_of or obs.env.get(dotted(func) or "") is not module)
            )
            or any(
                v.on_accelerator or v.last("move")
                for seen in self.ctx.analysis.flow.calls.all(node)  # (any call site's)
                for _, v in seen.args
            )
        ):
            # (pipe.set_progress_bar_config(...) computes nothing; inputs moved to a
            # device meet a module left on the CPU: TL201's, whatever its dtype)
            return False
        # (the cast is the line to change, once however many calls reach it)
        at = self.once_at(cast.node, node)
        if at is None:
            return True
        name = model_name(obs.callee)
        related = {"cast": cast.node, "made": made.node, "call": node}
        story = (
            "is cast to float16 (line <line:cast>)"
            if module.dtype == "float16"
            else "is float16 on the branch that casts it (line <line:cast>)"
        )
        subject, call = f"`{name}` {story} and", "this call"
        if at is not node:
            story = "here" if module.dtype == "float16" else "here on this branch"
            subject, call = (
                f"`{name}` is cast to float16 {story}, and",
                "its call at line <line:call>",
            )
        self.report(
            at,
            f"{subject} never leaves the CPU it was made on (line <line:made>): {call} "
            "computes in half precision on the CPU, where older torch has no kernels "
            "('\"addmm_impl_cpu_\" not implemented for 'Half'') and newer torch slow "
            "ones; move it to a GPU, or keep float32 on the CPU",
            None,
            related,
        )
        return True

    def _default_cpu(self, node: cst.Call, obs: CallObs, placed: Event, cast: Event) -> bool:
        """Placed on an option (``model.to(args.device)``) whose default in the file is
        ``"cpu"`` (``add_argument("--device", default="cpu")``): the run without the
        flag puts the float16 model on the CPU."""
        move = placed.node
        if not isinstance(move, cst.Call) or not move.args:
            return False
        device = move.args[0].value
        if not isinstance(device, cst.Attribute) or dotted(device.value) in (None, "self"):
            return False
        default = self.ctx.analysis.option_defaults.get(device.attr.value)
        if not isinstance(default, cst.SimpleString) or default.evaluated_value != "cpu":
            return False
        option = self.ctx.code_for(device)
        at = self.once_at(cast.node, node)
        if at is None:
            return True
        whole = model_name(obs.callee)
        related: dict[str, cst.CSTNode] = {"placed": placed.node, "default": default, "call": node}
        if at is cast.node:
            story = f"`{whole}` is cast to float16 here"
        else:
            story = f"`{whole}` is float16 (line <line:cast>)"
            related["cast"] = cast.node
        self.report(
            at,
            f"{story} and placed on `{option}` (line <line:placed>), whose default is "
            f'"cpu" (line <line:default>): a run without that flag calls it in half '
            "precision on the CPU (line <line:call>), where kernels are missing or slow; "
            "default the option to a GPU, or use float32 on the CPU",
            None,
            related,
        )
        return True


# The method that casts to each floating dtype (``.half()``), for messages and fixes.
DTYPE_CASTS = {"float16": "half", "bfloat16": "bfloat16", "float32": "float"}


class InputDtypeMismatch(Rule):
    code = "TL107"
    name = "input-dtype-mismatch"
    summary = (
        "A module in one floating dtype is called with a tensor of another, or a "
        "float32 tensor meets a half one in an op that never promotes, outside autocast."
    )
    fixable = True
    triggers = (*HALF_TEXT, ".float(")
    # a module source, or an op that never promotes (``F.conv2d(x, torch.eye(k))``)
    needs = frozenset({screen.HALF_CAST, screen.COMPUTE})
    docs = """
    ## What it does
    Flags a call of a module whose dtype the code shows (float32 by default for
    `nn.*` and module classes of the file; float16/bfloat16 after `.half()`,
    `.bfloat16()`, `.to(dtype)` or `torch_dtype=`) with a tensor whose dtype the code
    also shows and which differs: a float32 factory (`torch.randn(...)` without
    `dtype=`) fed to a half model, latents cast with `.half()` fed to a VAE kept in
    float32. Also a tensor float32 by default (a factory given no `dtype=`:
    `torch.eye(k)`, `torch.ones(n, n)`) meeting a float16/bfloat16 one in an op that
    never promotes (`F.conv2d`, `F.linear`, `torch.mm`, `torch.tensordot`, `@`):
    reported on the factory. And a tensor cast to float32 on purpose (`.float()`,
    class weights built in a helper) meeting such a half one there (a half model's
    output): reported at the op, naming the cast. OpenAI CLIP's `clip.load(name,
    device="cuda")` gives its model in float16 (on the CPU, float32); its own
    `encode_image` casts the images it is given, so their dtype is not flagged.
    The input's dtype is followed through helpers and arithmetic, with
    torch's type promotion where it is certain (a float32 tensor with dimensions
    times a float16 one is float32; a zero-dimensional one, `t.sum()`, does not
    promote). A module cast on one branch (`if args.half: model.half()`), or with a
    dtype an option chooses (`torch.float16 if args.fp16 else torch.float32`, or a
    helper's `return torch.float16` on one of its branches), is
    half in the run that takes that branch: an input of another dtype on every path
    is flagged for that run (the fix is then unsafe). The same for an input that is
    half only on a branch (the output of a text encoder cast to the option's dtype
    only `if not args.train_text_encoder:`) fed to a module kept in float32: reported
    where the input is handed to the model, with an unsafe cast. Calls inside
    `with torch.autocast(...)` are not flagged: autocast casts the inputs. float64
    inputs are TL105's. The finding lands on the line that gave
    the input its dtype (its creation or cast: the line to change; for a cast to
    another tensor's dtype, `.to(lengths.dtype)`, the line that gave that tensor its
    dtype; for `torch.from_numpy` of an array cast with `.astype(np.float16)`, that
    `.astype`, where float32 would be torch's default), once, and names the call. An input made in another module's dtype on
    purpose (`dtype = self.unet.dtype`; `torch.randn(..., dtype=dtype)`) meeting a
    module of another dtype: the modules disagree, and the finding lands where that
    module got its dtype (its cast, or the argument a caller chose it with:
    `load_controlnet(torch_dtype=torch.float16)`); but where that module was cast to
    float32 and the input follows a half one (a VAE upcast among float16 parts), both
    dtypes were chosen, and the finding lands where the input enters the module (the
    call that hands it over), where it should be converted. A model loaded without a dtype
    (`from_pretrained` without `torch_dtype`, never cast) whose input is the output of
    a model given a half dtype (one of a dict of parts loaded one by one): the finding
    lands on the loading line. Where two tensors of that dtype made on
    different lines decided it together in arithmetic (`(crop - mean) / std`, all
    float32 with dimensions: casting either alone changes nothing), the finding lands
    on the first move after that arithmetic (`.to(device)`, where the dtype belongs
    too), else on the call. A part cast to a named dtype on its own (`self.visual =
    backbone.half()`, `sampler.denoiser.half()`) inside a model that stays in its
    input's dtype: the finding lands on that partial cast, naming the part's call
    that fails. A model loaded without a dtype and moved without one
    (`self.vae.to(self.device)`) whose input is made in a dtype the code chose by name
    (`torch.randn(..., dtype=self.dtype)`, the dtype the other parts were moved with):
    the finding lands on that move. A part of a model cast on its own
    (`model.backbone.half()`, in a helper too), or a module cast before a module class
    of the file was built around it (`Spotter(encoder.half())`, on a branch too: the
    whole model's `.to(device)` only moves it), keeps that dtype in the model's methods,
    where its output meets the parts left in float32; a layer with no weights (a
    pooling, an activation) passes its input's dtype on. A module cast to half only
    for a GPU (`if device == "cuda": model.half()`, or under
    `torch.cuda.is_available()`) whose input is cast to that dtype by name on every
    run (`pixels.half()`, not `.to(model.dtype)`): the run without a GPU hands half
    inputs to the module in its own dtype; reported at the input's cast, with no fix
    (the right one depends on what the CPU run should compute in).

    ## Why is this bad?
    `RuntimeError: Input type (float) and bias type (c10::Half) should be the same` or
    `expected scalar type Half but found Float`. In the real threads (13 of them) the
    typical case is a VAE kept in float32 for stability while the UNet runs in
    float16, and the latents go from one to the other uncast; or noise made with
    `torch.randn` (float32) added to a half pipeline.

    ## Example
    ```python
    vae = AutoencoderKL.from_pretrained(path, subfolder="vae").to(dtype=torch.float32)
    latents = latents.half()
    image = vae.decode(latents)
    ```

    ## Use instead
    ```python
    image = vae.decode(latents.float())
    ```

    ## Fix safety
    The fix casts the input at the call (whichever line the finding is on) to the
    module's dtype (`.half()`, `.bfloat16()`, `.float()`): the module computes in its
    own dtype anyway, so this is what the call needs: **safe**. The input is one the
    flow analysis knows is a tensor of the other dtype, so no other receiver, with
    another `.half()`, can reach the fix. At a call inside a module's `forward`
    (`self.mix(tokens + table)`) the dtype is that of the instance the analysis
    followed, and another instance of the class may run in float32: **unsafe**
    there. In an op that never promotes, the fix
    converts the float32 operand to the other one's dtype at the op
    (`band.to(x.dtype)`), only where that operand is a name: **unsafe**, since the op
    may sit in a function other callers give float32 on both sides, where the
    conversion is a no-op but the factory's line is the better change.

    ## References
    - [`torch.autocast`](https://pytorch.org/docs/stable/amp.html#torch.autocast)
    """

    def visit_Call(self, node: cst.Call) -> None:
        for obs in self.ctx.analysis.flow.calls.all(node):
            if self._check(node, obs) or self._cpu_run_input(node, obs):
                return
        self._op(node)

    def _names_dtype(self, cast: cst.CSTNode) -> bool:
        """``cast`` names the dtype it casts to (``.half()``, ``.to(torch.float16)``),
        rather than reading another tensor's (``.to(ref.dtype)``)."""
        if not isinstance(cast, cst.Call) or not isinstance(cast.func, cst.Attribute):
            return False
        if cast.func.attr.value in DTYPE_CASTS.values():
            return True
        return any(torch_dtype(a.value, self.ctx.analysis) is not None for a in cast.args)

    def _cpu_run_input(self, node: cst.Call, obs: CallObs) -> bool:
        """The module is cast to half only for a GPU (``if device == "cuda":
        model.half()``), its input on every run (``pixel_values.half()``): the run
        without a GPU hands a half input to a module still in its own dtype."""
        flow, module = self.ctx.analysis.flow, obs.module
        cast = module.last("cast")
        if (
            obs.autocast
            or obs.followed
            or cast is None
            or id(cast.node) not in flow.gpu_only_casts
            or module.dtype not in HALF_DTYPES
            or cast.detail != module.dtype
        ):
            return False
        before = next(
            (e for e in reversed(module.events[: module.events.index(cast)]) if e.action == "cast"),
            None,
        )
        if before is not None and before.detail == module.dtype:
            return False  # (half already on every run)
        for arg, value in obs.args:
            given = value.last("cast")
            if (
                arg.star
                or value.kind != Kind.TENSOR
                or value.dtype != module.dtype
                or given is None
                or given.detail != value.dtype
                or not self._names_dtype(given.node)  # (.to(ref.dtype): follows the model)
                or id(given.node) in flow.gpu_only_casts
                or value.dtype_event() is not given
            ):
                continue
            at = self.once_at(given.node, node)
            if at is None:
                return True
            name = dotted(arg.value) or self.ctx.code_for(arg.value)
            model = model_name(dotted(node.func) or obs.callee)
            related: dict[str, cst.CSTNode] = {"gpu": cast.node, "call": node}
            where = "here" if at is given.node else "(line <line:cast>)"
            if at is not given.node:
                related["cast"] = given.node
            self.report(
                at,
                f"`{name}` is cast to {value.dtype} {where} on every run, but `{model}` only "
                f"for a GPU (line <line:gpu>): a run without a GPU calls it (line "
                f"<line:call>) with {value.dtype} inputs and weights in its own dtype "
                "('Input type and bias type should be the same'); cast the input to the "
                f"model's dtype (`.to({model}.dtype)`), or cast both only for a GPU",
                None,
                related,
            )
            return True
        return False

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        self._op(node)  # x @ w

    def _op(self, node: cst.CSTNode) -> None:
        """A tensor float32 by default (a factory given no ``dtype=``) meets a half one
        in an op that never promotes (``F.conv2d(x, torch.eye(k))``): the factory is
        the line to change."""
        for mix in self.ctx.analysis.flow.dtype_mixes.all(node):
            half = next(((e, v) for e, v in mix.operands if run_dtype(v) in HALF_DTYPES), None)
            plain = next(((e, v) for e, v in mix.operands if v.dtype == "float32"), None)
            made = plain[1].dtype_event() if plain is not None else None
            # (or cast to float32 on purpose, ``.float()``, somewhere else: the op,
            # where the two meet, is the line to change)
            cast = made is not None and made.action == "cast" and made.detail == "float32"
            if mix.autocast or half is None or made is None or not (_by_default(made) or cast):
                continue
            assert plain is not None and made is not None
            at = self.once_at(node if cast else made.node, node)
            if at is None:
                return
            (expr, _), (half_expr, half_value) = plain, half
            name = dotted(expr) or self.ctx.code_for(expr)
            half_name = dotted(half_expr)  # (a name: the fix and advice can read its dtype)
            branch = half_value.branch_cast() if half_value.dtype not in HALF_DTYPES else None
            related: dict[str, cst.CSTNode] = {"op": node}
            where = ""
            if branch is not None:
                related["branch"] = branch.node
                where = " on the branch of line <line:branch>"
            op = op_name(self, node)
            error = (
                "'Input type and weight type should be the same'"
                if mix.op.startswith(("conv", "linear", "bilinear"))
                else "'expected m1 and m2 to have the same dtype'"
            )
            if mix.weights:
                error = (
                    f"'expected scalar type {SCALAR_TYPE_NAMES[run_dtype(half_value) or '']} "
                    "but found Float'"
                )
            other = f"`{half_name}`" if half_name else "another operand"
            fix = None
            if half_name is not None:
                fixed = method_call(expr, "to", cst.parse_expression(f"{half_name}.dtype"))
                fix = FixSpec.unsafe(
                    Replace(expr, fixed), message=f"convert `{name}` to `{half_name}`'s dtype"
                )
            if cast:
                related = {"cast": made.node, **({"branch": branch.node} if branch else {})}
                shown = self.ctx.code_for(half_expr)
                other = other if half_name or len(shown) > 40 else f"`{shown}`"
                self.report(
                    at,
                    f"`{name}` was cast to float32 at line <line:cast>, and {op} computes it "
                    f"here with {other}, {run_dtype(half_value)}{where}: an op that does not "
                    f"promote fails ({error}); bring both to one dtype first",
                    fix,
                    related,
                )
                return
            self.report(
                at,
                f"`{name}` is made float32 here (no `dtype=`), and {op} (line <line:op>) "
                f"computes it with {other}, {run_dtype(half_value)}{where}: an op that does "
                f"not promote fails ({error}); make it in that dtype"
                + (f" (`dtype={half_name}.dtype`)" if half_name else ""),
                fix,
                related,
            )
            return

    def _branch_input(
        self, node: cst.Call, obs: CallObs, arg: cst.Arg, value: Value, module: str, chosen: Event
    ) -> None:
        """An input of another dtype only in the run that takes a branch (``chosen``:
        the cast there) into a module: reported where the input is handed to the
        model (the argument of the call that ran its forward, or this call)."""
        code = self.ctx.code_for
        given: cst.BaseExpression = arg.value
        model, inner = dotted(node.func) or "model", ""
        related: dict[str, cst.CSTNode] = {"branch": chosen.node}
        handed = value.handed_in()
        if (
            handed is not None
            and handed.path == "module"
            and isinstance(handed.node, cst.BaseExpression)
            and self.ctx.in_this_file(handed.node)
        ):
            given, model, related["used"] = handed.node, handed.detail, obs.node
            inner = f" passes it to `{obs.callee}` (line <line:used>), which"
        # (An input that meets the module in another file, a forward this call led
        # into: that file's line, where this run lints it; else this call.)
        foreign = not self.ctx.in_this_file(given)
        at = self.once_at(given, node, forward=foreign)
        if at is None:
            return
        where = "here"
        if foreign:
            model = obs.callee
        if at is not given:
            related["call"], where, inner = given, "there", " at line <line:call>"
        name = dotted(given) or code(given)
        self.report(
            at,
            f"`{name}` is {chosen.detail} in the run that takes the branch of line "
            f"<line:branch>, and `{model_name(model)}`{inner} is {module}: that run fails "
            f"('mat1 and mat2 must have the same dtype'); cast it with `.{DTYPE_CASTS[module]}()` "
            f"{where}, or keep both in one dtype on that branch",
            FixSpec.unsafe(
                Replace(given, method_call(given, DTYPE_CASTS[module])),
                message=f"cast `{name}` to {module} at the call",
            ),
            related,
        )

    def _check(self, node: cst.Call, obs: CallObs) -> bool:
        if obs.autocast or obs.followed:
            return False
        if obs.module.origin == PIPELINE or obs.module.origin in CLIP_LOADERS:
            # a diffusers pipeline casts the latents it is given itself, and OpenAI
            # CLIP's model its images (``image.type(self.dtype)``)
            return False
        module_dtype = obs.module.dtype
        # A module cast on one branch only (``if opt.half: model.half()``): the run
        # that takes the branch has it in that dtype, and an input whose dtype is
        # the same on every path is wrong in that run.
        branch = obs.module.branch_cast()
        if branch is not None:
            module_dtype = branch.detail
        if module_dtype not in DTYPE_CASTS or _parts_recast(obs, module_dtype):
            return False
        found = False
        for arg, value in obs.args:
            if arg.star or value.kind != Kind.TENSOR:
                continue
            # An input cast on one branch only (made by a module cast there, or cast
            # to a dtype an option chose): the run that takes it has that dtype.
            chosen = value.branch_cast() if branch is None else None
            dtype = chosen.detail if chosen is not None else value.dtype
            if dtype not in DTYPE_CASTS or dtype == module_dtype:
                continue
            found = True
            cast = DTYPE_CASTS[module_dtype]
            if chosen is not None:
                self._branch_input(node, obs, arg, value, module_dtype, chosen)
                continue
            if branch is None and follows_other(self, node, obs, arg, value, module_dtype):
                continue
            if branch is None and meets_cast_model(self, obs, arg, value, module_dtype):
                continue
            if branch is None and partial_cast(self, obs, arg, value, module_dtype, cast):
                continue
            if branch is None and meets_chosen_dtype(self, obs, arg, value, module_dtype):
                continue
            problem = (
                f"is {module_dtype}: 'expected scalar type' / 'Input type and bias type "
                f"should be the same'"
            )
            if branch is None:
                # (the line that put the module in its dtype: the other half of the story)
                since = obs.module.last("cast")
                more = (
                    {"cast": since.node}
                    if since is not None and since.detail == module_dtype
                    else {}
                )
                InputSite(self, arg, value, obs, moves=True, site=node).report(
                    dtype,
                    problem.replace(":", " (since line <line:cast>):", 1) if more else problem,
                    cast,
                    "cast the input with {}." + cast + "()",
                    " (or run under torch.autocast)",
                    more=more,
                )
                continue
            # Only that run needs the cast: the fix, which casts on every path, is unsafe.
            InputSite(self, arg, value, obs, moves=True, site=node).report(
                dtype,
                problem.replace(
                    f"is {module_dtype}:",
                    f"is {module_dtype} on the branch of line <line:branch>:",
                    1,
                ),
                cast,
                "cast the input with {}." + cast + "()",
                " on that branch (or cast the input to the module's dtype)",
                unsafe=True,
                more={"branch": branch.node},
            )
        return found


def _parts_recast(obs: CallObs, dtype: str) -> bool:
    """A method of a model one of whose parts was cast on its own (``model.visual.half()``
    then ``model.encode_image(images)``): the model is in no one dtype, and which part
    the method runs is not known here."""
    module = obs.module
    if not module.ident or not isinstance(obs.node.func, cst.Attribute):
        return False
    names = [k for k, v in obs.env.items() if v.ident == module.ident]
    return any(
        value.kind == Kind.MODULE and value.dtype != dtype and value.last("cast") is not None
        for key, value in obs.env.items()
        for name in names
        if key.startswith(name + ".")
    )


def op_name(rule: Rule, node: cst.CSTNode) -> str:
    """How a message names an op that never promotes: its function, or ``@``."""
    return f"`{rule.ctx.code_for(node.func)}`" if isinstance(node, cst.Call) else "`@`"


def _by_default(made: Event) -> bool:
    """A tensor made by a call that says no dtype (``torch.eye(k)``): float32 because
    nothing said otherwise (``**kwargs`` might say one)."""
    return (
        made.action == "create"
        and isinstance(made.node, cst.Call)
        and not says_dtype(made.node)
        and not any(a.star for a in made.node.args)
    )
