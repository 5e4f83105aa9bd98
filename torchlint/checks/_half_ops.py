"""TL106's op findings: a float16 tensor given to an op with no CPU float16 kernel
(``torch.cdist``, ``torch.polar``, ``torch.fft.rfft``) in a run that has it on the CPU
(``analysis/half_ops.py``). The op is the line that fails, and the line reported."""

from __future__ import annotations

import libcst as cst

from torchlint.analysis.names import dotted
from torchlint.analysis.torch_api import NO_CPU_HALF_OPS
from torchlint.rules.rule import Rule


def report_ops(rule: Rule, node: cst.Call) -> bool:
    """Reports the first such op at ``node`` (once); whether there was one."""
    ctx = rule.ctx
    for obs in ctx.analysis.flow.cpu_half_ops.all(node):
        at = rule.once_at(obs.node, node)
        if at is None:
            return True
        op = obs.op  # (as torch names it, whatever the import called it)
        name = dotted(obs.expr) or ctx.code_for(obs.expr)
        name = f"`{name}`" if len(name) <= 40 else "its input"
        related: dict[str, cst.CSTNode] = {}
        made = obs.operand.dtype_event()
        dtype = "float16"
        if made is not None and ctx.in_this_file(made.node) and made.node is not obs.expr:
            related["made"], dtype = made.node, "float16 (line <line:made>)"
        if obs.fallback is None:
            where, run = "on the CPU", "every run fails here"
            advice = "compute it in float32 (`.float()`) and cast the result back"
        else:
            related["device"] = obs.fallback
            if obs.fallback in ctx.analysis.flow.cpu_option_moves:
                where = 'on an option whose default is "cpu" (line <line:device>)'
                run = "a run without the flag fails here"
            else:
                where = "on a device that is the CPU when no GPU is there (line <line:device>)"
                run = "a run without a GPU fails here"
            advice = "compute it in float32 (`.float()`), or cast to float16 only on a GPU"
        rule.report(
            at,
            f"`{op}` has no float16 kernel on the CPU, and {name} is {dtype} {where}: "
            f"{run} ('{NO_CPU_HALF_OPS[obs.op]}'); {advice}",
            None,
            related,
        )
        return True
    return False
