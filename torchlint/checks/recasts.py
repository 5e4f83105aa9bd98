"""TL108: some of a float16 model's parameters recast to float32 one by one (the
trainable ones, some names), then the model run outside autocast. The flow analysis
marks the model where the loop recasts (``torchlint.analysis.recasts``); the finding
is on that line, with the model's cast and its call as related lines."""

from __future__ import annotations

import libcst as cst

from torchlint import screen
from torchlint.analysis.torch_api import HALF_DTYPES
from torchlint.checks._devices import model_name
from torchlint.rules.rule import Rule


class PartialDtypeCast(Rule):
    code = "TL108"
    name = "partial-dtype-cast"
    summary = (
        "Some parameters of a float16 model recast to float32 (`p.data = p.data.float()` "
        "for the trainable ones), then the model run outside autocast."
    )
    needs = frozenset({screen.DATA_ASSIGN, screen.HALF_CAST, screen.MODULE_SOURCE})
    needs_either = (frozenset({screen.SUBMODULE_LOOP, screen.HALF_CAST, screen.MODULE_SOURCE}),)
    docs = """
    ## What it does
    Flags `p.data = p.data.to(torch.float32)` (or `.float()`) in a loop over a model's
    `parameters()` / `named_parameters()` that picks some of them (`if
    p.requires_grad:`, `filter(lambda p: p.requires_grad, ...)`, `if "norm" in
    name:`), when the model was cast to float16 or bfloat16 before and is then called
    outside `torch.autocast`. The flow is followed through helpers: the loop is often
    in an `init_adapter()` or `cast_trainable_to_fp32()` of the file, and the call in
    the training or prediction loop. A loop that picks by dtype (`if p.dtype ==
    torch.float16:`) recasts every half parameter, which is a cast of the whole model;
    a flag the caller passes as `False` (`is_trainable=False`) skips the branch.
    Casting modules works the same way: a loop over `named_modules()` / `modules()`
    that casts the ones it picks (`if "norm" in name: module.to(torch.float32)`, `if
    isinstance(module, LoraLayer): module.to(torch.bfloat16)`) leaves them in another
    dtype than the rest of the model (or than the modules it casts the other way).
    A model cast under an option (`if args.bf16: model = model.to(torch.bfloat16)`)
    counts as cast: the run that takes the branch, the one the option is for, mixes.

    ## Why is this bad?
    The model now holds float16 and float32 layers. Outside autocast each layer
    computes in the dtype of its input, so the first float32 layer that gets a
    float16 activation (or the reverse) fails: `RuntimeError: expected mat1 and mat2
    to have the same dtype, but got: float != c10::Half` (LLaMA-Factory predicting
    with a LoRA whose `modules_to_save` were upcast; OmniDrive's trainable head).

    ## Example
    ```python
    model = Detector().to(device).half()
    for param in filter(lambda p: p.requires_grad, model.parameters()):
        param.data = param.data.to(torch.float32)
    logits = model(images.half())
    ```

    ## Use instead
    ```python
    with torch.autocast(device_type="cuda", dtype=torch.float16):
        logits = model(images)
    ```
    or keep one dtype for the forward (upcast only for training, under autocast).

    ## Fix safety
    No fix: running under autocast or casting the whole model changes numerics; which
    one is the author's choice.

    ## References
    - [Automatic mixed precision](https://pytorch.org/docs/stable/amp.html)
    - [LLaMA-Factory #4139](https://github.com/hiyouga/LlamaFactory/issues/4139)
    """

    def visit_Call(self, node: cst.Call) -> None:
        for obs in self.ctx.analysis.flow.calls.all(node):
            if obs.in_forward or obs.autocast:
                continue  # (inside a forward: the call that ran the model says it)
            recast = obs.module.last("cast", "recast")
            if recast is None or recast.action != "recast":
                continue
            # (a loop over the modules: ``source`` is what the picked ones mix with)
            cast = recast.source or obs.module.last("cast")
            if (
                cast is None
                or not {cast.detail, recast.detail} & HALF_DTYPES
                or cast.detail == recast.detail
            ):
                continue
            at = self.once_at(recast.node, node)
            if at is None:
                continue
            whole = model_name(obs.callee)
            related: dict[str, cst.CSTNode] = {"cast": cast.node, "call": node}
            if recast.source is None or recast.source.action == "create":
                what = "parameters this loop picks are recast"
                rest = f"the rest of `{whole}` stays {cast.detail} (line <line:cast>)"
            else:
                what = "modules this loop picks are cast"
                rest = f"other parts of `{whole}` are {cast.detail} (line <line:cast>)"
            self.report(
                at,
                f"only the {what} to {recast.detail}; {rest}, and "
                f"`{obs.callee}(...)` at line <line:call> runs both outside autocast "
                "('expected mat1 and mat2 to have the same dtype'): run the forward "
                "under `torch.autocast`, or keep the model in one dtype",
                None,
                related,
            )
