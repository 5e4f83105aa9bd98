"""TL212: a model placed on a device that falls back to the CPU, given an input put on
the GPU by name (``.cuda()``, ``.to("cuda")``), or running code that makes a tensor
there by name (its forward, and the helpers that calls): the run without a GPU fails
there."""

from __future__ import annotations

import libcst as cst

from torchlint import screen
from torchlint.analysis.gpus import fallback_of, gpu_of, index_of_tensor
from torchlint.analysis.names import dotted
from torchlint.analysis.observations import FallbackMixObs, HardCudaObs
from torchlint.analysis.order import contains
from torchlint.analysis.values import Event, Gpu, Kind, Place, Value
from torchlint.checks._devices import model_name, names_cuda
from torchlint.rules.rule import Rule


class CudaInputOnFallbackDevice(Rule):
    code = "TL212"
    name = "cuda-input-on-fallback-device"
    summary = (
        'A tensor put on the GPU by name (`.cuda()`, `"cuda"`, `torch.cuda.FloatTensor`) '
        "as the input of a model whose device falls back to the CPU, or in the code it "
        "(or a model left on the CPU) runs: the run without a GPU fails."
    )
    triggers = ("cuda",)
    needs = frozenset({screen.PLACED_MODULE, screen.CUDA_LITERAL})
    # (a tensor on CUDA by name meeting one on a device chosen to fall back to the CPU)
    needs_either = (frozenset({screen.CUDA_LITERAL, screen.CPU_WORD}),)
    docs = """
    ## What it does
    Flags an input of a model, put on the GPU with `.cuda()` or `.to("cuda")`, where
    the model was moved to a device chosen as `"cuda" if torch.cuda.is_available()
    else "cpu"` (or a name, parameter or attribute holding one), or moved only on the
    branch the GPU run takes (`if torch.cuda.is_available(): model = model.cuda()`,
    also inside a helper such as `to_var(model)`). Also flags, in the
    code such a model runs when it is called (the `forward` of its class, a method of
    its class called on it, `model.compute_energy(z)`, and the methods and helpers
    those call, followed from the call), a tensor made or moved
    on the GPU by name: `.cuda()`, `.to("cuda")`, `device="cuda"` or a name bound to
    `torch.device("cuda")`, and the legacy `torch.cuda.FloatTensor(...)` kin. What
    only the GPU run does is left alone: a branch under `if torch.cuda.is_available():`,
    `if x.is_cuda:` or a name holding such a test, and a device chosen again as
    `"cuda" if torch.cuda.is_available() else "cpu"`. The same holds in the code a
    model runs when the model was made on the CPU and never moved, placed or wrapped,
    or was last moved to the CPU (`model.cpu()`), and is called with inputs on the
    CPU (a script's `__main__` demo of the model, an evaluation on the CPU): every run
    computes it on the CPU. Calling an `nn.Sequential` runs its first member's code,
    and that of the first member of the file's classes after `torch.nn` layers only
    (also layers spread from a list written out: `nn.Sequential(*stem, ODEBlock(d),
    *head)`).
    And the code that builds such a model (its `__init__`, the helpers and the
    constructors of its parts that run there): a table put on CUDA by name while the
    model is built fails before the move, in the run without a GPU. `.cuda(x.get_device())`
    (or `.cuda(x.device.index)`) counts as a move to CUDA by name: on the CPU `x`'s
    index is -1, and the move fails with 'Device index must not be negative'.

    ## Why is this bad?
    The code was written to run without a GPU too: the model follows the device that
    falls back to the CPU. The input does not. On a machine without CUDA the
    `.cuda()` line raises `AssertionError: Torch not compiled with CUDA enabled`, and
    with a GPU that is not GPU 0 the input and the model would not meet either. Inside
    the model's code the same line fails as soon as the CPU run gets there (`TypeError:
    type torch.cuda.FloatTensor not available`), however the input was placed. A
    `.cuda()` only the GPU run reaches (under `if torch.cuda.is_available():`) is not
    flagged.

    ## Example
    ```python
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = Net().to(device)
    for boards, targets in loader:
        boards = boards.cuda()
        out = model(boards)
    ```

    In the model's own code:
    ```python
    def forward(self, x):
        return self.head(x) + torch.cuda.FloatTensor(self.bias)
    ```

    ## Use instead
    ```python
        boards = boards.to(device)
    ```
    and
    ```python
        return self.head(x) + torch.tensor(self.bias, device=x.device)
    ```

    ## Fix safety
    No fix: the name of the model's device where the input is moved (a parameter, an
    attribute of a trainer) is the code's to choose.

    ## References
    - [`torch.cuda.is_available`](https://pytorch.org/docs/stable/generated/torch.cuda.is_available.html)
    - [`torch.Tensor.to`](https://pytorch.org/docs/stable/generated/torch.Tensor.to.html)
    """

    def visit_Call(self, node: cst.Call) -> None:
        flow = self.ctx.analysis.flow
        for hard in flow.hard_cuda.all(node):
            # (each walk left out what its GPU-only branches did: one that decided the
            # guard, ``if self.use_gpu:`` of a flag left at its default, runs it)
            self._hard_coded(hard)
        for mix in flow.fallback_mixes.all(node):
            self._meets_fallback(node, mix)
        for obs in flow.calls.all(node):
            if obs.in_forward or obs.module.kind not in (Kind.MODULE, Kind.WRAPPER):
                continue
            placed = obs.module.last("move")
            fallback = fallback_of(flow, placed)
            if placed is None or fallback is None:
                continue
            for arg, value in obs.args:
                if value.kind not in (Kind.TENSOR, Kind.MOVED, Kind.ENCODING):
                    continue
                found = gpu_of(value, flow.gpus)
                if found is None or found[0] != Gpu.CURRENT:
                    continue
                move = found[1]
                how = names_cuda(move.node)
                if how is None:
                    # (put on CUDA by name on its way, then moved to the model's
                    # device: ``read_image(p)`` returns ``.cuda()``, the loop does
                    # ``.to(device)``; the first move fails without a GPU all the same)
                    move = _cuda_on_the_way(value, flow.gpus, move) or move
                    how = names_cuda(move.node)
                if how is None or id(move.node) in flow.gpu_only_moves:
                    continue
                self._report(move, how, arg, obs.callee, placed, fallback, node)
                return

    def _hard_coded(self, hard: HardCudaObs) -> None:
        at = self.once_at(hard.node, hard.call, forward=True)
        if at is None:
            return
        model = model_name(hard.callee)
        related = {"call": hard.call, "placed": hard.placed.node}
        line = "this line" if at is hard.node else "that line"
        runs = (
            f"while `{model}` is built (" if hard.built else f"in code `{model}` runs (called at "
        )
        if at is hard.node:
            made = self.ctx.code_for(hard.node)
            if len(made) > 60:
                made = made[:57] + "..."
            story = f"`{made}` puts a tensor on CUDA by name {runs}line <line:call>)"
        else:  # (the line is in another file: this call is the one that leads there)
            related["cuda"] = hard.node
            runs = "builds with" if hard.built else "runs"
            story = f"`{model}` {runs} code that puts a tensor on CUDA by name (line <line:cuda>)"
        if hard.placed.action == "create" or hard.placed.detail == Place.CPU:
            on_cpu = (
                "never leaves the CPU it was made on (line <line:placed>)"
                if hard.placed.action == "create"
                else "was moved to the CPU at line <line:placed>"
            )
            self.report(
                at,
                f"{story}, but `{model}` {on_cpu} and is called with inputs on the CPU: "
                "with a GPU the tensor "
                "is on another device than the model's CPU tensors, "
                f"without one {line} fails; make it where the input is "
                "(`device=x.device`, `.to(x.device)`)",
                None,
                related,
            )
            return
        where = (
            "on the CPU as a buffer (`register_buffer`), which the move takes along"
            if hard.built
            else "where the input is (`device=x.device`, `.to(x.device)`)"
        )
        if hard.by_inputs:  # (a loss or a metric: nothing of its own to place)
            moved = _placed(hard.placed.node, hard.fallback, related, "were moved")
            placed = f"is never moved and runs where its inputs are, which {moved}"
        else:
            placed = _placed(hard.placed.node, hard.fallback, related)
        self.report(
            at,
            f"{story}, but `{model}` {placed}: "
            f"there {line} fails ({_without_gpu(hard.node)}); make it {where}",
            None,
            related,
        )

    def _meets_fallback(self, node: cst.Call, mix: FallbackMixObs) -> None:
        """A tensor put on CUDA by name computed with one on the fallback device."""
        at = self.once_at(mix.cuda.node, node)
        if at is None:
            return
        code = self.ctx.code_for
        made = code(mix.cuda.node)
        made = made if len(made) <= 60 else made[:57] + "..."
        related = {"op": mix.node, "placed": mix.placed.node}
        story = f"`{made}` puts a tensor on CUDA by name"
        if at is not mix.cuda.node:  # (the line is in another file: the call leading there)
            related["cuda"] = mix.cuda.node
            story = "a tensor is put on CUDA by name (line <line:cuda>)"
        where = "moved" if mix.placed.action == "move" else "made"
        named = dotted(mix.placed_expr)
        met, advice = (
            (
                f"`{named}`",
                f"put it where the other is (`.to({named}.device)`, `device={named}.device`)",
            )
            if named
            else ("a tensor", "put it on that device")
        )
        on = _cpu_without_gpu(mix.fallback, mix.placed.node, related)
        self.report(
            at,
            f"{story}, and meets {met} at line <line:op>, {where} at line <line:placed> on "
            f"{on}: there this line fails ({_without_gpu(mix.cuda.node)}); {advice}",
            None,
            related,
        )

    def _report(
        self,
        move: Event,
        how: str,
        arg: cst.Arg,
        callee: str,
        placed: Event,
        fallback: cst.CSTNode,
        call: cst.Call,
    ) -> None:
        # (the move is the line that fails in the run without a GPU: in a helper of
        # another file, that file's finding where it is linted in the same run)
        at = self.once_at(move.node, call, forward=True)
        if at is None:
            return
        code = self.ctx.code_for
        func = move.node.func if isinstance(move.node, cst.Call) else None
        moved = func.value if isinstance(func, cst.Attribute) else arg.value
        name = dotted(arg.value) or dotted(moved) or code(moved)
        if at is move.node and not self.ctx.in_this_file(move.node):
            name = dotted(moved) or code(moved)  # (said in the helper's own file)
        related = {"placed": placed.node, "call": call}
        subject = f"`{name}` is put on the GPU with `{how}` here"
        fn = self.ctx.function
        if (
            at is move.node
            and fn is not None
            and self.ctx.in_this_file(call)
            and not contains(fn.node, move.node)
            and name != (dotted(moved) or code(moved))
        ):
            # (in a helper that hands it back: the caller's name is not this line's)
            subject = (
                f"This tensor is put on the GPU with `{how}` here and reaches the call as `{name}`"
            )
        if at is not move.node:
            related["move"] = move.node
            subject = f"`{name}` was put on the GPU with `{how}` at line <line:move>"
        self.report(
            at,
            f"{subject}, but `{model_name(callee)}` (called at line <line:call>) "
            f"{_placed(placed.node, fallback, related)}: "
            f"there `{how}` fails ('Torch not compiled with CUDA enabled'); "
            "move it to the model's device instead",
            None,
            related,
        )


def _cuda_on_the_way(
    value: Value, gpus: dict[cst.CSTNode, Gpu | None], last: Event
) -> Event | None:
    """The last move of ``value``'s story before ``last`` that put it on the current
    GPU by name."""
    before = value.events[: value.events.index(last)] if last in value.events else ()
    for event in reversed(before):
        if event.action == "move" and gpus.get(event.node) == Gpu.CURRENT:
            if names_cuda(event.node) is not None:
                return event
    return None


def _without_gpu(node: cst.CSTNode) -> str:
    """The error of a move to CUDA by name in the run without a GPU: ``.cuda(x.
    get_device())`` of a CPU tensor asks for GPU -1."""
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "cuda"
        and node.args
        and index_of_tensor(node.args[0].value)
    ):
        return "'Device index must not be negative'"
    return "'Torch not compiled with CUDA enabled'"


def _cpu_without_gpu(
    fallback: cst.CSTNode, placed: cst.CSTNode, related: dict[str, cst.CSTNode]
) -> str:
    """The device ``placed`` put a model or tensor on: one ``fallback`` chose, the CPU
    on a machine without a GPU (its line named where it was not chosen right there)."""
    device = dotted(fallback) if isinstance(fallback, cst.BaseExpression) else None
    where = f"`{device}`, which is" if device else "a device that is"
    chosen = ""
    if not contains(placed, fallback):  # (chosen where it was moved: said)
        related["device"] = fallback
        chosen = " (line <line:device>)"
    return f"{where} the CPU on a machine without a GPU{chosen}"


def _placed(
    placed: cst.CSTNode,
    fallback: cst.CSTNode,
    related: dict[str, cst.CSTNode],
    moved: str = "was moved",
) -> str:
    """How the model (or its inputs: ``moved``) got to where the run without a GPU
    leaves it on the CPU."""
    if fallback is placed:
        return (
            f"{moved} at line <line:placed> only where a GPU is there (a branch on "
            "`torch.cuda.is_available()`), and stays on the CPU on a machine without one"
        )
    return f"{moved} at line <line:placed> to {_cpu_without_gpu(fallback, placed, related)}"
