"""TL206: a tensor moved to a device under a new name while the code goes on using
the old name, which still holds the CPU tensor, read from the flow analysis."""

from __future__ import annotations

import libcst as cst

from torchlint import screen
from torchlint.analysis.names import dotted
from torchlint.analysis.torch_api import (
    MOVE_TEXT,
)
from torchlint.checks._devices import device_text
from torchlint.rules.rule import Rule


class StaleAlias(Rule):
    code = "TL206"
    name = "stale-alias"
    summary = "A name still holds a tensor from before it was moved under its other name."
    triggers = MOVE_TEXT
    needs = frozenset({screen.STALE_ALIAS, screen.CALLABLE_MODULE})
    docs = """
    ## What it does
    Flags a call of a module on a tensor through an alias taken before the tensor was
    moved: `alias = x`, then `x = x.to(device)`, then `model(alias)` with a model
    (or other arguments) on that device.

    Also flags an in-place update (`w.copy_(...)`, `w.mul_(0.5)`) of a tensor given to
    a loss as its `weight=` / `pos_weight=` after the loss was moved: the loss holds
    the tensor as a buffer, `Module.to()` put a new one in it, and the update changes
    the old one on the CPU (a silent bug: the class weights never change on the GPU).

    Also flags a module's registered buffer read into another name through the
    module (`self.mean = model.norm.mean`) before the module is moved, when that name
    later meets a tensor on the device.

    ## Why is this bad?
    `x = x.to(device)` binds `x` to a new tensor; every other name still refers to
    the old one on the CPU. The alias crashes the call with `Expected all tensors to be
    on the same device`, or silently computes on the CPU. `Module.to()` does the same
    to a module's buffers: it puts a new tensor in each (parameters, unlike buffers,
    are changed in place), and a name that held the buffer keeps the old one.

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

    def visit_Attribute(self, node: cst.Attribute) -> None:
        found = self.ctx.analysis.flow.stale_buffers.all(node)
        if not found:
            return
        obs = found[0]
        buffer = self.ctx.code_for(node)
        self.report(
            node,
            f"`{buffer}` is a buffer: moving its module to "
            f"{device_text(obs.move, self.ctx.code_for)} at line <line:move> puts a new "
            "tensor in it and leaves the one read here on the CPU, where it meets a tensor "
            "on the device at line <line:use>; read the buffer through the module after the "
            "move",
            None,
            {"move": obs.move.node, "use": obs.use},
        )

    def visit_Call(self, node: cst.Call) -> None:
        updated = self.ctx.analysis.flow.stale_buffers.all(node)
        if updated and isinstance(node.func, cst.Attribute):
            # w.copy_(...) of a tensor a loss took as its weight, after the loss moved
            found = updated[0]
            name = self.ctx.code_for(node.func.value)
            self.report(
                node,
                f"`{name}` was given to a module as a buffer (line <line:given>), and "
                f"moving that module to {device_text(found.move, self.ctx.code_for)} at "
                "line <line:move> put a new tensor in the buffer: this in-place update "
                "changes the old one on the CPU, which the module no longer reads; update "
                f"the module's own buffer instead (its `.{found.copy.path or 'weight'}`)",
                None,
                {"given": found.copy.node, "move": found.move.node},
            )
            return
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
            f"{device_text(move, self.ctx.code_for)} at line <line:move>: it is on the CPU; pass `{moved_name}` "
            f"or move `{alias}` too",
            None,
            {"move": move.node},
        )
