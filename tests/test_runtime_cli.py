"""`torchlint run` and `torchlint --confirm`: the runtime check from the command line,
and the rule book's runnable companions (rules/<folder>/runtime_*.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import invoke
from rulebook import NAMED_LINE, RULES_DIR, Expect, expected

from torchlint import docs

pytest.importorskip("torch", reason="the runtime check needs torch (pip install torch)")


ROOT = Path(__file__).resolve().parent.parent
COMPANIONS = sorted(p.parent for p in RULES_DIR.glob("*/runtime_bad.py"))
# runtime.md says why no run can confirm the rule; with neither it nor the companions,
# the rule's page says it is not confirmable at run time.
NO_RUN_CAN_CONFIRM = sorted(
    d for d in RULES_DIR.glob("TL*-*") if d.is_dir() and not (d / "runtime_bad.py").is_file()
)


def test_every_rule_folder_has_both_companions_or_none() -> None:
    """Issues #5 and #18: a rule-book folder has runnable companions (both scripts), or
    a non-empty runtime.md saying why its bad case cannot be confirmed, or neither (its
    page then says "not confirmable at run time", with what the rule's docs say is
    wrong); never one script alone, never a runtime.md beside the scripts."""
    folders = [d for d in sorted(RULES_DIR.iterdir()) if d.is_dir() and d.name.startswith("TL")]
    assert folders
    for folder in folders:
        scripts = [(folder / n).is_file() for n in ("runtime_bad.py", "runtime_good.py")]
        assert all(scripts) or not any(scripts), (
            f"{folder}: write both runtime_bad.py and runtime_good.py"
        )
        why = folder / "runtime.md"
        if why.is_file():
            assert why.read_text().strip(), f"{why} is empty"
            assert not any(scripts), f"{folder} has runtime.md and runtime_*.py"


@pytest.mark.parametrize("folder", COMPANIONS, ids=lambda p: p.name)
def test_companion_bad_is_confirmed_and_good_runs_clean(folder: Path, tmp_path: Path) -> None:
    code = folder.name.split("-", 1)[0]
    bad, good = folder / "runtime_bad.py", folder / "runtime_good.py"
    count = docs.simulated_devices(bad.read_text())
    devices = ["--devices", str(count)] if count else []
    result = invoke("--isolated", "--no-cache", "--select", code, *devices, "--confirm", str(bad))
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stdout.splitlines() if line]
    want = [str(e) for e in expected(bad.read_text())]
    got = []
    for line in lines:  # path:line:col: CODE message [confirmed]
        _, row, col, text = line.split(":", 3)
        code, message = text.split(" ", 2)[1:]
        named = tuple(int(n) for n in NAMED_LINE.findall(message))
        got.append(str(Expect(int(row), code, int(col), named)))
    assert got == want, result.stdout
    assert all(line.endswith("[confirmed]") for line in lines), result.stdout

    result = invoke("--isolated", "--no-cache", "--select", code, *devices, "--confirm", str(good))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "" or "TL" not in result.stdout, result.stdout

    # The same findings, confirmed by a run of another script that never executes
    # runtime_bad.py: not reached.
    other = tmp_path / "other.py"
    other.write_text("print('another script')\n")
    args = ["--isolated", "--no-cache", "--select", code, "--confirm", str(other), str(bad)]
    result = invoke(*args)
    lines = [line for line in result.stdout.splitlines() if line]
    assert len(lines) == len(want), result.stdout
    assert all(line.endswith("[not reached]") for line in lines), result.stdout


@pytest.mark.parametrize("folder", NO_RUN_CAN_CONFIRM, ids=lambda p: p.name)
def test_rules_no_run_can_confirm_say_so(folder: Path, tmp_path: Path) -> None:
    """A rule without runnable companions (its runtime.md says why no run can confirm
    it, or its page says it is not confirmable): its rule-book findings come out [not
    confirmable], whatever the run does."""
    code = folder.name.split("-", 1)[0]
    script = tmp_path / "run.py"
    script.write_text("pass\n")
    bad = sorted(folder.glob("bad*.py"))
    result = invoke(
        "--isolated", "--no-cache", "--select", code, "--confirm", str(script), *map(str, bad)
    )
    lines = [line for line in result.stdout.splitlines() if line]
    assert lines and result.exit_code == 1, result.output
    assert all(line.endswith("[not confirmable]") for line in lines), result.stdout


EARLY_STOP = """\
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 2)
        self.scale = torch.ones(2)

    def forward(self, x):
        return self.fc(x) * self.scale


def train(model, batches, device):
    scaler = torch.cuda.amp.GradScaler()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for x, y in batches:
        x, y = x.cuda(), y.to(device)
        loss = nn.functional.cross_entropy(model(x), y)
        scaler.scale(loss).backward()
        scaler.step(opt)
        scaler.update()


def evaluate(model, path):
    model.load_state_dict(torch.load(path))
    return model(torch.randn(4, 8)).argmax(-1)


if __name__ == "__main__":
    device = torch.device("cuda")
    model = Net().to(device)
    train(model, [(torch.randn(4, 8), torch.randint(0, 2, (4,)))], device)
    print(evaluate(model, "model.pt"))
"""


@pytest.mark.filterwarnings("ignore:.*torch.cuda.amp.GradScaler:FutureWarning")
def test_confirm_on_a_script_that_stops_early(tmp_path: Path) -> None:
    """Issue #15: the run stops in the first forward (line 12). Only what it reached
    is confirmed; the line it ran through without a mismatch is not confirmed; the
    evaluation it never reached, and the rules no run can show, say so."""
    script = tmp_path / "train.py"
    script.write_text(EARLY_STOP)
    args = ["--isolated", "--no-cache", "--select", "TL", "--confirm", str(script)]
    result = invoke(*args)
    assert result.exit_code == 1, result.output
    got = [
        (int(line.split(":")[1]), line.split(": ", 1)[1].split(" ", 1)[0], line.rsplit("[", 1)[1])
        for line in result.stdout.splitlines()
    ]
    assert got == [
        (9, "TL301", "confirmed]"),  # the attribute the record's story names
        (9, "TL204", "confirmed]"),
        (16, "TL601", "not confirmable]"),  # a deprecation
        (19, "TL403", "not confirmed]"),  # `.cuda()` ran, and nothing failed there
        (27, "TL502", "not confirmable]"),  # fails only on machines without a GPU
        (27, "TL503", "not confirmable]"),  # security
        (28, "TL204", "not reached]"),  # evaluate() never ran
    ]
    assert "the script stopped at" not in result.stdout

    result = invoke(*args[:-2], "--format", "json", "--confirm", str(script))
    data = json.loads(result.stdout)
    assert [(f["line"], f["code"], f["confirmation"]) for f in data] == [
        (line, code, status.rstrip("]")) for line, code, status in got
    ]
    assert not any("[" in f["message"] for f in data)


def test_confirm_prints_each_record_once_and_takes_devices(tmp_path: Path) -> None:
    """A record that confirms a finding is not printed again; --devices 2 simulates
    the two GPUs on which DataParallel fails with a model left on the CPU."""
    script = tmp_path / "dp.py"
    script.write_text(
        "import torch\n"
        "from torch import nn\n"
        "model = nn.Linear(4, 2)\n"
        "x = torch.randn(8, 4).cuda()\n"
        "model = nn.DataParallel(model)\n"
        "print(model(x).shape)\n"
    )
    base = ["--isolated", "--no-cache", "--select", "TL203"]
    result = invoke(*base, "--confirm", str(script))
    assert result.exit_code == 1
    # One GPU: DataParallel moves the module itself, and the run goes through.
    [line] = result.stdout.splitlines()
    assert line.startswith(f"{script}:5:9: TL203 ") and line.endswith("[not confirmed]")
    result = invoke(*base, "--devices", "2", "--confirm", str(script))
    [line] = result.stdout.splitlines()
    assert line.startswith(f"{script}:5:9: TL203 ") and line.endswith("[confirmed]")
    assert "TLR001" not in result.output
    result = invoke(*base, "--devices", "2", str(script))
    assert result.exit_code == 2 and "--devices goes with --confirm" in result.output


def test_run_reports_flake8_style_and_exits_1(tmp_path: Path) -> None:
    script = tmp_path / "train.py"
    script.write_text(
        "import sys\n"
        "import torch\n"
        "model = torch.nn.Linear(2, 2).cuda()\n"
        "assert sys.argv[1:] == ['--epochs', '1']\n"
        "model(torch.ones(1, 2))\n"
    )
    result = invoke("run", "--simulate-cuda", str(script), "--epochs", "1")
    assert result.exit_code == 1, result.output
    [line] = result.stdout.splitlines()
    assert line.startswith(f"{script}:5:1: TLR001 device mismatch in Linear")
    assert "cuda:0 and cpu! (simulated)" in line
    assert "reported above" in result.stderr


def test_run_json(tmp_path: Path) -> None:
    script = tmp_path / "s.py"
    script.write_text("import torch\nx = torch.ones(2, device='cuda').half()\nx.numpy()\n")
    result = invoke("run", "--simulate-cuda", "--json", str(script), tracebacks=True)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    [record] = data["records"]
    assert record["code"] == "TLR001" and record["op"] == "Tensor.numpy"
    assert record["location"]["line"] == 3 and record["dtypes"] == ["float16"]
    assert data["crash"]["recorded"] is True and data["simulate_cuda"] is True


def test_run_clean_script_exits_0(tmp_path: Path) -> None:
    script = tmp_path / "ok.py"
    script.write_text(
        "import torch\n"
        "device = 'cuda' if torch.cuda.is_available() else 'cpu'\n"
        "assert device == 'cuda'\n"
        "print(torch.nn.Linear(2, 2).to(device)(torch.ones(1, 2, device=device)).device)\n"
    )
    result = invoke("run", "--simulate-cuda", str(script))
    assert result.exit_code == 0, result.output
    assert result.stdout == "cuda:0\n"


def test_a_crash_is_reported_with_its_attribution(tmp_path: Path) -> None:
    script = tmp_path / "crash.py"
    script.write_text("def load(path):\n    raise ValueError(f'no {path}')\n\nload('data.csv')\n")
    result = invoke("run", "--simulate-cuda", str(script), tracebacks=True)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"the script crashed at {script}:2: ValueError: no data.csv" in result.stderr
    assert "Traceback (most recent call last)" in result.stderr
    assert "torchlint/runtime" not in result.stderr and "runpy" not in result.stderr


def test_sys_exit_status(tmp_path: Path) -> None:
    script = tmp_path / "exit.py"
    script.write_text("import sys\nsys.exit(0)\n")
    assert invoke("run", str(script)).exit_code == 0
    script.write_text("import sys\nsys.exit(3)\n")
    result = invoke("run", str(script))
    assert result.exit_code == 2 and "exited with status 3" in result.stderr


def test_usage_errors() -> None:
    assert invoke("run").exit_code == 2
    result = invoke("run", "no/such/script.py")
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_without_simulation_a_cpu_machine_is_told_to_simulate(tmp_path: Path) -> None:
    import torch

    if torch.cuda.is_available():
        pytest.skip("a real GPU is here")
    script = tmp_path / "gpu.py"
    script.write_text("import torch\ntorch.ones(1).cuda()\n")
    result = invoke("run", str(script), tracebacks=True)
    assert result.exit_code == 2
    assert "--simulate-cuda" in result.stderr


def test_console_script_and_module_form(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "job.py").write_text(
        "import torch\nw = torch.ones(2, 2, device='cuda')\nprint(w @ torch.ones(2, 2))\n"
    )
    env = dict(os.environ, PYTHONPATH="")
    proc = subprocess.run(
        [sys.executable, "-m", "torchlint", "run", "--simulate-cuda", "-m", "pkg.job"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith(os.path.join("pkg", "job.py") + ":3:7: TLR001"), proc.stdout
    # Linting a folder is unchanged: the static rule finds the same CPU operand.
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "torchlint"), "--isolated", "--no-cache", "pkg"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith(os.path.join("pkg", "job.py") + ":3:11: TL204"), proc.stdout


def test_confirm_prints_records_no_finding_explains(tmp_path: Path) -> None:
    script = tmp_path / "s.py"
    script.write_text(
        "import torch\nw = torch.ones(2, 2, device='cuda')\nb = torch.ones(2, 2)\nw @ b\n"
    )
    result = invoke("--isolated", "--no-cache", "--select", "TL201", "--confirm", str(script))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{script}:4:1: TLR001 device mismatch")
    args = ["--isolated", "--no-cache", "--format", "json", "--select", "TL201"]
    result = invoke(*args, "--confirm", str(script))
    assert json.loads(result.stdout) == [] and "TLR001" in result.stderr


def test_confirm_reports_a_crash_as_a_problem(tmp_path: Path) -> None:
    script = tmp_path / "s.py"
    script.write_text("print('hello')\nraise KeyError('x')\n")
    result = invoke("--isolated", "--no-cache", "--confirm", str(script))
    assert result.exit_code == 2
    assert "crashed under the runtime check" in result.stderr and "KeyError" in result.stderr
    assert "hello" in result.stderr and "hello" not in result.stdout
