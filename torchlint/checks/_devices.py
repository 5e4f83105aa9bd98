"""Helpers shared by the placement rules (``placement.py``, ``attached_late.py``) and
the tensor-move rules (``moves.py``), no rules here: how a message names a device and
a value, whether a device expression can be written where a fix would put it, and how
a move names the GPU (``names_cuda``, with TL204's report of a model put on CUDA by
name)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import libcst as cst

from torchlint.analysis.gpus import literal_gpu
from torchlint.analysis.names import dotted, root_name
from torchlint.analysis.observations import CallObs
from torchlint.analysis.values import Event, Gpu, Place, Value
from torchlint.rules.rule import Rule


def device_text(event: Event, code: Callable[[cst.CSTNode], str] | None = None) -> str:
    """How a message names where something was moved: the code when it is short."""
    node = event.node
    if code is not None and isinstance(node, cst.Arg) and node.keyword is not None:
        # from_pretrained(..., device_map={"": 0})
        text = f"{node.keyword.value}={code(node.value)}"
        if len(text) <= 40:
            return f"the device of `{text}`"
    if (
        code is not None
        and isinstance(node, cst.Call)
        and len(node.args) == 1
        and (node.args[0].keyword is None or node.args[0].keyword.value == "device")
    ):  # (not the flag of ``x.cuda(non_blocking=True)``)
        text = code(node.args[0].value)
        if len(text) <= 40:
            return f"`{text}`"
    return {"var": "a device variable", "cuda": "cuda", "prepared": "the accelerator"}.get(
        event.detail, event.detail
    )


def usable(expr: cst.BaseExpression | None, bound: Iterable[str]) -> bool:
    """Whether ``expr`` can be written at a line where ``bound`` names exist."""
    if expr is None:
        return False
    if isinstance(expr, (cst.SimpleString, cst.Integer)):
        return True
    if isinstance(expr, cst.Call):  # torch.device("cuda", 0)
        return dotted(expr.func) == "torch.device" and all(
            usable(a.value, bound) for a in expr.args
        )
    if isinstance(expr, (cst.Name, cst.Attribute)):
        root = root_name(expr)
        # (``self`` only in a method: where ``self.`` attributes are bound)
        return root is not None and (
            root in bound or (root == "self" and any(b.startswith("self") for b in bound))
        )
    return False


def written_here(rule: Rule, expr: cst.BaseExpression) -> bool:
    """A fix may write ``expr`` in the function being visited: each name it starts
    from is a parameter or a local of that function, ``self``, or a name the module
    binds at its top level (not one bound only under ``if __name__ == "__main__":``,
    which importing the module does not run: a method of a class used from another
    file would raise ``NameError``)."""
    fn = rule.ctx.function
    if fn is None or isinstance(expr, (cst.SimpleString, cst.Integer)):
        return True
    if isinstance(expr, cst.Call):
        return all(written_here(rule, a.value) for a in expr.args)
    root = root_name(expr) if isinstance(expr, (cst.Name, cst.Attribute)) else None
    if root is None:
        return False
    return root == "self" or fn.binds(root) or root in _top_level_names(rule.ctx.module)


def _top_level_names(module: cst.Module) -> set[str]:
    """The names the module's own top-level statements bind."""
    names: set[str] = set()
    for stmt in module.body:
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            names.add(stmt.name.value)
        elif isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.Assign):
                    names.update(
                        n.target.value for n in small.targets if isinstance(n.target, cst.Name)
                    )
                elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                    names.add(small.target.value)
                elif isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(
                    small.names, cst.ImportStar
                ):
                    for alias in small.names:
                        bound = alias.asname.name if alias.asname is not None else alias.name
                        names.add((dotted(bound) or "").split(".", 1)[0])
    return names


def model_name(callee: str) -> str:
    """The model a call runs: ``model`` of ``model.generate``, ``self.model`` of
    ``self.model.generate``."""
    parts = callee.split(".")
    return ".".join(parts[:2]) if parts[0] == "self" and len(parts) > 1 else parts[0]


def name_of(node: cst.BaseExpression, ctx_code: str) -> str:
    return dotted(node) or ctx_code


def names_cuda(node: cst.CSTNode) -> str | None:
    """How ``node``, the call that put a tensor on the GPU, names it: ``.cuda()``
    (``.cuda(0)``), ``.to("cuda")`` (``"cuda:0"``), or a loader's ``device="cuda"``;
    None for a device variable."""
    if not isinstance(node, cst.Call):
        return None
    for arg in node.args:  # clip.load(name, device="cuda"): a loader told the GPU
        if (
            arg.keyword is not None
            and arg.keyword.value in ("device", "map_location")
            and isinstance(arg.value, cst.SimpleString)
            and literal_gpu(arg.value) == Gpu.CURRENT
            and not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "to")
        ):
            return f"{arg.keyword.value}={arg.value.value}"
    if not isinstance(node.func, cst.Attribute):
        return None
    method = node.func.attr.value
    if method == "cuda":
        index = next((a.value for a in node.args if a.keyword is None), None)
        if index is None or (isinstance(index, cst.Integer) and index.value == "0"):
            return ".cuda()"
        return None
    if method != "to":
        return None
    for arg in node.args:
        keyword = arg.keyword.value if arg.keyword is not None else None
        if keyword not in (None, "device") or not isinstance(arg.value, cst.SimpleString):
            continue
        if literal_gpu(arg.value) == Gpu.CURRENT:  # "cuda", "cuda:0"
            return f".to({arg.value.value})"
    return None


def chosen_cpu(node: cst.CSTNode) -> bool:
    """Whether ``node``, a move to the CPU, goes to a device the code chose
    (``x.to(SETTINGS["device"])``, ``x.to(device)``) rather than to the CPU by name
    (``x.cpu()``, ``x.to("cpu")``, ``x.to(torch.device("cpu"))``: an offload, whose
    result the code must bring back itself)."""
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        return False
    if node.func.attr.value != "to":
        return False
    target = next(
        (a.value for a in node.args if a.keyword is None or a.keyword.value == "device"), None
    )
    if target is None or isinstance(target, cst.SimpleString):
        return False
    if isinstance(target, cst.Call) and dotted(target.func) in ("torch.device", "device"):
        return not (target.args and isinstance(target.args[0].value, cst.SimpleString))
    return True


def cuda_by_name(
    rule: Rule,
    node: cst.Call,
    obs: CallObs,
    arg: cst.Arg,
    events: tuple[Event, Event],
    how: str,
) -> None:
    """The model put on CUDA by name, its input moved to a device the code chose
    that is the CPU (``DEVICE = "cpu"``, a config's): reported at the model's move
    (TL204). ``events``: that move, and the input's move to the CPU."""
    placement, to_cpu = events
    at = rule.once_at(placement.node, node, forward=not rule.ctx.in_this_file(placement.node))
    if at is None:
        return
    code = rule.ctx.code_for
    moved = to_cpu.node
    chosen = (
        next((a.value for a in moved.args if a.keyword is None), None)
        if isinstance(moved, cst.Call) and moved.args
        else None
    )
    device = code(chosen) if chosen is not None else '"cpu"'
    whole = model_name(obs.callee)
    given = arg.value
    if isinstance(given, cst.Call) and isinstance(given.func, cst.Attribute):
        given = given.func.value if given.func.attr.value == "to" else given
    name = name_of(given, code(given))
    rule.report(
        at,
        f"`{whole}` is put on CUDA by name here (`{how}`), but its input `{name}` is "
        f"on `{device}`, the CPU (moved there at line <line:moved>): the call at line <line:call> "
        "fails ('Expected all tensors to be on the same device'; without a GPU this line "
        f"fails first); move the model where its inputs go (`.to({device})`)",
        None,
        {"moved": moved, "call": node},
    )


def moved_back(module: Value) -> Event | None:
    """The move that put ``module`` back on the CPU after it was placed elsewhere
    (``self.vae.to("cpu")`` once the latents are cached, an offload); None when its
    last move is not one."""
    back = module.last("move")
    if back is None or back.detail != Place.CPU:
        return None
    placed = any(e.action in ("move", "place") and e.detail != Place.CPU for e in module.events)
    return back if placed else None
