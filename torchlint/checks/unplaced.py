"""TL211: a module with weights never placed, called on inputs that were moved to a
device (a module cast to half precision is TL201's, ``placement.py``, whose helpers
for the input's move and the layer's error this rule shares)."""

from __future__ import annotations

import libcst as cst

from torchlint import screen
from torchlint.analysis import loaders
from torchlint.analysis.facts import ClassFacts, FileFacts
from torchlint.analysis.loss_api import LOSSES
from torchlint.analysis.names import dotted, root_name
from torchlint.analysis.observations import CallObs
from torchlint.analysis.order import contains
from torchlint.analysis.project import origin_class
from torchlint.analysis.returns import LEFT_ON_PATH
from torchlint.analysis.torch_api import HALF_DTYPES, MOVE_TEXT
from torchlint.analysis.values import MAYBE_DTYPE, Event, Kind, Place, Value
from torchlint.analysis.weights import builds_weights, class_has_weights
from torchlint.checks._build import method_call
from torchlint.checks._devices import device_text, model_name, moved_back, name_of, usable
from torchlint.checks.module_state import kept_aside
from torchlint.checks.placement import how_placed, layer_error, moved_input
from torchlint.lint.traverse import nodes
from torchlint.rules.rule import FixSpec, LintContext, Replace, Rule


class ModuleNotPlaced(Rule):
    code = "TL211"
    name = "module-not-placed"
    summary = (
        "A module with weights is never moved to a device, but is called on inputs that "
        "were moved to one."
    )
    fixable = True
    # (or an input made on a device: ``torch.rand(..., device=device)``)
    triggers = (*MOVE_TEXT, "device")
    # (PLACED_MODULE: the screen's evidence of code that calls a module and moves
    # something to a device, placed or not)
    needs = frozenset({screen.MODULE_SOURCE, screen.ACCELERATOR, screen.PLACED_MODULE})
    docs = """
    ## What it does
    Follows a module through its function, the helpers it is handed to, the
    functions defined inside it and the methods of its class (in a plain class, not a
    module, whose objects cannot be moved as a whole, the methods see what `__init__`
    made where it made it, unless code outside the class reaches it): made (a `torch.nn` layer, a module class of the file that
    holds weights, also one a helper of another file of the project builds,
    `from_pretrained`, `timm.create_model`), never moved (no
    `.to(device)`, `.cuda()`, `device=`, `device_map=`, `accelerator.prepare`, no part
    (a module class given `device=` whose `__init__` made every weight on the CPU
    anyway, keeping the device for its data, is not placed),
    moved, not handed to a function the analysis cannot follow), and then called with
    an input that was moved to a GPU or a device variable, or computed by a module
    moved there (`probe(backbone(x))`): `model(x)`, or a method
    of its class whose body runs its layers (`vae.decode(latents)` of a module class
    of the file that calls `self.decoder(...)`). The finding lands where
    the module is made, the line to change, and names the input's move and the call;
    a module made by a factory function of the file and handed back to its caller
    (`self.model = build_model(args)`, also in a tuple: `model, config =
    load_model(path)`) is reported at that call, where the caller
    takes charge of it and a device is usually at hand (the factory often has none).
    A list of inputs counts as its tensors (`encoder(*probes)`, `detector(images)`).
    A layer with weights made inside a placed module's `forward` (or a helper it
    calls) and called there, `nn.BatchNorm2d(c)(x)`, is no attribute of the module:
    the model's move leaves it on the CPU while its input lives on the GPU with the
    model's other layers; it is reported where it is made. A module placed on a
    device and then moved back to the CPU (`vae.to("cpu")` to free memory once the
    latents are cached) that a later call meets with an input on the device is
    reported at that call, naming the move back (no fix), where every walk that
    reaches the call has the module on the CPU.
    A wrapper never moved whose part was placed before it was handed in
    (`SoftmaxLoss(encoder.to(device), n)`, or an encoder that moves itself in its
    `__init__`) runs its own layers on the CPU with that part's output on the GPU: it
    is reported where it is made, the line that can move it all.
    A module handed to a function that chooses a device of its own for the inputs
    (`device = "cuda" if ... else "cpu"` there, a name the line that made the module
    does not have) is reported at its first call in that function: that is where it
    can be moved (its maker may run it on the CPU, as a training loop over CPU
    batches does).
    A model loaded with `from_pretrained` without `device_map` (nor a quantized
    load, nor `**kwargs` that may carry one) is on the CPU with the checkpoint's
    weights, whatever their dtype.
    A loss given a class-weight tensor made on the CPU (`nn.CrossEntropyLoss(weight=w)`,
    `pos_weight=`) keeps it as a buffer: it is state to move like a layer's weights.
    A module cast to half precision is TL201's; one wrapped by DataParallel, TL203's.
    Modules without weights (activations, pooling, a loss class of the file that
    keeps only numbers) are not flagged.

    ## Why is this bad?
    The weights stay on the CPU while the input is on the GPU, and the first layer
    with weights raises: `Input type (torch.cuda.FloatTensor) and weight type
    (torch.FloatTensor) should be the same` at a convolution, `Expected all tensors
    to be on the same device, but found at least two devices, cuda:0 and cpu!`
    elsewhere. A wrapper module built around placed parts (a distillation wrapper
    whose own token and head are made in its `__init__`, vit-pytorch) fails the same
    way: its parts were moved, its own weights were not.

    ## Example
    ```python
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    distiller = DistillWrapper(student=v.to(device), teacher=teacher.to(device))
    loss = distiller(img.to(device), labels.to(device))
    ```

    ## Use instead
    ```python
    distiller = DistillWrapper(student=v, teacher=teacher).to(device)
    ```

    ## Fix safety
    Where the module is made by a call written at its own line and the input's
    device is a name bound there (or a literal), the fix appends `.to(DEVICE)` to
    that call. It moves the weights, a change of behaviour: **unsafe**.

    ## References
    - [`torch.nn.Module.to`](https://pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.to)
    """

    def __init__(self, ctx: LintContext) -> None:
        super().__init__(ctx)
        self._handed: set[tuple[int, int]] = set()

    def visit_Call(self, node: cst.Call) -> None:
        for obs in self.ctx.analysis.flow.calls.all(node):
            if self._check(node, obs):
                return

    def _check(self, node: cst.Call, obs: CallObs) -> bool:
        module = obs.module
        created = module.last("create")
        loaded = created is not None and loaders.loaded(created.node)
        if (
            module.kind != Kind.MODULE
            or module.device != Place.CPU
            # no weights of its own (pooling, activations); a loaded model has some
            # in the checkpoint's dtype
            or (module.dtype is None and not loaded)
            or module.dtype in HALF_DTYPES  # TL201's
            or _half_on_a_path(module)  # TL201's too
            or module.last("wrap", "maybe-wrap") is not None  # TL203's
        ):
            return False
        if created is None or not (loaded or self._has_weights(module)):
            return False
        if self._attached_late(created):
            return False  # (attached to a placed model: TL202 reports the attachment)
        if self._kept_aside(obs):
            return False  # (kept out of a placed model's registry: TL302's)
        if obs.in_forward:
            # Inside a module's forward, followed from its call: that call is
            # reported, unless the layer is made right here, anew at every call, or
            # is a part of a module never moved that meets a part placed before.
            return self._made_in_forward(node, obs, created) or self._behind_placed_part(node, obs)
        moved = moved_input(obs)
        if moved is None:
            return False
        back = moved_back(module)
        if back is not None:
            return self._moved_back(node, obs, back, moved)
        if module.part_of and self._whole_called(created.node):
            return False  # (self.decoder(z) inside vae.decode(z): that call is reported)
        arg, value, move = moved
        # (made in a factory of the file and handed back: the caller's call takes it;
        # a part, with the model a factory or a classmethod made and handed back)
        back = module.last("return")
        if module.part_of:
            held = next((v for v in obs.env.values() if v.ident == module.part_of), None)
            back = held.last("return") if held is not None else None
        taken = created if back is None else back
        whole = obs.callee if module.part_of and "." in obs.callee else model_name(obs.callee)
        if whole == "self" and isinstance(created.node, cst.Call):
            whole = f"{self.ctx.code_for(created.node.func)}(...)"  # (self(X) in its own fit)
        if self._handed_without_device(module, taken, node, move, value):
            return self._report_handed(node, obs, created, move, value, arg, whole)
        at = self.once_at(taken.node, node)
        if at is None:
            return True
        related: dict[str, cst.CSTNode] = {"move": move.node, "call": node}
        # (a part of a model, ``self.vpm``: made, and left on the CPU, with the model)
        what = f"`{whole}`, a part of the model," if module.part_of else f"`{whole}`"
        # (a loss given weight=w keeps w as a buffer: its only state)
        cpu = (
            "on the CPU, with the weight tensor it keeps"
            if module.origin in LOSSES
            else "on the CPU"
        )
        if at is created.node:
            story = f"{what} is made here ({cpu}) and never moved to a device"
        elif at is taken.node and taken.detail == LEFT_ON_PATH:
            # (the factory's return: its name for the module, then the caller's)
            local = root_name(taken.node) if isinstance(taken.node, cst.BaseExpression) else None
            shown = f"`{local}`" if local and local != whole else what
            story = (
                f"{shown} is made at line <line:made> ({cpu}) and handed back here to "
                f"`{whole}` unmoved (the factory's other path moves it)"
            )
            related["made"] = created.node
        elif at is taken.node:
            story = (
                f"{what} is made at line <line:made> ({cpu}) and handed back here, "
                "never moved to a device"
            )
            related["made"] = created.node
        else:
            story = f"{what} was made at line <line:made> ({cpu}), never moved to a device"
            related["made"] = created.node
        input_name = name_of(arg.value, self.ctx.code_for(arg.value))
        where = how_placed(move, value, self.ctx.code_for)
        error = layer_error(obs, module.dtype, self.ctx.analysis)
        fix = self._fix(taken, move, value)
        advice = (
            "move it to the inputs' device where it is made"
            if fix is None
            else f"move it where it is made: {fix.message}"
        )
        self.report(
            at,
            f"{story}, while its input `{input_name}` was {where} at line <line:move>: the "
            f"call at line <line:call> fails with {error}; {advice}",
            fix,
            related,
        )
        return True

    def _moved_back(
        self, node: cst.Call, obs: CallObs, back: Event, moved: tuple[cst.Arg, Value, Event]
    ) -> bool:
        """A module placed on a device and moved back to the CPU (an offload, "unload
        the VAE to free memory"), then called with an input on the device: reported
        at the call, where every walk that reaches it has the module on the CPU (a
        helper's own walk sees the module as the file leaves it at the end)."""
        if any(o.module.device != Place.CPU for o in self.ctx.analysis.flow.calls.all(node)):
            return False
        at = self.once_at(node, node)
        if at is None:
            return True
        arg, value, move = moved
        whole = model_name(obs.callee)
        input_name = name_of(arg.value, self.ctx.code_for(arg.value))
        where = how_placed(move, value, self.ctx.code_for)
        error = layer_error(obs, obs.module.dtype, self.ctx.analysis)
        self.report(
            at,
            f"`{whole}` was moved back to the CPU at line <line:back>, while its input "
            f"`{input_name}` was {where} at line <line:move>: this call fails with {error}; "
            "move the module to the input's device again before the call (or keep the "
            "input on the CPU)",
            None,
            {"back": back.node, "move": move.node},
        )
        return True

    def _handed_without_device(
        self, module: Value, taken: Event, node: cst.Call, move: Event, value: Value
    ) -> bool:
        """The module was handed to this function, which moves the inputs to a device
        of its own (``device = "cuda" if ... else "cpu"`` here), a name not bound
        where the module was made: this function is where it can be moved (the
        caller may run it on the CPU, as a training loop over CPU batches does)."""
        fn = self.ctx.function
        return (
            fn is not None
            and module.last("pass") is not None
            and contains(fn.node, node)
            and contains(fn.node, move.node)
            and not contains(fn.node, taken.node)
            and value.device_expr is not None
            and not usable(value.device_expr, taken.bound)
        )

    def _report_handed(
        self,
        node: cst.Call,
        obs: CallObs,
        created: Event,
        move: Event,
        value: Value,
        arg: cst.Arg,
        whole: str,
    ) -> bool:
        # (once per module and function: its first call there)
        fn = self.ctx.function
        key = (id(created.node), id(fn.node) if fn is not None else 0)
        if key in self._handed:
            return True
        self._handed.add(key)
        at = self.once_at(node, node)
        if at is None:
            return True
        code = self.ctx.code_for
        device = code(value.device_expr) if value.device_expr is not None else "device"
        input_name = name_of(arg.value, code(arg.value))
        error = layer_error(obs, obs.module.dtype, self.ctx.analysis)
        self.report(
            at,
            f"`{whole}`, made at line <line:made> (on the CPU) and handed to this function, "
            f"is never moved to a device, while its input `{input_name}` was "
            f"{how_placed(move, value, code)} at line <line:move>: this call fails with "
            f"{error}; move it here too (`{whole}.to({device})`), where the device is chosen",
            None,
            {"made": created.node, "move": move.node},
        )
        return True

    def _made_in_forward(self, node: cst.Call, obs: CallObs, created: Event) -> bool:
        """``nn.BatchNorm2d(c)(x)`` in a forward whose module was placed: the layer is
        no attribute of the module, so the move left it (and every new one) on the
        CPU, while its input lives where the module's other layers do."""
        fn = self.ctx.function
        own = obs.env.get("self")
        placed = own.last("move", "place") if own is not None else None
        gpu_input = next(
            (
                (arg, v)
                for arg, v in obs.args
                if v.kind in (Kind.TENSOR, Kind.MOVED) and v.device == Place.CUDA
            ),
            None,
        )
        # (a forward of another file of the project, followed from this file's call:
        # the layer made there, in that forward's walk, reported for that file)
        # (made in that forward's own walk: the names bound where it was made are
        # the forward's, all still bound at the call; ``__init__``'s are not)
        elsewhere = (
            not self.ctx.in_this_file(created.node)
            and "self" in created.bound
            and len(created.bound) > 1
            and created.bound <= obs.env.keys()
        )
        # (the forward being visited: not a caller's function where another file's
        # forward was followed from, which made the module before the call)
        here = fn is not None and self.ctx.in_this_file(obs.node)
        if (
            (not here and not elsewhere)
            # (self.fc = nn.Linear(...) when self.fc is None: built once, attached
            # after the move, TL202's)
            or obs.callee.startswith("self.")
            or not (elsewhere or (here and fn is not None and contains(fn.node, created.node)))
            or obs.module.last("pass", "return") is not None
            or placed is None
            or placed.detail == Place.CPU
            or gpu_input is None
        ):
            return False
        at = self.once_at(created.node, node, forward=elsewhere)
        if at is None:
            return True
        arg, _ = gpu_input
        made = created.node
        layer = self.ctx.code_for(made.func) if isinstance(made, cst.Call) else obs.callee
        input_name = name_of(arg.value, self.ctx.code_for(arg.value))
        error = layer_error(obs, obs.module.dtype, self.ctx.analysis)
        where = fn.node.name.value if fn is not None and not elsewhere else "forward"
        self.report(
            at,
            f"`{layer}` is made inside `{where}` (on the CPU, anew at every "
            f"call), so moving the model at line <line:move> leaves it behind, while its "
            f"input `{input_name}` lives on the GPU with the model's layers: the call at "
            f"line <line:call> fails with {error}; make it once in `__init__`, as an "
            "attribute of the module, so that the model's move takes it along",
            None,
            {"move": placed.node, "call": obs.node},
        )
        return True

    def _behind_placed_part(self, node: cst.Call, obs: CallObs) -> bool:
        """``self.classifier(self.model(x))`` in the forward of a module never moved,
        whose ``self.model`` was placed before it was handed in (``SoftmaxLoss(encoder,
        3)`` of an encoder that moved itself): the placed part computes on the GPU,
        the module's own layers stay on the CPU. Reported where the whole module is
        made, the line that can move it all."""
        own = obs.env.get("self")
        made = own.last("create") if own is not None else None
        if (
            own is None
            or made is None
            or not obs.module.part_of
            or not obs.callee.startswith("self.")
            or own.device != Place.CPU
            or own.last("move", "place", "wrap", "maybe-wrap") is not None
            or self._whole_called(made.node)  # (that call's moved input says it)
        ):
            return False
        found = next(
            (
                (arg, ran)
                for arg, v in obs.args
                if v.kind == Kind.TENSOR and v.on_accelerator and (ran := v.last("ran")) is not None
            ),
            None,
        )
        if found is None:
            return False
        arg, ran = found
        at = self.once_at(made.node, node)
        if at is None:
            return True
        code = self.ctx.code_for
        input_name = name_of(arg.value, code(arg.value))
        error = layer_error(obs, obs.module.dtype, self.ctx.analysis)
        whole = code(made.node.func) if isinstance(made.node, cst.Call) else "the module"
        self.report(
            at,
            f"`{whole}(...)` is made here (on the CPU) and never moved to a device, but a "
            f"part of it was moved to {device_text(ran, code)} "
            f"at line <line:move> before it was handed in: `{obs.callee}` stays on the CPU "
            f"while its input `{input_name}`, computed by that part, is on the GPU, and the "
            f"call at line <line:call> fails with {error}; move the whole module to the "
            "device where it is made",
            None,
            {"move": ran.node, "call": node},
        )
        return True

    def _whole_called(self, made: cst.CSTNode) -> bool:
        """The module made at ``made`` is itself called on an input on a GPU
        somewhere in the file (``vae.decode(latents)``, whose body runs a part)."""
        calls = self.ctx.analysis.flow.calls
        return any(
            not obs.module.part_of
            and obs.module.kind == Kind.MODULE
            and (created := obs.module.last("create")) is not None
            and created.node is made
            and moved_input(obs) is not None
            for obs in (*calls.values(), *(o for more in calls.in_context.values() for o in more))
        )

    def _attached_late(self, created: Event) -> bool:
        """``created`` is in a statement that attaches it to a model placed before
        (``agent.target = Critic(n)`` after ``agent.to(device)``)."""
        late = self.ctx.analysis.flow.late_modules
        nodes_ = [*late, *late.in_context]
        return any(contains(n, created.node) for n in nodes_)

    def _kept_aside(self, obs: CallObs) -> bool:
        """The module is one that a placed model's class keeps out of its registry (in
        a plain list, or set with ``object.__setattr__``), called in its methods."""
        own = obs.env.get("self")
        if own is None or own.device in (None, Place.CPU) or not own.last("move", "place"):
            return False
        found = origin_class(own.origin, self.ctx.analysis, self.ctx.analysis.flow.files)
        idents = {obs.module.ident, obs.module.part_of} - {0}
        return found is not None and kept_aside(found[0], obs.env, idents) is not None

    def _has_weights(self, module: Value) -> bool:
        """What the code shows the module holds weights: a local class with some, a
        loaded or built model (its origin names the call), a weighted nn layer."""
        origin = module.origin
        if origin.startswith("local:"):
            # (a class of another file of the project, made by a helper there)
            found = origin_class(origin, self.ctx.analysis, self.ctx.analysis.flow.files)
            return found is not None and class_has_weights(*found) and not _follows_input(*found)
        # (Nothing shows where it comes from, or the dtype of its weights.)
        return bool(origin) and module.dtype != MAYBE_DTYPE

    def _fix(self, created: Event, move: Event, value: Value) -> FixSpec | None:
        node = created.node
        device = value.device_expr
        fn = self.ctx.function
        if (
            not isinstance(node, cst.Call)
            or fn is None
            # (the device's name means the same at both lines only in one function)
            or not (contains(fn.node, node) and contains(fn.node, move.node))
            or not usable(device, created.bound)
        ):
            return None
        assert device is not None
        code = self.ctx.code_for
        return FixSpec.unsafe(
            Replace(node, method_call(node, "to", device)), message=f"`.to({code(device)})`"
        )


def _follows_input(cls: ClassFacts, facts: FileFacts) -> bool:
    """A module whose state is buffers only (no parameters, no weighted layers) and
    whose ``forward`` brings it to where its input is: a rotary table rebuilt with
    ``device=q.device`` when the devices differ, ``self.inv_freq.to(x.device)``.
    Left on the CPU, it still computes where the input is."""
    if any(
        builds_weights(call, facts)
        for values in cls.self_attrs.values()
        for value in values
        for call in nodes(value, cst.Call)
    ) or any(base != "torch.nn.Module" for base in cls.bases):
        return False
    forward = cls.method("forward")
    if forward is None:
        return False
    inputs = {p.name.value for p in forward.params.params[1:]}
    # (the device is handed to the module's own state: ``self._build(n, q.device)``,
    # ``self.inv_freq.to(x.device)``; not ``torch.arange(n, device=x.device)``, which
    # leaves its buffers where they are)
    return any(
        (dotted(call.func) or "").startswith("self.")
        and any(
            isinstance(attr.value, cst.Name)
            and attr.attr.value == "device"
            and attr.value.value in inputs
            for arg in call.args
            for attr in nodes(arg.value, cst.Attribute)
        )
        for call in nodes(forward.body, cst.Call)
    )


def _half_on_a_path(module: Value) -> bool:
    """Cast to a half dtype on one path only (``if opt.half: model = model.half()``,
    ``from_pretrained(p, torch_dtype=weight_dtype)`` with ``weight_dtype =
    torch.float16`` under ``if fp16:``): TL201 reports it, naming that branch, and
    one finding on the line is enough."""
    cast = module.branch_cast()
    return cast is not None and cast.detail in HALF_DTYPES
