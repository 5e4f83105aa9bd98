"""The analysis layer on its own: what it records and how names resolve."""

from __future__ import annotations

import libcst as cst
import pytest

from torchlint.analysis import analyze, device_in_scope, dtype_expr, legacy_type, torch_dtype


def _analysis(src: str):  # type: ignore[no-untyped-def]
    module = cst.parse_module(src)
    return module, analyze(module)


def _expr(src: str) -> cst.BaseExpression:
    return cst.parse_expression(src)


@pytest.mark.parametrize(
    "imports, expr, qualified",
    [
        ("import torch", "torch.float16", "torch.float16"),
        ("import torch as th", "th.cuda.HalfTensor", "torch.cuda.HalfTensor"),
        ("import torch.nn as nn", "nn.Linear", "torch.nn.Linear"),
        ("import torch.nn", "torch.nn.Linear", "torch.nn.Linear"),
        ("from torch import nn", "nn.Module", "torch.nn.Module"),
        ("from torch import float16 as f16", "f16", "torch.float16"),
        ("from peft import get_peft_model as gpm", "gpm", "peft.get_peft_model"),
        ("from . import torch", "torch.float16", None),  # relative: not torch
        ("import torch", "model.half", None),  # a local, not an import
    ],
)
def test_import_aliases(imports: str, expr: str, qualified: str | None) -> None:
    _, a = _analysis(imports + "\n")
    assert a.qualify(_expr(expr)) == qualified


def test_torch_dtypes_and_legacy_types() -> None:
    _, a = _analysis("import torch as th\nfrom torch import bfloat16\n")
    assert torch_dtype(_expr("th.half"), a) == "float16"
    assert torch_dtype(_expr("bfloat16"), a) == "bfloat16"
    assert torch_dtype(_expr("np.float16"), a) is None
    legacy = legacy_type(_expr("th.cuda.HalfTensor"), a)
    assert legacy is not None and (legacy.device, legacy.dtype) == ("cuda", "float16")
    legacy = legacy_type(_expr("'torch.LongTensor'"), a)
    assert legacy is not None and (legacy.device, legacy.dtype) == ("cpu", "int64")
    assert legacy_type(_expr("'half'"), a) is None


SRC = """
import torch
from torch import nn

class Base(nn.Module):
    pass

class Tower(Base):
    def __init__(self):
        super().__init__()
        self.device = torch.device("cuda")
        self.proj = nn.Linear(2, 2)

    def forward(self, x, scale):
        dtype = self.proj.weight.dtype
        half = torch.float16
        other = 1
        other = 2
        return x

def free(x, device, dtype):
    return x
"""


def test_functions_classes_and_assignments() -> None:
    _, a = _analysis(SRC)
    classes = {c.name: c for c in a.classes.values()}
    assert classes["Base"].is_module and classes["Tower"].is_module  # through Base
    assert set(classes["Tower"].self_attrs) == {"device", "proj"}
    assert classes["Tower"].methods == {"__init__", "forward"}
    fns = {f.node.name.value: f for f in a.functions.values()}
    fwd = fns["forward"]
    assert fwd.cls is classes["Tower"]
    assert fwd.params == ["self", "x", "scale"]
    assert fwd.single_value("dtype") is not None
    assert fwd.single_value("other") is None  # assigned twice: unknown
    assert fns["free"].cls is None and fns["free"].binds("device")

    d = dtype_expr(cst.Name("dtype"), a, fwd)
    assert d is not None and d.certain
    assert d.owner is not None and cst.Module([]).code_for_node(d.owner) == "self.proj.weight"
    device = device_in_scope(a, fwd, d)
    assert device is not None and cst.Module([]).code_for_node(device) == "self.proj.weight.device"
    assert dtype_expr(cst.Name("half"), a, fwd).certain  # type: ignore[union-attr]
    assert dtype_expr(cst.Name("scale"), a, fwd) is None

    free_dtype = dtype_expr(cst.Name("dtype"), a, fns["free"])
    assert free_dtype is not None and not free_dtype.certain  # a name, nothing more
    device = device_in_scope(a, fns["free"], free_dtype)
    assert device is not None and cst.Module([]).code_for_node(device) == "device"
    # self.device exists on Tower: used when no other device is known.
    device = device_in_scope(a, fwd, None)
    assert device is not None and cst.Module([]).code_for_node(device) == "self.device"


def test_assignments_in_every_kind_of_block_are_seen() -> None:
    src = """
def f(a):
    if a:
        x1 = 1
    elif a > 1:
        x2 = 2
    else:
        x3 = 3
    for i in a:
        x4 = 4
    else:
        x5 = 5
    while a:
        x6 = 6
    try:
        x7 = 7
    except ValueError:
        x8 = 8
    finally:
        x9 = 9
    with a:
        import torch as x10
    match a:
        case 1:
            x11 = 11
"""
    _, a = _analysis(src)
    (fn,) = a.functions.values()
    assert set(fn.assignments) == {f"x{i}" for i in range(1, 12) if i != 10}
    assert a.imports.names["x10"] == "torch"


@pytest.mark.parametrize(
    ("source", "sets"),
    [
        ("import torch\ntorch.cuda.set_device(rank)\n", True),
        ("import torch as th\nwith th.cuda.device(1):\n    pass\n", True),
        ('import os\nos.environ["CUDA_VISIBLE_DEVICES"] = "1"\n', True),
        ("from accelerate import Accelerator\n", True),
        ("import lightning.pytorch as pl\n", True),
        # torch.device(...) says where one tensor goes, not which GPU is current
        ('import torch\nwith torch.device("cuda:1"):\n    pass\n', False),
        ('import os\nos.environ["TOKENIZERS_PARALLELISM"] = "false"\n', False),
        ("import torch\nx = torch.zeros(1).cuda()\n", False),
    ],
)
def test_what_sets_the_current_gpu(source: str, sets: bool) -> None:
    """TL208 trusts `.cuda()` to mean the chosen GPU in a file that sets the current
    one, or runs under a library that starts a process per GPU."""
    assert (analyze(cst.parse_module(source)).current_gpu is not None) is sets
