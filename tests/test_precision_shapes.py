"""The shapes behind the false findings of the unseen-projects audit (issue #14,
docs/audits.md): version gates and fallbacks, receivers that may not be tensors,
self-written checkpoints, and related locations in source order. The rule book
holds the must-flag / must-not-flag files; these tests pin the analysis answers."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import libcst as cst
import pytest

from torchlint.analysis import analyze
from torchlint.analysis.order import after, precedes, written_before
from torchlint.analysis.receivers import known_tensor
from torchlint.analysis.saves import written_here
from torchlint.lint import engine
from torchlint.lint.traverse import nodes
from torchlint.rules import registry

ROOT = Path(__file__).resolve().parent.parent


def _calls(source: str, name: str) -> tuple[cst.Module, list[cst.Call]]:
    module = cst.parse_module(textwrap.dedent(source))
    found = [c for c in nodes(module, cst.Call) if module.code_for_node(c.func).endswith(name)]
    return module, found


# --- gates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        """
        if version.parse(torch.__version__) < version.parse("2.4"):
            s = torch.cuda.amp.GradScaler()
        """,
        """
        s = torch.amp.GradScaler("cuda") if TORCH_GE_2_4 else torch.cuda.amp.GradScaler()
        """,
        """
        if not hasattr(torch, "amp"):
            s = torch.cuda.amp.GradScaler()
        """,
        """
        try:
            s = torch.amp.GradScaler("cuda")
        except (AttributeError, TypeError):
            s = torch.cuda.amp.GradScaler()
        """,
        """
        def make():
            if is_torch_version(">=", "2.4"):
                return torch.amp.GradScaler("cuda")
            return torch.cuda.amp.GradScaler()
        """,
    ],
)
def test_the_old_branch_of_a_gate_is_gated(source: str) -> None:
    module, calls = _calls("import torch\n" + textwrap.dedent(source), "cuda.amp.GradScaler")
    analysis = analyze(module)
    assert calls and all(analysis.gates.of(c) is not None for c in calls)


def test_code_outside_gates_is_not_gated() -> None:
    source = """
    import torch
    if torch.cuda.is_available():
        s = torch.cuda.amp.GradScaler()
    try:
        s = torch.cuda.amp.GradScaler()
    except ValueError:
        pass
    """
    module, calls = _calls(source, "cuda.amp.GradScaler")
    analysis = analyze(module)
    assert len(calls) == 2 and all(analysis.gates.of(c) is None for c in calls)


def test_a_name_imported_in_a_fallback_is_gated() -> None:
    source = """
    try:
        from torch.amp import GradScaler
    except ImportError:
        from torch.cuda.amp import GradScaler
    s = GradScaler()
    """
    module, calls = _calls(source, "GradScaler")
    assert analyze(module).gates.covers(calls[0]) is not None


def test_a_default_device_is_found() -> None:
    module = cst.parse_module("import torch\ntorch.set_default_device(device)\n")
    assert analyze(module).default_device is not None
    module = cst.parse_module("import torch\ntorch.set_default_device('cpu')\n")
    assert analyze(module).default_device is None
    module = cst.parse_module(
        "import torch as th\ndef f():\n    with th.device('cuda'):\n        pass\n"
    )
    assert analyze(module).default_device is not None
    module = cst.parse_module("import torch\nwith torch.no_grad():\n    x = torch.zeros(3)\n")
    assert analyze(module).default_device is None


# --- receivers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "tensor"),
    [
        ("torch.rand(3) < p", True),
        ("torch.logical_not(torch.isnan(a))", True),
        ("x.detach()", True),
        ("mask", True),  # mask = torch.rand(...) below
        ("(mask < p).type(torch.FloatTensor)", True),
        ("batch", False),  # a parameter: a BatchEncoding, a box container...
        ("boxes.tensor", False),
        ("model", False),
        ("torch.load(path)", False),
        ("outputs[0]", False),
        ("typed", True),  # typed: torch.Tensor
    ],
)
def test_known_tensor(expr: str, tensor: bool) -> None:
    source = f"import torch\ndef f(batch, boxes, model, path, outputs, p, typed: torch.Tensor):\n    mask = torch.rand(3)\n    return {expr}\n"
    module = cst.parse_module(source)
    analysis = analyze(module)
    fn = next(iter(analysis.functions.values()))
    ret = next(nodes(module, cst.Return))
    assert ret.value is not None
    assert known_tensor(ret.value, analysis, fn) is tensor


@pytest.mark.parametrize("code", ["TL101", "TL102", "TL103", "TL501"])
def test_a_safe_fix_needs_a_known_tensor(code: str) -> None:
    """A foreign receiver (a class with its own .type()/.numpy()) gets no safe fix."""
    source = textwrap.dedent(
        """
        import torch

        def f(batch, model):
            model.to("cuda")
            a = model(batch.type(torch.float16))
            b = batch.type(torch.FloatTensor)
            c = batch.type(torch.float16)
            moved = batch.cuda()
            d = moved.numpy()
            return a, b, c, d
        """
    )
    got = engine.lint_text("x.py", source, frozenset({code}))
    assert got.findings, code
    assert all(f.fix is None or f.fix.applicability.value != "safe" for f in got.findings)


# --- self-written checkpoints ----------------------------------------------------


@pytest.mark.parametrize(
    ("source", "written"),
    [
        ("def t(tmp_path):\n    return torch.load(tmp_path / 'm.pt')\n", True),
        (
            "def t(out):\n    torch.save(s, out / 'm.pt')\n    return torch.load(out / 'm.pt')\n",
            True,
        ),
        ("def t(src, dst):\n    torch.save(s, dst)\n    return torch.load(src)\n", False),
        ("def t(path):\n    return torch.load(path)\n", False),
        (
            "class S:\n"
            "    def save(self, path):\n        torch.save(self.state, path)\n"
            "    def load(self, path):\n        return torch.load(path)\n",
            True,
        ),
        (
            "class S:\n    def load(self, path):\n        return torch.load(path)\n",
            False,
        ),
        (  # GPU weights saved by rank 0 and restored on every rank: not exempt
            "class S:\n"
            "    def save(self, path):\n        torch.save(self.model.state_dict(), path)\n"
            "    def load(self, path):\n        return torch.load(path)\n",
            False,
        ),
        (
            "class S:\n"
            "    def save(self, path):\n"
            "        torch.save({k: v.cpu() for k, v in self.model.state_dict().items()}, path)\n"
            "    def load(self, path):\n        return torch.load(path)\n",
            True,
        ),
    ],
)
def test_written_here(source: str, written: bool) -> None:
    module, calls = _calls("import torch\n" + source, "load")
    analysis = analyze(module)
    call = calls[0]
    fn = next(
        f for f in analysis.functions.values() if any(c is call for c in nodes(f.node, cst.Call))
    )
    assert (written_here(call, analysis, fn, fn.cls) is not None) is written


# --- related locations in order --------------------------------------------------


def test_order_helpers() -> None:
    module = cst.parse_module("a = 1\nb = a\nc = b + a\n")
    names = [n for n in nodes(module, cst.Name)]
    a_target, a_use1 = names[0], names[2]
    assert precedes(a_target, a_use1, module) is True
    assert precedes(a_use1, a_target, module) is False
    assert after(a_use1, [names[0], names[-1]], module) == [names[-1]]
    statement = module.body[2]
    inner = next(nodes(statement, cst.BinaryOperation))
    assert not written_before(statement, inner, module)  # contains it
    assert written_before(module.body[0], inner, module)


LOOP = """
import torch
from torch import nn


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.cell = nn.GRUCell(8, 8)

    def forward(self, x, steps):
        outputs = []
        for t in range(steps):
            if t > 0:
                outputs.append(self.cell(x[:, t], hidden))
            hidden = torch.zeros(x.shape[0], 8)
        return outputs
"""

_LINE = re.compile(r"(?:meets|meet|used)\b[^.;]*? at line (\d+)")


def test_a_loop_use_above_is_never_the_related_line() -> None:
    got = engine.lint_text("x.py", LOOP, frozenset({"TL401", "TL204"}))
    for finding in got.findings:
        for n in _LINE.findall(finding.message):
            assert int(n) >= finding.line, finding.message


def test_rule_book_meetings_point_forward() -> None:
    """Every "meets ... at line N" of the rule book's bad files is at or below the
    finding it explains."""
    for path in sorted((ROOT / "rules").glob("TL*/bad*.py")):
        code = path.parent.name.split("-")[0]
        assert registry.get(code) is not None
        got = engine.lint_text(str(path), path.read_text(), frozenset({code}))
        for finding in got.findings:
            for n in _LINE.findall(finding.message):
                assert int(n) >= finding.line, f"{path}:{finding.line}: {finding.message}"
