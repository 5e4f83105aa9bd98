"""TL601-TL602: mixed-precision APIs that hide the device or do needless work."""

from __future__ import annotations

import libcst as cst

from torchlint import screen
from torchlint.analysis.names import dotted
from torchlint.analysis.torch_api import DEPRECATED_AMP
from torchlint.checks._build import as_keyword
from torchlint.rules.rule import FixSpec, Replace, Rule

# torch.cuda.amp.autocast(enabled, dtype, cache_enabled) takes them positionally;
# torch.amp.autocast(device_type, dtype, enabled, cache_enabled) in another order.
_AUTOCAST_POSITIONAL = ("enabled", "dtype", "cache_enabled")


class DeprecatedCudaAmp(Rule):
    code = "TL601"
    name = "deprecated-cuda-amp"
    summary = (
        "`torch.cuda.amp.autocast` / `GradScaler` are deprecated for `torch.amp.*` with an "
        "explicit device."
    )
    fixable = True
    # torch.cuda.amp.X, from torch.cuda.amp import X, from torch.cuda import amp
    triggers = ("cuda.amp", "cpu.amp", "cuda import amp", "cpu import amp")
    needs = frozenset({screen.DEPRECATED_AMP_CALL})
    docs = """
    ## What it does
    Flags `torch.cuda.amp.autocast(...)`, `torch.cuda.amp.GradScaler(...)` and their
    `torch.cpu.amp` twins, however they were imported (`from torch.cuda.amp import
    autocast`).

    ## Why is this bad?
    They are deprecated (a `FutureWarning` on every call since PyTorch 2.4) in favour
    of `torch.amp.autocast("cuda", ...)` and `torch.amp.GradScaler("cuda", ...)`, which
    name the device: the same code then reads right when it moves to another device
    type, and a reader sees which device the mixed precision applies to.

    ## Example
    ```python
    scaler = torch.cuda.amp.GradScaler()
    with torch.cuda.amp.autocast(dtype=torch.float16):
        loss = model(x)
    ```

    ## Use instead
    ```python
    scaler = torch.amp.GradScaler("cuda")
    with torch.amp.autocast("cuda", dtype=torch.float16):
        loss = model(x)
    ```

    Not flagged: a call in a branch that exists for older torch releases (either
    branch of a version test such as `TORCH_GE_2_4` or `version.parse(torch.__version__)
    < ...`, a `hasattr(torch, ...)` probe, the handler of `except (ImportError,
    AttributeError, TypeError)`), nor a call through a name imported there (`try: from
    torch.amp import GradScaler` / `except ImportError: from torch.cuda.amp import
    GradScaler`): that code keeps the old API on purpose (`torchlint/analysis/gates.py`).

    ## Fix safety
    Argument for argument: `torch.cuda.amp.autocast(a, b)` passes `enabled` and
    `dtype` positionally while `torch.amp.autocast` takes `device_type, dtype,
    enabled`, so positional arguments become keywords. For `autocast` the new call does
    the same on every torch since 1.10: **safe**; the receiver is the call itself, a
    torch function named by its import, so no other object can be behind it.
    `torch.amp.GradScaler` only exists since torch 2.3, so that rewrite breaks a project
    that still supports older releases: **unsafe**. Gated code is never rewritten. The
    fix spells `torch` as the file imports it; if the file never imports `torch` itself
    (only `from torch.cuda.amp import autocast`), no fix is offered.

    ## References
    - [Automatic mixed precision](https://pytorch.org/docs/stable/amp.html)
    """

    def visit_Call(self, node: cst.Call) -> None:
        q = self.ctx.analysis.qualify(node.func)
        if q not in DEPRECATED_AMP:
            return
        if self.ctx.analysis.gates.covers(node) is not None:
            return  # the branch (or import) that exists for older torch releases
        name, device = DEPRECATED_AMP[q]
        aliases = self.ctx.analysis.imports.local_names_for("torch")
        fix = None
        if aliases and not any(a.star for a in node.args):
            args = list(node.args)
            positional = [a for a in args if a.keyword is None]
            if name == "autocast":
                if len(positional) > len(_AUTOCAST_POSITIONAL):
                    positional = []
                    args = []
                for i, arg in enumerate(positional):
                    args[args.index(arg)] = as_keyword(_AUTOCAST_POSITIONAL[i], arg)
            if args or not node.args:
                device_arg = cst.Arg(cst.SimpleString(f'"{device}"'))
                if args:
                    device_arg = device_arg.with_changes(
                        comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                    )
                new = node.with_changes(
                    func=cst.parse_expression(f"{aliases[0]}.amp.{name}"), args=[device_arg, *args]
                )
                # torch.amp.autocast(device_type, ...) exists since torch 1.10; the
                # torch.amp.GradScaler class only since 2.3: older releases lack it.
                fix = FixSpec.safe_if(
                    name == "autocast",
                    Replace(node, new),
                    message=f'use torch.amp.{name}("{device}", ...)'
                    + ("" if name == "autocast" else " (needs torch >= 2.3)"),
                )
        spelled = dotted(node.func) or q
        self.report(
            node.func,
            f'`{spelled}` is deprecated: use `torch.amp.{name}("{device}", ...)`, which names '
            "the device",
            fix,
        )


class GradScalerWithBfloat16(Rule):
    code = "TL602"
    name = "grad-scaler-with-bfloat16"
    summary = "A GradScaler is used with bfloat16 autocast, which needs no loss scaling."
    triggers = ("GradScaler",)
    needs = frozenset({screen.HALF})  # bfloat16, spelled in the unit
    docs = """
    ## What it does
    Flags a `GradScaler` created in a function (or module) whose `autocast` uses
    `dtype=torch.bfloat16`.

    ## Why is this bad?
    Loss scaling exists because float16 has a narrow exponent range and small
    gradients underflow. bfloat16 has float32's exponent range: the scaler only adds
    work (an inf/NaN check and an unscale per step) and, with some optimizers,
    skipped steps for nothing.

    ## Example
    ```python
    scaler = torch.amp.GradScaler("cuda")
    with torch.amp.autocast("cuda", dtype=torch.bfloat16):
        loss = model(x)
    scaler.scale(loss).backward()
    ```

    ## Use instead
    ```python
    with torch.amp.autocast("cuda", dtype=torch.bfloat16):
        loss = model(x)
    loss.backward()
    ```

    ## Fix safety
    No fix: removing the scaler touches several lines of the training loop.

    ## References
    - [Automatic mixed precision](https://pytorch.org/docs/stable/amp.html)
    """

    _SCALERS = frozenset(
        {
            "torch.amp.GradScaler",
            "torch.cuda.amp.GradScaler",
            "torch.cpu.amp.GradScaler",
            "torch.amp.grad_scaler.GradScaler",
        }
    )
    _AUTOCASTS = frozenset(
        {
            "torch.amp.autocast",
            "torch.autocast",
            "torch.cuda.amp.autocast",
            "torch.cpu.amp.autocast",
        }
    )

    def __init__(self, ctx: object) -> None:
        super().__init__(ctx)  # type: ignore[arg-type]
        # Per scope (function, or None for the module): scalers and bf16 autocasts.
        self._scalers: dict[object, list[cst.Call]] = {}
        self._bf16: dict[object, cst.Call] = {}

    def visit_Call(self, node: cst.Call) -> None:
        q = self.ctx.analysis.qualify(node.func)
        scope = self.ctx.function.node if self.ctx.function else None
        if q in self._SCALERS:
            self._scalers.setdefault(scope, []).append(node)
        elif q in self._AUTOCASTS:
            for arg in node.args:
                if arg.keyword is not None and arg.keyword.value == "dtype":
                    if self.ctx.analysis.qualify(arg.value) in ("torch.bfloat16",):
                        self._bf16.setdefault(scope, node)
        else:
            return
        # Report once both halves are known (the scaler may come first or second).
        autocast = self._bf16.get(scope)
        if autocast is None:
            return
        for scaler in self._scalers.pop(scope, []):
            self.report(
                scaler,
                "a GradScaler with bfloat16 autocast (line <line:autocast>): bfloat16 has "
                "float32's exponent range and needs no loss scaling; drop the scaler",
                None,
                {"autocast": autocast},
            )
