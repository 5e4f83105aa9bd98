"""TL207: an optimizer's state left on the CPU when its model moves to a GPU, read
from the flow analysis (``torch.optim`` optimizers over ``model.parameters()``)."""

from __future__ import annotations

import libcst as cst

from torchlint import screen
from torchlint.analysis.observations import CopyObs, OptimizerObs
from torchlint.checks._devices import device_text
from torchlint.rules.rule import LintContext, Rule


class OptimizerStateBeforePlacement(Rule):
    code = "TL207"
    name = "optimizer-state-before-placement"
    summary = (
        "A model moved to a GPU after its optimizer made or loaded its state, or code "
        "copied its parameters, on the CPU: the state stays behind and mixes devices."
    )
    triggers = ("Adagrad", "Optimizer", ".load_state_dict(", "clone(", "copy(")
    needs = frozenset({screen.PARAMETER_STATE})
    docs = """
    ## What it does
    Flags the move of a model (`model.to(device)`, `model.cuda()`) when, before it, a
    `torch.optim` optimizer over the model's parameters already had its state on the
    CPU, and the optimizer steps after the move. The state got there in one of two
    ways: `optimizer.load_state_dict(...)` while the model was still on the CPU (torch
    puts loaded state where each parameter is at that moment, whatever
    `map_location` said), or an optimizer that builds its state as it is made
    (`Adagrad`, or the file's own `Optimizer` subclass whose `__init__` fills
    `self.state`) on a model still on the CPU. The optimizer may take parameter
    groups (`[{"params": model.head.parameters(), "lr": lr}, ...]`, or weight-decay
    groups picked by name: `[p for n, p in model.named_parameters() if ...]`, or one
    group per parameter, `groups += [{"params": [p], ...}]` or `groups.append(...)`,
    on either side of an `if`, in a loop over `model.named_parameters()`). The
    flow is followed through helpers (`load_checkpoint(path, model, optimizer)`),
    branches (`if args.resume:`), a class's methods and another file's classmethod
    that builds the model (`Net.from_checkpoint(path)`), and an object of a plain class
    that holds both (a trainer whose `__init__` builds `self.network` and resumes
    `self.optimizer`, and whose `network` the script moves: `trainer.network.cuda()`).

    The same goes for state the code makes itself by copying the parameters: EMA
    shadow weights (`[p.detach().clone() for p in model.parameters()]`,
    `copy.deepcopy(p.data)`), an optimizer wrapper's slow weights (Lookahead's
    `p.clone()` over `optimizer.param_groups`). The move is flagged when such copies
    were taken while the model was on the CPU and later meet the moved parameters (or
    any tensor on the device) in arithmetic or an in-place op (`s.mul_(d).add_(p)`).

    ## Why is this bad?
    `Module.to()` moves the parameters in place; the optimizer keeps its state
    tensors (Adam's `exp_avg`, momentum buffers, Adagrad's `sum`) where they were
    made. The first `optimizer.step()` after the move mixes GPU gradients with CPU
    state and fails with `Expected all tensors to be on the same device, but found at
    least two devices, cuda:0 and cpu!`. It happens only when a run resumes from a
    checkpoint, so the bug survives every fresh run. Not flagged: an optimizer that
    keeps no state (SGD without momentum), state loaded after the move, state moved
    by hand (code that touches `optimizer.state`), an optimizer handed to code that
    may move it (`accelerator.prepare`), and an optimizer that never steps after the
    move. A copy of a parameter is a new tensor, where the parameter was: `.to()`
    replaces each parameter's data and leaves the copies on the CPU, and the next EMA
    update or Lookahead step fails the same way. Not flagged: copies taken after the
    move, copies moved where the parameters are before they meet them
    (`q.to(p.device)`), `p.data.copy_(saved)` (which copies across devices), an EMA
    that is a `copy.deepcopy` of the whole module (moved with `ema.to(device)`), and
    `state_dict()` copies kept for saving.

    ## Example
    ```python
    model = build_model()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
    if args.resume:
        optimizer.load_state_dict(torch.load(args.resume)["optimizer"])
    model.to(device)
    ```

    ```python
    model = build_model()
    ema = [p.detach().clone() for p in model.parameters()]
    model.to(device)
    ...
    for e, p in zip(ema, model.parameters()):
        e.mul_(0.999).add_(p.detach(), alpha=0.001)
    ```

    ## Use instead
    ```python
    model = build_model().to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
    if args.resume:
        optimizer.load_state_dict(torch.load(args.resume)["optimizer"])
    ```

    ```python
    model = build_model().to(device)
    ema = [p.detach().clone() for p in model.parameters()]
    ```

    ## Fix safety
    No fix: moving the model up means moving every statement in between that may
    depend on where it is (loading its own state dict, building other optimizers),
    which needs a person's judgement.

    ## References
    - [`torch.optim.Optimizer.load_state_dict`](https://pytorch.org/docs/stable/generated/torch.optim.Optimizer.load_state_dict.html)
    - [pytorch/pytorch#7844](https://github.com/pytorch/pytorch/issues/7844): Adagrad's state and `.cuda()` after building it
    - [yyvhang/IAGNet#4](https://github.com/yyvhang/IAGNet/issues/4): resuming with the optimizer loaded before `model.to(device)`
    - [lessw2020/Ranger-Deep-Learning-Optimizer#1](https://github.com/lessw2020/Ranger-Deep-Learning-Optimizer/issues/1): Lookahead's slow weights copied before `model.cuda()`
    """

    def __init__(self, ctx: LintContext) -> None:
        super().__init__(ctx)
        self._moves_reported: set[int] = set()  # (the moves a method makes of ``self``)

    def visit_Call(self, node: cst.Call) -> None:
        copied = self.ctx.analysis.flow.param_copies.all(node)
        if copied:
            self.copies(node, copied[0])
            return
        found = self.ctx.analysis.flow.optimizer_states.all(node)
        if not found:
            return
        obs: OptimizerObs = found[0]
        model = obs.move.path or "the model"
        where = device_text(obs.move, self.ctx.code_for)
        related: dict[str, cst.CSTNode] = {"state": obs.state.node, "step": obs.step}
        # A move in another file of the project (a trainer's __init__): reported on
        # that line where the run lints that file too, else at the call here.
        at = self.once_at(obs.move.node, node, forward=True)
        moved = "here"
        if obs.move.path == "self" and node is not obs.move.node:
            # (moved by a method of its own, ``self.to(dev)``: reported at the call here
            # that led there, once)
            at = node if id(obs.move.node) not in self._moves_reported else None
            self._moves_reported.add(id(obs.move.node))
            moved = f"by `{self.ctx.code_for(node.func)}()` (at line <line:move>)"
            related["move"] = obs.move.node
        if at is None:
            return
        if at is not obs.move.node and "move" not in related:
            moved = "at line <line:move>"
            related["move"] = obs.move.node
        if obs.state.detail == "made":
            how = (
                "made its state at line <line:state> while the parameters were on the CPU "
                f"(`{obs.state.path}` makes it as it is built)"
            )
        else:
            helper = f" in `{obs.state.path}`" if obs.state.path else ""
            called = " (called at line <line:call>)" if obs.state.statement is not None else ""
            how = (
                f"loaded its state at line <line:state>{helper}{called} while the parameters "
                "were on the CPU (`load_state_dict` puts it where they are)"
            )
            if obs.state.statement is not None:
                related["call"] = obs.state.statement
        self.report(
            at,
            f"{'the model' if model == 'self' else f'`{model}`'} is moved to {where} {moved}, "
            f"but `{obs.optimizer}` {how}; "
            "`Module.to()` moves the parameters, not the optimizer's state, so "
            f"`{obs.optimizer}.step()` at line <line:step> mixes devices: move the model "
            "before building the optimizer or loading its state",
            None,
            related,
        )

    def copies(self, node: cst.Call, obs: CopyObs) -> None:
        """The copies of the parameters taken on the CPU before ``node`` moved them."""
        model = obs.move.path or "the model"
        where = device_text(obs.move, self.ctx.code_for)
        related: dict[str, cst.CSTNode] = {"copy": obs.copy.node, "use": obs.use}
        inside = f" in `{obs.copy.detail}`" if obs.copy.detail else ""
        if obs.copy.statement is not None and self.ctx.in_this_file(obs.copy.statement):
            inside += " (called at line <line:call>)"
            related["call"] = obs.copy.statement
        # (copies met in another file of the project, ``optimizer.step()`` of its
        # Lookahead: observed at the call here that led there; the move may be a line
        # of this file all the same)
        at = self.once_at(obs.move.node, node, forward=True)
        if at is None:
            return
        moved = "here"
        if at is not obs.move.node:
            moved = "at line <line:move>"
            related["move"] = obs.move.node
        self.report(
            at,
            f"`{model}` is moved to {where} {moved}, but its parameters were copied at line "
            f"<line:copy>{inside} while they were on the CPU; `Module.to()` moves the "
            "parameters in place, not copies of them, so line <line:use> computes with "
            "the CPU copy and tensors on the device: copy the parameters after the move, "
            "or move the copies where the parameters are",
            None,
            related,
        )
