"""Which branch of a test the GPU run of a script takes. A device or dtype crash
happens in the run on a GPU, so the flow analysis follows that run through
``if torch.cuda.is_available():`` and its kin instead of merging both branches into
"maybe"; the other branch is the run without a GPU (TL106 reads it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst

from torchlint.analysis.names import dotted, string_value
from torchlint.analysis.values import (
    DTYPE_NAME,
    FALLS_BACK,
    MAYBE_DTYPE,
    NUMPY_DTYPE,
    UNKNOWN,
    Kind,
    Place,
    Value,
    is_none,
    text_of,
)
from torchlint.lint.traverse import nodes


def gpu_run_branch(
    test: cst.BaseExpression,
    qualify: Callable[[cst.BaseExpression], str | None],
    flag: Callable[[cst.BaseExpression], str | None] | None = None,
) -> str | None:
    """ "body" for ``torch.cuda.is_available()``, ``x.is_cuda``, ``device.type ==
    "cuda"``, ``"cuda" in device`` and ``__name__ == "__main__"`` (a script runs its main block), also joined
    by ``and`` to other conditions; "orelse" for their negation or ``device.type ==
    "cpu"``, also joined by ``or``; None for anything else (both merge).
    ``qualify`` gives a name's qualified name (``th.cuda.is_available`` ->
    ``torch.cuda.is_available``). ``flag`` gives the branch of a name that holds such
    a test's result (``use_cuda = torch.cuda.is_available()``; ``if use_cuda:``)."""
    if flag is not None and (type(test) is cst.Name or type(test) is cst.Attribute):
        flagged = flag(test)
        if flagged is not None or type(test) is cst.Name:
            return flagged
    if type(test) is cst.UnaryOperation and isinstance(test.operator, cst.Not):
        inner = gpu_run_branch(test.expression, qualify, flag)
        return {"body": "orelse", "orelse": "body"}.get(inner or "")
    if type(test) is cst.BooleanOperation:
        # ``args.cuda and torch.cuda.is_available()``: the GPU run is the one whose
        # options ask for the GPU too; ``args.cpu or not torch.cuda.is_available()``:
        # it takes none of the ways to the CPU.
        branches = (
            gpu_run_branch(test.left, qualify, flag),
            gpu_run_branch(test.right, qualify, flag),
        )
        if isinstance(test.operator, cst.And) and "orelse" in branches:
            return "orelse"  # (false in the GPU run, whatever the other side is)
        if isinstance(test.operator, cst.Or) and "body" in branches:
            return "body"  # ``args.half or device.type == "cuda"``: true in the GPU run
        if isinstance(test.operator, cst.And) and "body" in branches:
            return "body"
        if isinstance(test.operator, cst.Or) and "orelse" in branches:
            return "orelse"
        return None
    if type(test) is cst.Call:
        return "body" if qualify(test.func) == "torch.cuda.is_available" else None
    if type(test) is cst.Attribute and test.attr.value == "is_cuda":
        return "body"
    if type(test) is cst.Comparison and len(test.comparisons) == 1:
        target = test.comparisons[0]
        op = target.operator
        if isinstance(op, (cst.In, cst.NotIn)):
            # ``"cuda" in device`` (``str(device)``, ``args.device``): the GPU run's
            # device names the GPU
            if not (
                isinstance(test.left, cst.SimpleString)
                and test.left.evaluated_value == "cuda"
                and dotted(_unwrapped_str(target.comparator)) is not None
            ):
                return None
            return "body" if isinstance(op, cst.In) else "orelse"
        counted = _any_gpu(test.left, op, target.comparator, qualify)
        if counted is not None:
            return counted
        if not isinstance(op, (cst.Equal, cst.NotEqual)):
            return None
        sides = (test.left, target.comparator)
        words = {s.evaluated_value for s in sides if isinstance(s, cst.SimpleString)}
        names = {dotted(s) for s in sides} - {None}
        if "__main__" in words and "__name__" in names:
            branch = "body"
        elif any(n is not None and n.endswith(".type") for n in names) and words & {
            "cuda",
            "cpu",
        }:
            branch = "body" if "cuda" in words else "orelse"
        elif words == {"cpu"} and len(names) == 1:
            # ``args.device != "cpu"``: whatever is compared with "cpu" names a device,
            # and the GPU run's is not the CPU
            branch = "orelse"
        elif words == {"cuda"} and len(names) == 1:
            branch = "body"  # ``device == "cuda"``: the GPU run's device is the GPU
        else:
            return None
        if isinstance(op, cst.NotEqual):
            branch = "orelse" if branch == "body" else "body"
        return branch
    return None


def _any_gpu(
    left: cst.BaseExpression,
    op: cst.BaseCompOp,
    right: cst.BaseExpression,
    qualify: Callable[[cst.BaseExpression], str | None],
) -> str | None:
    """``torch.cuda.device_count() > 0`` (``>= 1``, ``!= 0``): true exactly where
    ``torch.cuda.is_available()`` is, "body"; ``== 0`` (``< 1``), "orelse". A count
    compared with another number (``> 1``: several GPUs) is None."""
    if not (
        type(left) is cst.Call
        and not left.args
        and qualify(left.func) == "torch.cuda.device_count"
        and type(right) is cst.Integer
    ):
        return None
    n = int(right.value)
    if (n, type(op)) in ((0, cst.GreaterThan), (1, cst.GreaterThanEqual), (0, cst.NotEqual)):
        return "body"
    if (n, type(op)) in ((0, cst.Equal), (1, cst.LessThan), (0, cst.LessThanEqual)):
        return "orelse"
    return None


def text_test(test: cst.Comparison, lookup: Callable[[str], Value | None]) -> bool | None:
    """``device == "cpu"`` (also ``device.lower()``, ``!=``) where ``device`` holds
    a string the code wrote (a caller's argument, a default, ``CFG["device"]``).
    ``"cuda" if torch.cuda.is_available() else "cpu"`` is not: which run it is, is
    ``gpu_run_branch``'s question (both runs are walked)."""
    target = test.comparisons[0]
    left: cst.BaseExpression = test.left
    lower = False
    if isinstance(left, cst.Call) and isinstance(left.func, cst.Attribute) and not left.args:
        method = left.func.attr.value
        if method not in ("lower", "strip"):
            return None
        left, lower = left.func.value, method == "lower"
    name = dotted(left)
    held = lookup(name) if name is not None else None
    text = text_of(held) if held is None or held.origin != FALLS_BACK else None
    if not (
        text is not None
        and isinstance(target.comparator, cst.SimpleString)
        and isinstance(target.operator, (cst.Equal, cst.NotEqual))
    ):
        return None
    same = (text.lower() if lower else text) == target.comparator.evaluated_value
    return same if isinstance(target.operator, cst.Equal) else not same


def option_branch(
    test: cst.BaseExpression, body: cst.CSTNode, orelse: cst.CSTNode | None
) -> str | None:
    """``if args.cuda: model = model.cuda()`` (``use_gpu``, ``args.gpu is not None``,
    ``args.cuda_device >= 0``, ``not args.cpu``): an option the run is started with,
    whose one branch puts something on a GPU by name (``.cuda()``, ``.to("cuda")``)
    and whose other does not: that branch is the GPU run's, as for
    ``torch.cuda.is_available()``. None where the test reads more than options, or
    both branches (or neither) go to the GPU."""
    if not _option_test(test):
        return None
    gpu_body = _puts_on_gpu(body)
    gpu_orelse = orelse is not None and _puts_on_gpu(orelse)
    if gpu_body == gpu_orelse:
        return None
    return "body" if gpu_body else "orelse"


def _option_test(test: cst.BaseExpression) -> bool:
    """A test of names and constants only: ``args.cuda``, ``not self.cpu``,
    ``args.gpu is not None``, ``opt.gpu_ids[0] >= 0``, joined by ``and``/``or``."""
    if type(test) is cst.UnaryOperation:
        return isinstance(test.operator, cst.Not) and _option_test(test.expression)
    if type(test) is cst.BooleanOperation:
        return _option_test(test.left) and _option_test(test.right)
    if type(test) is cst.Comparison:
        return _option(test.left) and all(
            _option(c.comparator) or _constant(c.comparator) for c in test.comparisons
        )
    return _option(test)


def _option(node: cst.BaseExpression) -> bool:
    if type(node) is cst.Subscript:
        return _option(node.value) and all(
            isinstance(s.slice, cst.Index) and type(s.slice.value) is cst.Integer
            for s in node.slice
        )
    return (type(node) is cst.Name or type(node) is cst.Attribute) and dotted(node) is not None


def _constant(node: cst.BaseExpression) -> bool:
    if type(node) is cst.UnaryOperation:
        return _constant(node.expression)
    if type(node) is cst.Name:
        return node.value in ("None", "True", "False")
    return type(node) in (cst.Integer, cst.SimpleString)


def _puts_on_gpu(tree: cst.CSTNode) -> bool:
    """A call in ``tree`` that moves to a GPU by name: ``x.cuda(...)``,
    ``x.to("cuda:0")``, ``x.to(device=torch.device("cuda"))``."""
    for call in nodes(tree, cst.Call):
        func = call.func
        if type(func) is not cst.Attribute:
            continue
        if func.attr.value == "cuda" and dotted(func) != "torch.cuda":
            return True
        if func.attr.value == "to" and any(_names_gpu(a.value) for a in call.args):
            return True
    return False


def _names_gpu(node: cst.BaseExpression) -> bool:
    if type(node) is cst.SimpleString:
        text = string_value(node)
        return isinstance(text, str) and text.split(":", 1)[0] == "cuda"
    if type(node) is cst.Call and dotted(node.func) in ("torch.device", "device"):
        return bool(node.args) and _names_gpu(node.args[0].value)
    return False


def _unwrapped_str(node: cst.BaseExpression) -> cst.BaseExpression:
    """``x`` of ``str(x)``."""
    if (
        type(node) is cst.Call
        and type(node.func) is cst.Name
        and node.func.value == "str"
        and len(node.args) == 1
    ):
        return node.args[0].value
    return node


def dtype_test(test: cst.Comparison, value: Callable[[cst.BaseExpression], Value]) -> bool | None:
    """``self.dtype == torch.float16`` (also ``!=``, ``is``) where ``value`` (the walk)
    knows both dtypes: a flag computed from a dtype decides like the dtype does."""
    target = test.comparisons[0]
    if not isinstance(target.operator, (cst.Equal, cst.NotEqual, cst.Is, cst.IsNot)):
        return None
    dtypes = []
    for side in (test.left, target.comparator):
        if type(side) is not cst.Name and type(side) is not cst.Attribute:
            return None  # (read without calling anything)
        known = value(side)
        if known.kind != Kind.DTYPE or known.dtype in (None, MAYBE_DTYPE):
            return None
        if known.origin in (DTYPE_NAME, NUMPY_DTYPE):
            # ("float16" == torch.float16 is False: a name is no dtype, nor is numpy's)
            return None
        dtypes.append(known.dtype)
    same = dtypes[0] == dtypes[1]
    return same if isinstance(target.operator, (cst.Equal, cst.Is)) else not same


def followed_tensor(test: cst.BaseExpression) -> cst.BaseExpression | None:
    """The tensor whose device ``if test:`` asks about: ``x`` of ``x.is_cuda`` or
    ``x.device.type == "cuda"`` (also joined by ``and``); the tests of this kind
    ``gpu_run_branch`` reads as the GPU run's."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return followed_tensor(test.left) or followed_tensor(test.right)
    if isinstance(test, cst.Attribute) and test.attr.value == "is_cuda":
        return test.value
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        if not isinstance(target.operator, cst.Equal):
            return None
        sides = (test.left, target.comparator)
        words = {s.evaluated_value for s in sides if isinstance(s, cst.SimpleString)}
        if "cuda" not in words:
            return None
        for side in sides:
            if (
                isinstance(side, cst.Attribute)
                and side.attr.value == "type"
                and isinstance(side.value, cst.Attribute)
                and side.value.attr.value == "device"
            ):
                return side.value.value
    return None


def is_main_guard(test: cst.BaseExpression) -> bool:
    """``__name__ == "__main__"``: which run the script is, not where it runs."""
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1):
        return False
    sides = (test.left, test.comparisons[0].comparator)
    words = {s.evaluated_value for s in sides if isinstance(s, cst.SimpleString)}
    return "__main__" in words and "__name__" in {dotted(s) for s in sides}


# The origin of the value a name gets from a GPU test: ``use_cuda = torch.cuda.
# is_available()`` (the GPU run's branch after the colon).
GPU_TEST = "gpu-test:"


def filled_default(stmt: cst.If, before: dict[str, Value]) -> str | None:
    """``x`` of ``if x is None: x = ...`` (no ``else``) when nothing is known of ``x``
    before: a parameter defaulting to None, filled in."""
    test = stmt.test
    if (
        stmt.orelse is None
        and isinstance(test, cst.Comparison)
        and len(test.comparisons) == 1
        and isinstance(test.comparisons[0].operator, cst.Is)
        and isinstance(test.comparisons[0].comparator, cst.Name)
        and test.comparisons[0].comparator.value == "None"
    ):
        name = dotted(test.left)
        if name is not None and before.get(name, UNKNOWN).kind is None:
            return name
    return None


def grows_cache(stmt: cst.If) -> bool:
    """``if n > self.max_len:`` (``or w > self.size[1]``; no ``else``) whose body sets
    ``self.max_len`` again: a cache rebuilt only when it is too small."""
    if stmt.orelse is not None:
        return False
    compared: set[str] = set()
    tests = [stmt.test]
    while tests:
        test = tests.pop()
        if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.Or):
            tests += [test.left, test.right]
        elif isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            op = test.comparisons[0].operator
            side = (
                test.comparisons[0].comparator
                if isinstance(op, (cst.GreaterThan, cst.GreaterThanEqual))
                else test.left
                if isinstance(op, (cst.LessThan, cst.LessThanEqual))
                else None
            )
            if isinstance(side, cst.Subscript):
                side = side.value  # self.max_size[0], self.cos.shape[0]
            if isinstance(side, cst.Attribute) and side.attr.value == "shape":
                side = side.value
            elif isinstance(side, cst.Call) and isinstance(side.func, cst.Attribute):
                side = side.func.value if side.func.attr.value == "size" else None
            elif isinstance(side, cst.Call) and dotted(side.func) == "len" and side.args:
                side = side.args[0].value  # len(self.cache)
            name = dotted(side) if side is not None else None
            if name is None or not name.startswith("self."):
                return False
            compared.add(name)
        else:
            return False
    assigned = {
        dotted(target)
        for line in stmt.body.body
        if isinstance(line, cst.SimpleStatementLine)
        for small in line.body
        if isinstance(small, cst.Assign)
        for t in small.targets
        # (self.cos, self.sin = build(n): each)
        for target in (
            [e.value for e in t.target.elements]
            if isinstance(t.target, (cst.Tuple, cst.List))
            else [t.target]
        )
    }
    return bool(compared) and compared <= assigned


def first_built(before: dict[str, Value], after: dict[str, Value]) -> dict[str, Value]:
    """The ``self.`` tensors a cache-growing body (``grows_cache``) builds where there
    was none before it (``self.cos = self.sin = None`` in ``__init__``), or rebuilds
    on the CPU where the cache was elsewhere (``self.cos, self.sin = build(n)`` with a
    builder's ``device=None``: the run long enough to grow it crashes)."""
    return {
        k: v
        for k, v in after.items()
        if k.startswith("self.")
        and v.kind == Kind.TENSOR
        and (
            k not in before
            or is_none(before[k])
            or (
                v.device == Place.CPU
                and before[k].kind in (Kind.TENSOR, Kind.MOVED)
                and before[k].device not in (None, Place.CPU)
            )
        )
    }


def leaves(body: Sequence[cst.CSTNode]) -> bool:
    """The block ends in a ``return`` (or a ``raise``): the run that takes it leaves."""
    last = body[-1] if body else None
    if isinstance(last, cst.SimpleStatementLine):
        last = last.body[-1]
    return isinstance(last, (cst.Return, cst.Raise))
