"""TL202: a submodule, a buffer or a parameter made on the CPU and added to a model
after the model was placed, read from the flow analysis (``LateModuleObs``: the
attachment, the placement before it, and the call that reached it when a function
or a method attached it)."""

from __future__ import annotations

import libcst as cst

from torchlint import screen
from torchlint.analysis.order import contains
from torchlint.analysis.torch_api import MOVE_TEXT, PARAMETER_CLASSES
from torchlint.checks._build import method_call
from torchlint.checks._devices import device_text
from torchlint.lint.traverse import nodes
from torchlint.rules.rule import FixSpec, Replace, Rule


class ModuleAddedAfterPlacement(Rule):
    code = "TL202"
    name = "module-added-after-placement"
    summary = (
        "A new submodule, or a buffer or parameter made on the CPU, is added to a model "
        "after the model was moved to a device, and the model is not moved again."
    )
    fixable = True
    triggers = (*MOVE_TEXT, "device_map")  # (from_pretrained(..., device_map={"": 0}))
    needs = frozenset({screen.LATE_MODULE})
    docs = """
    ## What it does
    Flags `model.head = nn.Linear(...)`, `setattr(parent, name, LoRALinear(child))`,
    `model.blocks[i] = FastBlock(...)` (a member of a `ModuleList` replaced) and other
    new modules attached to a model (or a part of it) after the model was
    moved with `.to(device)` / `.cuda()`, when nothing moves the model again before
    the end of the function. When the module is attached in a helper or a method that
    the placing code calls (`inject_lora(model)`, `model.reset_classifier(5)`), the
    finding is at that call, the line to move, and names the attachment (also a
    method that sets modules the caller made, `layer.adapter = adapters[name]` over
    `self.layers.named_children()`, from a dict comprehension of them). The model
    may come placed from a helper (`model = load(device)`, which returns
    `model.to(device)`), or loaded onto one GPU (`from_pretrained(...,
    device_map={"": 0})`, `device_map="cuda:0"`; not a strategy such as `"auto"`,
    which may spread it). A layer reached by its dotted name, one `getattr` at a
    time, is a part of the model like one of a `named_modules()` loop. Parameter-free
    modules (pooling, activations) are not flagged: they have nothing to place, nor
    are adapters whose weights all follow the wrapped layer's device
    (`device=base.weight.device`); one made on the CPU beside them
    (`self.gate = nn.Parameter(torch.ones(1))`) is flagged. A base class whose
    `__init__` ends with `self.to(self.device)` places the instance before a subclass
    builds its heads after `super().__init__()` (stable-baselines3's policies): those
    heads are flagged where they are attached, also in a method `__init__` calls
    (`self._build()`), since no call can come before the move.

    The same holds for a buffer or a parameter made on the CPU (`torch.zeros(...)`
    without `device=`, `nn.Parameter(torch.ones(1))`) and registered on the placed
    model or a part of it: `m.register_buffer(...)`, `m.register_parameter(...)`,
    `m.scale = nn.Parameter(...)`, on the model, on `self` in a method called on it
    (also on a member of a list of its parts: `self.convs[i].weight = ...`), or on
    the modules of a `for m in model.modules()` (`named_modules()`,
    `children()`) loop or of a function of the file given to `model.apply(fn)`,
    also in a helper the model is handed to (a FLOP counter's shape). In a helper
    or a method of the file the finding is at the registration, whoever calls it,
    and names the call. A tensor made on the model's device (`device=`,
    `torch.zeros_like(m.weight)`, `.to(device)`) is not flagged; `persistent=False`
    changes nothing (it is still not moved).

    ## Why is this bad?
    `model.to(device)` moves the modules that exist at that moment. A module created
    afterwards is on the CPU; the next forward pass fails with `Expected all tensors
    to be on the same device, but found at least two devices, cuda:0 and cpu!` (or,
    for hand-rolled LoRA injection, trains adapters that are never on the GPU). A
    buffer registered afterwards stays on the CPU too: an op mixing it with the
    module's weights or outputs fails the same way, and `DataParallel` refuses the
    model (`module must have its parameters and buffers on device cuda:0 ... but found
    one of them on device: cpu`).

    A layer a module builds lazily in its own forward (`if self.fc is None: self.fc =
    nn.Linear(...)`, the width known only from the first input) is attached at the
    model's first call after its move: reported where it is made, since that same
    call already fails.

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
    moved to: `model.classifier = nn.Linear(768, num_labels).to(device)` (for a
    parameter, the tensor it wraps: `nn.Parameter(torch.ones(1).to(device))`). It
    changes placement: **unsafe**. A finding at a call, or in a function the placing
    code calls, has no fix (the order of calls is the author's choice, and the
    device the function should use is not a name there).

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
        if (
            obs.what != "module"
            and isinstance(value_node, cst.Call)
            and value_node.args
            and self.ctx.analysis.qualify(value_node.func) in PARAMETER_CLASSES
        ):
            # nn.Parameter(t).to(device) is no parameter any more: move what it wraps
            value_node = value_node.args[0].value
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
                message=f"move the new {obs.what} with .to({self.ctx.code_for(expr)})",
            )
        owner = obs.root or obs.parent
        where = f"`{obs.parent}`"
        if owner != obs.parent and not obs.parent.startswith(owner + "."):
            where += f" (a part of `{owner}`)"
        moved = (
            f"`{owner}` was moved to {device_text(placement, self.ctx.code_for)} at line "
            "<line:placed>"
        )
        if obs.what == "module":
            new, done = "a new module", "attaches a new module to"
            stays = "the new weights stay on the CPU"
        else:
            named = f" `{obs.name}`" if obs.name else ""
            new = f"a new {obs.what}{named} made on the CPU"
            done, stays = f"registers {new} on", f"the {obs.what} stays on the CPU"
        if obs.attached is not None and obs.what == "module" and obs.in_forward:
            # Built lazily by the model's own forward (``if self.conv is None:``):
            # the call cannot come before the move, the layer must be made right.
            at = self.once_at(obs.attached, node)
            if at is not None:
                related = {"placed": placement.node, "call": node}
                # (``self`` of a forward the model's call ran: the model, or a part)
                inside = f"`{owner}`" if obs.parent == "self" else where
                there = ""
                if at is not obs.attached:  # (in another file of the project)
                    related["attached"] = obs.attached
                    there = " (line <line:attached>)"
                self.report(
                    at,
                    f"{new} is attached to {inside}{there} inside its forward, at its first "
                    f"call (line <line:call>), after {moved}: {stays} while the inputs "
                    "are on the device, and that same call fails; make it in `__init__`, "
                    "or on the input's device (`.to(x.device)`)",
                    None,
                    related,
                )
            return
        if obs.attached is not None:
            # Reported at the call that reached the attachment: the line to move.
            if self._callee_reports(node, placement.node):
                return
            if self._placed_by_base(placement.node):
                # (no call can come before the move ``super().__init__()`` made: the
                # attachment itself is the line to change)
                at = self.once_at(obs.attached, node)
                if at is not None:
                    self.report(
                        at,
                        f"{new} is attached to `{owner}` here (reached from line "
                        f"<line:call>) after the base class's `__init__` moved `{owner}` to "
                        f"{device_text(placement, self.ctx.code_for)} at line <line:placed>, "
                        f"and `{owner}` is not moved again: {stays}; move `{owner}` again "
                        "at the end of `__init__`, or create it on that device",
                        None,
                        {"placed": placement.node, "call": node},
                    )
                return
            self.report(
                node,
                f"this call {done} `{owner}` (line <line:attached>) after {moved}, and "
                f"`{owner}` is not moved again: {stays}; make this call "
                "before the move, or move the model again after it",
                None,
                {"placed": placement.node, "attached": obs.attached},
            )
            return
        if obs.what == "module":
            self.report(
                node,
                f"a new module is attached to {where} after {moved}, and `{owner}` "
                "is not moved again: the new weights stay on the CPU; create it before the "
                "move, or move it too",
                fix,
                {"placed": placement.node},
            )
            return
        if obs.via is not None:
            # Registered in a function of the file on the model it was handed.
            self.report(
                node,
                f"{new} is registered on {where} in the call at line <line:call>, after "
                f"the model was moved to {device_text(placement, self.ctx.code_for)} at "
                f"line <line:placed>, and the model is not moved again: {stays}; make it on "
                f"the device of `{obs.parent}` (`device=`), or make that call before the move",
                None,
                {"placed": placement.node, "call": obs.via},
            )
            return
        self.report(
            node,
            f"{new} is registered on {where} after {moved}, and `{owner}` is not moved "
            f"again: {stays}; make it on the model's device (`device=`), "
            "register it before the move, or move it too",
            fix,
            {"placed": placement.node},
        )

    def _placed_by_base(self, placed: cst.CSTNode) -> bool:
        """This ``__init__`` reached the placement through ``super().__init__()``: the
        move is in another method of the file's classes."""
        function = self.ctx.function
        return (
            function is not None
            and function.node.name.value == "__init__"
            and function.cls is not None
            and not contains(function.node, placed)
        )

    def _callee_reports(self, stmt: cst.CSTNode, placed: cst.CSTNode) -> bool:
        """``self._swap(state)`` in a method, where the model was placed in another
        (``__init__``): ``_swap``, walked as a method with the same class state, reports
        the call inside it that attaches, the line nearest the attachment."""
        function, cls = self.ctx.function, self.ctx.cls
        if function is None or cls is None or contains(function.node, placed):
            return False
        if function.node.name.value == "__init__":
            # (placed by a base class's ``__init__`` that ``super().__init__()`` ran:
            # the methods this one calls start from a state with nothing placed)
            return False
        return any(
            isinstance(call.func, cst.Attribute)
            and isinstance(call.func.value, cst.Name)
            and call.func.value.value == "self"
            and call.func.attr.value in cls.methods
            for call in nodes(stmt, cst.Call)
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
