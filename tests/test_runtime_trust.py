"""Issue #15: a runtime check you can trust. Correct GPU code runs clean under
simulation (lazy modules, DDP over a stand-in for NCCL, several simulated GPUs); the
device and dtype errors torch raises are findings at the user's line (exit 1), other
errors are crashes (exit 2); records say where the mismatched tensor comes from.

The whole correct corpus and every runnable case of bench/realworld run in
`bench/runtime_corpus.py`; here, a representative few, in this process."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from conftest import invoke

pytest.importorskip("torch", reason="the runtime check needs torch (pip install torch)")

import torch

from torchlint.runtime.execute import run

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "runtime_corpus"
REALWORLD = ROOT / "bench" / "realworld"


@pytest.fixture(autouse=True)
def _restore_torch_state() -> Iterator[None]:
    """Scripts run in this process: leave no default device or process group behind."""
    yield
    torch.set_default_device(None)
    if torch.distributed.is_available() and torch.distributed.is_initialized():
        torch.distributed.destroy_process_group()


def _run_cli(*args: str) -> Result:
    # The run prints the script's own traceback where torch raised.
    return invoke("run", "--simulate-cuda", *args, tracebacks=True)


def _script(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "train.py"
    path.write_text(text)
    return path


# --- correct code runs clean ------------------------------------------------------------

# A representative few of bench/runtime_corpus (each named after its origin there):
# lazy modules moved before their dry run, DDP through mp.spawn, nn.parallel.data_parallel
# and DataParallel (forward and backward over two GPUs), LoRA through parametrize, packed
# sequences with CPU lengths, DataParallel'd features with a resumed checkpoint, sparse
# adjacency, a seq2seq with index tensors made on the device.
CORRECT = [
    "lazy_mlp.py",
    "ddp_multigpu.py",
    "dcgan.py",
    "data_parallel_tutorial.py",
    "minlora_parametrize.py",
    "packed_lstm_sentiment.py",
    "imagenet_dataparallel.py",
    "gat_cora.py",
    "seq2seq_translation.py",
]
# bench/realworld look-alikes of the patterns the simulation finds hardest.
LOOK_ALIKES = [
    "cases/parallel-wrap-before-placement/ok_ddp_model_to_rank.py",
    "cases/torch-load-map-location/ok_ddp_snapshot_map_location.py",
    "cases/type-as-cpu/ok_ddp_worker_mask_arange_on_input_device.py",
]


@pytest.mark.filterwarnings("ignore:Sparse invariant checks:UserWarning")
@pytest.mark.parametrize("devices", [1, 2])
@pytest.mark.parametrize("name", CORRECT)
def test_correct_corpus_runs_clean(
    name: str, devices: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CORPUS)
    result = run(str(CORPUS / name), [], simulate_cuda=True, device_count=devices)
    capsys.readouterr()
    assert result.crash is None, result.crash.traceback if result.crash else ""
    assert result.records == [], [r.format() for r in result.records]


@pytest.mark.parametrize("case", LOOK_ALIKES)
def test_realworld_look_alikes_run_clean(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = REALWORLD / case
    assert "looks-like:" in path.read_text()
    result = run(str(path), [], simulate_cuda=True, device_count=2)
    capsys.readouterr()
    assert result.crash is None and result.records == []


# --- torch's own device and dtype errors are findings ----------------------------------


def test_ddp_around_a_cpu_model_is_a_finding_at_the_wrap(tmp_path: Path) -> None:
    script = _script(
        tmp_path,
        "import torch\n"
        "import torch.distributed as dist\n"
        "from torch.nn.parallel import DistributedDataParallel as DDP\n"
        "\n"
        'dist.init_process_group("nccl", rank=0, world_size=1)\n'
        "torch.cuda.set_device(0)\n"
        "model = torch.nn.Linear(4, 2)\n"
        "model = DDP(model, device_ids=[0])\n",
    )
    result = _run_cli("--json", str(script))
    assert result.exit_code == 1, result.output
    [record] = json.loads(result.stdout)["records"]
    assert (record["code"], record["location"]["line"]) == ("TLR001", 8)
    assert "module parameters {device(type='cpu')}" in record["message"]
    story = [(o["text"], o["location"]["line"]) for o in record["origins"]]
    assert story == [
        ("DistributedDataParallel wrapped the module", 8),
        ("one of its cpu parameters or buffers was made", 7),
    ]
    assert "the script stopped at" in result.stderr and "crashed" not in result.stderr


def test_a_dtype_error_torch_raises_is_a_finding(tmp_path: Path) -> None:
    script = _script(
        tmp_path,
        "import torch\n"
        "a = torch.ones(1, 2, 2, device='cuda').half()\n"
        "b = torch.ones(1, 2, 2, device='cuda')\n"
        "torch.bmm(a, b)\n",
    )
    result = _run_cli(str(script))
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith(f"{script}:4:1: TLR002 dtype mismatch (torch.bmm): ")
    assert "expected scalar type Half but found Float" in result.stdout
    assert result.stdout.rstrip().endswith(
        "; the float16 tensor was made at line 2; the float32 tensor was made at line 3"
    )


def test_an_error_about_neither_is_a_crash(tmp_path: Path) -> None:
    script = _script(
        tmp_path,
        "import torch\n"
        "model = torch.nn.Linear(4, 2).cuda()\n"
        "model(torch.ones(3, 5, device='cuda'))\n",
    )
    result = _run_cli(str(script))
    assert result.exit_code == 2 and result.stdout == ""
    assert (
        f"the script crashed at {script}:3 in Linear (torch.nn.functional.linear): "
        "RuntimeError: mat1 and mat2 shapes cannot be multiplied"
    ) in result.stderr


def test_a_gpu_checkpoint_loaded_without_a_gpu_is_a_finding_at_the_load(tmp_path: Path) -> None:
    """TL502's bug in two runs: the simulated GPU run saves its tensors with their
    `cuda:0` location, as a GPU would; the simulated node loads the file back; this
    machine, which has no GPU, fails at the load: a device finding there, exit 1."""
    ckpt = tmp_path / "ckpt.pt"
    train = tmp_path / "train.py"
    train.write_text(
        "import torch\n"
        "model = torch.nn.Linear(4, 2).cuda()\n"
        f"torch.save({{'model': model.state_dict(), 'step': 3}}, {str(ckpt)!r})\n"
    )
    infer = tmp_path / "infer.py"
    infer.write_text(
        "import torch\n"
        "model = torch.nn.Linear(4, 2)\n"
        f"state = torch.load({str(ckpt)!r})\n"
        "model.load_state_dict(state['model'])\n"
        "print(state['step'])\n"
    )
    assert _run_cli(str(train)).exit_code == 0
    with ckpt.open("rb") as f:  # the locations a GPU would have written
        assert b"cuda:0" in f.read()
    result = _run_cli(str(infer))  # a simulated GPU node loads it
    assert (result.exit_code, result.stdout) == (0, "3\n"), result.output

    result = invoke("run", "--json", str(infer), tracebacks=True)
    assert result.exit_code == 1, result.output
    [record] = json.loads(result.stdout)["records"]
    assert (record["code"], record["location"]["line"], record["location"]["column"]) == (
        "TLR001",
        3,
        9,
    )
    assert "Attempting to deserialize object on a CUDA device" in record["message"]

    # Tensors that were never on a simulated GPU are saved as CPU tensors.
    plain = tmp_path / "plain.py"
    plain.write_text(
        f"import torch\ntorch.save(torch.nn.Linear(4, 2).state_dict(), {str(ckpt)!r})\n"
    )
    assert _run_cli(str(plain)).exit_code == 0
    assert b"cuda" not in ckpt.read_bytes()


# --- records tell where the mismatched tensor comes from ------------------------------


def test_the_story_of_a_discarded_move(tmp_path: Path) -> None:
    script = _script(
        tmp_path,
        "import torch\n"
        "model = torch.nn.Linear(4, 2).to('cuda')\n"
        "x = torch.randn(3, 4)\n"
        "x.to('cuda')\n"
        "model(x)\n",
    )
    result = _run_cli(str(script))
    assert result.exit_code == 1
    assert result.stdout.rstrip().endswith(
        "(simulated); the cpu tensor was made at line 3, then a copy went to cuda:0 at line 4; "
        "the cuda:0 tensor was moved at line 2"
    ), result.stdout


def test_the_story_of_a_module_in_a_plain_list(tmp_path: Path) -> None:
    script = _script(
        tmp_path,
        "import torch\n"
        "from torch import nn\n"
        "\n"
        "\n"
        "class Net(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.heads = [nn.Linear(4, 2) for _ in range(2)]\n"
        "\n"
        "    def forward(self, x):\n"
        "        return [head(x) for head in self.heads]\n"
        "\n"
        "\n"
        "net = Net().cuda()\n"
        "net(torch.ones(1, 4).cuda())\n",
    )
    result = _run_cli(str(script))
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    assert line.startswith(f"{script}:11:17: TLR001 device mismatch in Net.heads[0] ")
    assert (
        "; Net.heads, a plain list (`.to()` does not move the modules in it), was set at line 8; "
        "the cpu tensor was made at line 8; the cuda:0 tensor was moved at line 15; "
        "Net was called at line 15"
    ) in line


def test_two_simulated_gpus_find_a_tensor_on_the_wrong_one(tmp_path: Path) -> None:
    script = _script(
        tmp_path,
        "import torch\n"
        "model = torch.nn.Linear(4, 2).to(f'cuda:{torch.cuda.device_count() - 1}')\n"
        "x = torch.ones(1, 4).to('cuda:0')\n"
        "model(x)\n",
    )
    assert _run_cli(str(script)).exit_code == 0  # one GPU: both are cuda:0
    result = _run_cli("--devices", "2", str(script))
    assert result.exit_code == 1
    assert (
        "the cuda:0 tensor was moved at line 3; the cuda:1 tensor was moved at line 2"
        in result.stdout
    )


# --- a sample of bench/realworld's bugs, reproduced at their bug line ------------------


@pytest.mark.parametrize(
    "case",
    [
        "cases/discarded-tensor-move/hello_rnn_cuda_statement.py",
        "cases/module-in-plain-container/conv1d_classifier_list.py",
        "cases/parallel-wrap-before-placement/ddp_wraps_cpu_model_local_rank.py",
        "cases/loss-target-dtype/dcgan_full_int_label_bce.py",
        "cases/stale-alias/adagrad_built_before_move.py",
    ],
)
def test_realworld_bugs_are_reported_at_their_bug_line(
    case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import realworld
    finally:
        sys.path.remove(str(ROOT / "bench"))
    path = REALWORLD / case
    bug_lines = set(realworld.read_header(path).bug_lines)
    result = run(str(path), [], simulate_cuda=True, device_count=1)
    capsys.readouterr()
    assert result.records, result.crash
    named = {line for r in result.records for p, line in r.lines() if Path(p) == path}
    assert named & bug_lines, [r.format() for r in result.records]


def test_ranks_that_drop_their_ddp_model_after_a_backward_never_deadlock() -> None:
    """Each spawned rank returns right after its backward, dropping the last reference
    to its DDP model. Were the process group freed then, it would join its gloo workers
    holding the GIL while one still frees a work item that holds the check's torch
    function mode, and waits for the GIL: a hang (seen once in a few runs, in CI). The
    check holds the groups until the run ends. Run in a child process, so that a hang
    fails this test instead of stopping the suite."""
    case = REALWORLD / "cases/type-as-cpu/ok_ddp_worker_mask_arange_on_input_device.py"
    program = (
        "from torchlint.runtime.execute import run\n"
        "for _ in range(12):\n"
        f"    result = run({str(case)!r}, [], simulate_cuda=True, device_count=2)\n"
        "    assert result.crash is None and result.records == [], result.records\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines()[-1] == "ok"
