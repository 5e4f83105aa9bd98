"""Across the files of a project: a call into a function or class that another file
of the project defines is followed there (``torchlint/analysis/project.py``), the
finding lands on the line of this file that makes the call and names the other
file's line (or, when the story happens in the other file and the run lints it
too, on that file's line: ``torchlint/lint/forward.py``), the screen keeps what such
a call may need, and the cache drops a result when a file it read changes."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from conftest import invoke

from torchlint.lint import engine
from torchlint.rules import registry

DEFAULT = frozenset(c for c, r in registry.all_rules().items() if r.default_enabled)

DIST_UTILS = """\
import torch
import torch.distributed as dist


def wrap_ddp(model, rank):
    torch.cuda.set_device(rank)
    return torch.nn.parallel.DistributedDataParallel(model, device_ids=[rank])
"""

NET = """\
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)
"""

TRAIN = """\
import torch

from dist_utils import wrap_ddp
from net import Net


def main(rank):
    model = Net()
    model = wrap_ddp(model, rank)
    model.to(rank)
"""

LORA = """\
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base):
        super().__init__()
        self.base = base
        self.a = nn.Linear(base.in_features, 4, bias=False)

    def forward(self, x):
        return self.base(x) + self.a(x).sum()


def inject(model):
    for module in list(model.modules()):
        for name, child in list(module.named_children()):
            if isinstance(child, nn.Linear):
                setattr(module, name, LoRALinear(child))
    return model
"""

TRAIN_LORA = """\
import torch
from torch import nn

from .lora import inject


def build(device):
    model = nn.Sequential(nn.Linear(4, 4))
    model.to(device)
    model = inject(model)
    return model
"""


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


def lint(path: Path, screen: bool = True) -> list[tuple[int, str, str]]:
    result = engine.lint_text(str(path), path.read_text(), DEFAULT, screen=screen)
    assert not result.problems
    return [(f.line, f.code, f.message) for f in result.findings]


def test_a_wrap_in_another_file_is_reported_at_the_call_that_makes_it(tmp_path: Path) -> None:
    write(tmp_path, {"dist_utils.py": DIST_UTILS, "net.py": NET, "train.py": TRAIN})
    found = lint(tmp_path / "train.py")
    assert found == [
        (
            9,
            "TL203",
            "DistributedDataParallel wraps `model` while it is on the CPU (made at line 8, "
            "never moved), in code that uses a GPU (torch.cuda.set_device at line 6 of "
            "dist_utils.py): move the module to its device before wrapping",
        )
    ]
    # The same with the screen off: it keeps what the call into dist_utils.py needs.
    assert lint(tmp_path / "train.py", screen=False) == found
    # The helper alone knows nothing of the model it is given.
    assert lint(tmp_path / "dist_utils.py") == []


def test_a_relative_import_in_a_package_is_followed(tmp_path: Path) -> None:
    write(tmp_path, {"pkg/__init__.py": "", "pkg/lora.py": LORA, "pkg/train.py": TRAIN_LORA})
    found = lint(tmp_path / "pkg" / "train.py")
    assert [(line, code) for line, code, _ in found] == [(10, "TL202")]
    assert "(line 18 of lora.py)" in found[0][2]
    assert lint(tmp_path / "pkg" / "train.py", screen=False) == found


LOADER = """\
from transformers import AutoModel


def load_half(path):
    model = AutoModel.from_pretrained(path, trust_remote_code=True)
    return model.half()
"""

TRAIN_HALF = """\
import torch

from loader import load_half


def caption(path, image, device):
    model = load_half(path)
    return model(image.to(device))
"""


def test_a_cast_in_another_file_is_reported_at_the_call_that_hands_the_model_back(
    tmp_path: Path,
) -> None:
    # TL201 lands on its cast, the line to change, when the cast is in the linted
    # file; a cast in another file of the project is that file's line, so the finding
    # lands on this file's call that hands the model back (where it is placed, as a
    # model made here and returned is) and names the cast and the call that fails.
    write(tmp_path, {"loader.py": LOADER, "train.py": TRAIN_HALF})
    found = lint(tmp_path / "train.py")
    assert [(line, code) for line, code, _ in found] == [(7, "TL201")]
    assert found[0][2].startswith(
        "`model` was cast to float16 at line 6 of loader.py and handed back here, but never "
        "moved to a device, while its input `image.to(device)` was moved to `device` at "
        "line 8: the call at line 8 fails"
    )
    assert lint(tmp_path / "train.py", screen=False) == found


MEMO_LOADER = """\
from diffusers import ControlNetModel

_LOADED = {}


def get_controlnet(repo, dtype):
    if repo not in _LOADED:
        _LOADED[repo] = ControlNetModel.from_pretrained(repo, torch_dtype=dtype).eval()
    return _LOADED[repo]
"""

MEMO_USER = """\
import torch

from memo_loader import get_controlnet


def residuals(latents, t, device):
    controlnet = get_controlnet("canny", torch.float16)
    return controlnet(latents.to(device), t)
"""


def test_a_memoized_helper_of_another_file_gives_what_it_stored(tmp_path: Path) -> None:
    # The cache is the other file's global: the read of it gives what this call of
    # the helper stored there (``memos.py``), not an unknown.
    write(tmp_path, {"memo_loader.py": MEMO_LOADER, "user.py": MEMO_USER})
    found = lint(tmp_path / "user.py")
    assert [(line, code) for line, code, _ in found] == [(7, "TL201")]
    assert "cast to float16 at line 8 of memo_loader.py and handed back here" in found[0][2]
    assert lint(tmp_path / "user.py", screen=False) == found


LOADER_PARTS = """\
import torch
from transformers import AutoModel

LOGGER = print
TABLE = {
    "a": 1,
}


def unrelated(x):
    return x * 2


def _to_half(model):
    return model.half()


def load_half(path):
    model = AutoModel.from_pretrained(path, trust_remote_code=True)
    return _to_half(model)


def prepare(image):
    return image
"""

TRAIN_PARTS = """\
import torch

from loader import load_half, prepare


def caption(path, image, device):
    model = load_half(path)
    return model(prepare(image).to(device))
"""


def test_what_a_followed_call_reaches_in_another_file_is_read_and_its_lines_named(
    tmp_path: Path,
) -> None:
    # Only the parts of loader.py a walk entering load_half (then prepare) reaches
    # are parsed, the helper _to_half with it; the two parts are read apart, and
    # the cast's line is still the line of loader.py.
    write(tmp_path, {"loader.py": LOADER_PARTS, "train.py": TRAIN_PARTS})
    found = lint(tmp_path / "train.py")
    assert [(line, code) for line, code, _ in found] == [(7, "TL201")]
    assert "cast to float16 at line 15 of loader.py" in found[0][2]
    assert lint(tmp_path / "train.py", screen=False) == found


def test_an_import_from_a_library_or_a_missing_file_is_not_followed(tmp_path: Path) -> None:
    write(tmp_path, {"train.py": TRAIN.replace("dist_utils", "somelib")})
    assert lint(tmp_path / "train.py") == []


def test_text_without_a_file_reads_no_other_file(tmp_path: Path) -> None:
    write(tmp_path, {"dist_utils.py": DIST_UTILS, "net.py": NET})
    result = engine.lint_text("-", TRAIN, DEFAULT)
    assert result.findings == [] and result.depends == {}


def test_a_broken_file_of_the_project_is_read_as_unknown(tmp_path: Path) -> None:
    write(tmp_path, {"dist_utils.py": "def wrap_ddp(model, rank:\n", "net.py": NET})
    write(tmp_path, {"train.py": TRAIN})
    assert lint(tmp_path / "train.py") == []


def test_an_import_cycle_ends(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "a.py": "from b import g\n\n\ndef f(m):\n    return g(m)\n",
            "b.py": "from a import f\n\n\ndef g(m):\n    return f(m)\n",
            "train.py": "from torch import nn\nfrom a import f\n\nm = f(nn.Linear(2, 2))\n"
            "m.to('cuda')\n",
        },
    )
    assert lint(tmp_path / "train.py") == []


def test_the_cli_reports_in_the_calling_file_and_the_cache_sees_the_helper_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"dist_utils.py": DIST_UTILS, "net.py": NET, "train.py": TRAIN})
    monkeypatch.chdir(tmp_path)
    cold = invoke("-q", ".")
    assert cold.exit_code == 1
    assert cold.stdout.splitlines() == [
        "train.py:9:13: TL203 DistributedDataParallel wraps `model` while it is on the CPU "
        "(made at line 8, never moved), in code that uses a GPU (torch.cuda.set_device at "
        "line 6 of dist_utils.py): move the module to its device before wrapping"
    ]
    assert invoke("-q", ".").stdout == cold.stdout  # warm, from the cache
    # The helper now places the model itself: train.py is unchanged, its cached
    # result is not.
    fixed = DIST_UTILS.replace(
        "    return torch.nn", "    model = model.to(rank)\n    return torch.nn"
    )
    (tmp_path / "dist_utils.py").write_text(fixed)
    os.utime(tmp_path / "dist_utils.py", ns=(1, 1))  # a different stamp whatever the clock
    assert invoke("-q", ".").exit_code == 0


TRAINER = """\
import torch
from torch import nn


def build():
    return nn.Linear(4, 2)


class Trainer:
    def __init__(self, rank):
        torch.cuda.set_device(rank)
        self.model = nn.parallel.DistributedDataParallel(build(), device_ids=[rank])
"""

RUN = """\
from trainer import Trainer


def main(rank):
    return Trainer(rank)
"""


def test_a_wrap_of_a_model_made_in_another_file_is_reported_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The model is made and wrapped in trainer.py: the line to change is the wrap's.
    # trainer.py finds it itself (a class with no base is walked as script code), so
    # the same finding reached from run.py's call is not repeated; run.py linted
    # alone reports at that call.
    write(tmp_path, {"trainer.py": TRAINER, "run.py": RUN})
    monkeypatch.chdir(tmp_path)
    both = invoke("-q", ".")
    assert both.exit_code == 1
    assert both.stdout.splitlines() == [
        "trainer.py:12:22: TL203 DistributedDataParallel wraps the model while it is on the "
        "CPU (made at line 6, never moved), in code that uses a GPU (torch.cuda.set_device "
        "at line 11): move the module to its device before wrapping"
    ]
    alone = invoke("-q", "--no-cache", "run.py")
    assert [line.split(" TL")[0] for line in alone.stdout.splitlines()] == ["run.py:5:12:"]


def test_the_same_relative_path_in_two_projects_reads_each_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    placed = DIST_UTILS.replace("    return torch.nn", "    model.cuda(rank)\n    return torch.nn")
    write(tmp_path / "a", {"dist_utils.py": DIST_UTILS, "net.py": NET, "train.py": TRAIN})
    write(tmp_path / "b", {"dist_utils.py": placed, "net.py": NET, "train.py": TRAIN})
    monkeypatch.chdir(tmp_path / "a")
    assert [code for _, code, _ in lint(Path("train.py"))] == ["TL203"]
    monkeypatch.chdir(tmp_path / "b")
    assert lint(Path("train.py")) == []


def test_a_file_of_the_project_created_later_is_read(tmp_path: Path) -> None:
    # (a language server lints train.py before dist_utils.py exists, then after)
    write(tmp_path, {"net.py": NET, "train.py": TRAIN})
    assert lint(tmp_path / "train.py") == []
    write(tmp_path, {"dist_utils.py": DIST_UTILS})
    os.utime(tmp_path, ns=(2, 2))  # the folder changed, whatever the clock's resolution
    assert [code for _, code, _ in lint(tmp_path / "train.py")] == ["TL203"]


def test_a_cached_clean_result_is_dropped_when_a_helper_it_calls_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first version of the helper gives the screen nothing to look for: train.py
    # is clean without being analysed, and that is what the cache holds.
    harmless = "def wrap_ddp(model, rank):\n    return model\n"
    write(tmp_path, {"dist_utils.py": harmless, "net.py": NET, "train.py": TRAIN})
    monkeypatch.chdir(tmp_path)
    assert invoke("-q", "train.py").exit_code == 0
    assert invoke("-q", "train.py").exit_code == 0  # from the cache
    (tmp_path / "dist_utils.py").write_text(DIST_UTILS)
    os.utime(tmp_path / "dist_utils.py", ns=(3, 3))
    rerun = invoke("-q", "train.py")
    assert rerun.exit_code == 1 and "TL203" in rerun.stdout


SCALER = """\
import torch
from torch import nn


class Scaler(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.low = torch.zeros(1, d)

    def forward(self, x):
        return x - self.low
"""

TRAIN_SCALER = """\
import torch

from scaler import Scaler


def run(x, device, d=4):
    scaler = Scaler(d)
    scaler.to(device)
    return scaler(x.to(device))
"""


def test_a_cpu_tensor_made_in_another_file_is_reported_at_the_call_reaching_it(
    tmp_path: Path,
) -> None:
    """The scaler of scaler.py keeps a plain tensor attribute on the CPU, which meets
    the moved input there: the finding is on the call of this file, and says where
    the tensor was made."""
    write(tmp_path, {"scaler.py": SCALER, "train.py": TRAIN_SCALER})
    found = [f for f in lint(tmp_path / "train.py") if f[1] == "TL204"]
    assert found == [
        (
            9,
            "TL204",
            "this call reaches a tensor made on the CPU (no `device=`) at line 8 of "
            "scaler.py, which meets `x`, on `device` (line 9), at line 11 of scaler.py: "
            "'Expected all tensors to be on the same device'; create it on that device "
            "(or move it there before that line)",
        )
    ]


SCALER_TL204 = (
    "scaler.py:8:20: TL204 this tensor is made on the CPU (no `device=`) and meets `x`, "
    "on `device` (line 9 of train.py), at line 11: 'Expected all tensors to be on the same "
    "device'; create it on that device (or move it there before that line) (reached from "
    "line 9 of train.py)"
)


def test_a_run_linting_both_files_reports_the_line_to_change_in_the_other_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tensor is made and meets the input in scaler.py: linted together, the
    finding is scaler.py's, on the line that makes it, naming the call that led
    there; train.py no longer reports it. A warm run (from the cache) says the same."""
    write(tmp_path, {"scaler.py": SCALER, "train.py": TRAIN_SCALER})
    monkeypatch.chdir(tmp_path)
    cold = invoke("-q", "--select", "TL204", ".")
    assert cold.exit_code == 1
    assert cold.stdout.splitlines() == [SCALER_TL204]
    assert invoke("-q", "--select", "TL204", ".").stdout == cold.stdout
    both = invoke("-q", "--select", "TL204", "train.py", "scaler.py", "--no-cache")
    assert both.stdout == cold.stdout
    # (the same file named twice, or reached from two files, is reported once)
    twice = invoke("-q", "--select", "TL204", "--no-cache", "train.py", "./scaler.py", "scaler.py")
    assert twice.stdout.count("TL204") == 1


def test_a_run_without_the_other_file_reports_at_the_call_that_led_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"scaler.py": SCALER, "train.py": TRAIN_SCALER})
    monkeypatch.chdir(tmp_path)
    alone = invoke("-q", "--select", "TL204", "train.py")
    assert alone.exit_code == 1
    assert [line.split(" TL204 ")[0] for line in alone.stdout.splitlines()] == ["train.py:9:12:"]
    # An ignore of the rule for scaler.py leaves the finding with train.py.
    config = '[tool.torchlint]\nper-file-ignores = { "scaler.py" = ["TL204"] }\n'
    (tmp_path / "pyproject.toml").write_text(config)
    ignored = invoke("-q", "--select", "TL204", "--no-cache", ".")
    assert [line.split(" TL204 ")[0] for line in ignored.stdout.splitlines()] == ["train.py:9:12:"]


def test_a_noqa_on_the_line_to_change_in_the_other_file_suppresses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    noqa = SCALER.replace("torch.zeros(1, d)", "torch.zeros(1, d)  # noqa: TL204")
    write(tmp_path, {"scaler.py": noqa, "train.py": TRAIN_SCALER})
    monkeypatch.chdir(tmp_path)
    result = invoke("-q", "--select", "TL204", ".")
    assert (result.exit_code, result.stdout) == (0, "")


HELPERS = """\
import torch


def make_ids(n):
    return torch.arange(n)


def make_mask(n):
    return torch.ones(n)


def unused(n):
    return torch.zeros(n)
"""

TRAIN_HELPERS = """\
import torch
from torch import nn

from helpers import make_ids, make_mask


def main(device):
    model = nn.Linear(4, 4).to(device)
    ids = make_ids(4)
    mask = make_mask(4)
    return model(ids * mask)
"""


def test_a_notebook_keeps_what_it_finds_in_another_file_at_its_own_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A notebook's lines are its cells': what it finds in scaler.py stays at the cell
    that led there, even when the run lints scaler.py too."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    write(tmp_path, {"scaler.py": SCALER})
    book = new_notebook(cells=[new_code_cell(TRAIN_SCALER + "\nrun(None, 'cuda')\n")])
    book.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "p"}
    nbformat.write(book, str(tmp_path / "run.ipynb"))
    monkeypatch.chdir(tmp_path)
    found = invoke("-q", "--select", "TL204", "--no-cache", ".").stdout.splitlines()
    assert [line.split(" TL204 ")[0] for line in found] == ["run.ipynb:cell 1:9:12:"]


def test_a_tensor_handed_back_to_the_caller_stays_the_callers_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """make_ids() of helpers.py returns a CPU tensor that train.py feeds to its model:
    the caller is where it must be moved (the fix is there), whatever files the run
    lints."""
    write(tmp_path, {"helpers.py": HELPERS, "train.py": TRAIN_HELPERS})
    monkeypatch.chdir(tmp_path)
    found = invoke("-q", "--no-cache", ".").stdout.splitlines()
    assert [line.split(" TL204 ")[0] for line in found] == ["train.py:11:18:"]


SAMPLER = """\
import torch
from torch.utils.data import DataLoader, Dataset


class Indexed(Dataset):
    def __init__(self, data):
        self.data = data

    def __len__(self):
        return len(self.data)

    def __getitem__(self, index):
        return self.data[index], index


def sample(data, n):
    picked = torch.randperm(len(data))[:n]
    return DataLoader(Indexed(data[picked]), batch_size=4), picked
"""

TRAIN_SAMPLER = """\
import torch

from sampler import sample


def train(data, codes, device):
    loader, picked = sample(data, 8)
    for x, index in loader:
        index = index.to(device)
        codes[index] = picked[index].float()
"""


def test_a_cpu_tensor_another_file_hands_back_is_reported_where_it_meets_the_device(
    tmp_path: Path,
) -> None:
    """The sampler returns its CPU index table beside a loader over its Dataset; the
    table is indexed here with a batch's indices moved to the device (a number of
    each item, stacked by the default collate): this line fails."""
    write(tmp_path, {"sampler.py": SAMPLER, "train.py": TRAIN_SAMPLER})
    assert [f for f in lint(tmp_path / "train.py") if f[1] == "TL204"] == [
        (
            10,
            "TL204",
            "`picked` was made on the CPU (no `device=`) at line 17 of sampler.py and is "
            "indexed with `index`, on `device` (line 9), here: 'indices should be either "
            "on cpu or on the same device as the indexed tensor'; move it to that device "
            "first (`picked.to(index.device)`)",
        )
    ]


def test_the_names_imported_from_a_file_are_read_in_one_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each name asked for later would parse the file again (a file of helpers that
    twenty files import was parsed thirty times in a library run)."""
    from torchlint.analysis import project

    write(tmp_path, {"helpers.py": HELPERS, "train.py": TRAIN_HELPERS})
    read = project._read
    names: list[frozenset[str]] = []

    def counted(path: str, outline: object, asked: frozenset[str]) -> object:
        names.append(asked)
        return read(path, outline, asked)  # type: ignore[arg-type]

    monkeypatch.setattr(project, "_read", counted)
    found = [f[:2] for f in lint(tmp_path / "train.py")]
    assert found == [(11, "TL204")]
    assert names == [frozenset({"make_ids", "make_mask"})]


MAKE_DISCARDING = """\
import torch
from torch import nn


def make(device):
    model = nn.Linear(4, 4).to(device)
    x = torch.randn(2, 4)
    x.to(device)
    return model, x
"""

TRAIN_MAKE = """\
from helpers import make


def main(device):
    model, x = make(device)
    return model(x)
"""


def test_a_discarded_move_in_another_file_is_reported_in_that_file(tmp_path: Path) -> None:
    """TL205 is about the statement `x.to(device)`: its fix rewrites that line, so it
    is reported where the line is (helpers.py), not at the call of train.py that led
    there (which once stopped TL205 with an internal error). train.py gets the
    consequence: the input that was never moved."""
    write(tmp_path, {"helpers.py": MAKE_DISCARDING, "train.py": TRAIN_MAKE})
    assert [(line, code) for line, code, _ in lint(tmp_path / "train.py")] == [(6, "TL204")]
    assert [(line, code) for line, code, _ in lint(tmp_path / "helpers.py")] == [(8, "TL205")]
    result = invoke("--select", "TL204,TL205", str(tmp_path))
    assert result.exit_code == 1
    assert sorted(result.stdout.splitlines()[:2]) == [
        f"{tmp_path / 'helpers.py'}:8:5: TL205 `x.to(device)` returns a new tensor and leaves "
        "`x` as it was: `Tensor.to()` does not work in place; assign the result "
        "(`x = x.to(device)`)",
        f"{tmp_path / 'train.py'}:6:18: TL204 `x` was made on the CPU at line 7 of helpers.py "
        "and never moved, but `model` was moved to `device` at line 6 of helpers.py: move "
        "the input to the model's device (`x.to(device)`)",
    ]
    assert "internal error" not in result.output


PREPROCESS = """\
import numpy as np
import torch

MEAN = np.array([0.485, 0.456, 0.406])
STD = np.array([0.229, 0.224, 0.225])
UNUSED = torch.zeros(3)


def to_tensor(image):
    image = (image.astype(np.float32) / 255.0 - MEAN) / STD
    return torch.from_numpy(image.transpose(2, 0, 1))
"""

TRAIN_PREPROCESS = """\
import numpy as np
from torch import nn

from preprocess import to_tensor


def main():
    model = nn.Conv2d(3, 8, 3)
    image = np.zeros((16, 16, 3), dtype=np.uint8)
    return model(to_tensor(image)[None])
"""


def test_module_level_bindings_of_another_file_are_read(tmp_path: Path) -> None:
    """``MEAN``/``STD`` of preprocess.py are float64 arrays (numpy's default), so the
    normalized image is float64 and meets the float32 convolution: the module-level
    assignments a followed function reads are kept and walked for it."""
    write(tmp_path, {"preprocess.py": PREPROCESS, "train.py": TRAIN_PREPROCESS})
    found = [(line, code) for line, code, _ in lint(tmp_path / "train.py")]
    assert found == [(10, "TL105")]
    assert [(line, code) for line, code, _ in lint(tmp_path / "train.py", screen=False)] == found


CLASSIFIER = """\
import torch
from torch import nn


def build_backbone(n):
    return nn.Sequential(nn.Flatten(), nn.Linear(48, n))


class Classifier:
    def __init__(self, n=3):
        self.device = torch.device("cuda")
        self.model = build_backbone(n)

    def predict(self, images):
        return self.model(images.to(self.device))
"""

PERSISTENCE = """\
import torch

from classifier import Classifier, build_backbone


def load_model(path):
    blob = torch.load(path, map_location="cpu")
    clf = Classifier(n=blob["n"])
    clf.model = build_backbone(blob["n"])
    return clf
"""

JOB = """\
from persistence import load_model


def predict_job(path, images):
    clf = load_model(path)
    return clf.predict(images)
"""


def test_a_call_is_followed_two_files_away(tmp_path: Path) -> None:
    """job.py calls load_model of persistence.py, which builds a Classifier of
    classifier.py and never places the model it sets on it: the finding lands on
    job.py's call, with or without the screen."""
    write(tmp_path, {"classifier.py": CLASSIFIER, "persistence.py": PERSISTENCE, "job.py": JOB})
    found = lint(tmp_path / "job.py")
    assert [(line, code) for line, code, _ in found] == [(6, "TL211")]
    assert "made at line 6 of classifier.py" in found[0][2]
    assert lint(tmp_path / "job.py", screen=False) == found


def test_a_call_three_files_away_is_not_followed(tmp_path: Path) -> None:
    relay = (
        "from persistence import load_model\n\n\ndef relay(path):\n    return load_model(path)\n"
    )
    job = JOB.replace("from persistence import load_model", "from relay import relay")
    write(
        tmp_path,
        {
            "classifier.py": CLASSIFIER,
            "persistence.py": PERSISTENCE,
            "relay.py": relay,
            "job.py": job.replace("load_model(path)", "relay(path)"),
        },
    )
    assert lint(tmp_path / "job.py") == lint(tmp_path / "job.py", screen=False) == []


def test_a_cached_result_is_dropped_when_a_file_two_away_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first classifier.py places its model: job.py is clean, and cached so.
    placed = CLASSIFIER.replace("return self.model(", "return self.model.to(self.device)(")
    write(tmp_path, {"classifier.py": placed, "persistence.py": PERSISTENCE, "job.py": JOB})
    monkeypatch.chdir(tmp_path)
    assert invoke("-q", "job.py").exit_code == 0
    assert invoke("-q", "job.py").exit_code == 0  # from the cache
    (tmp_path / "classifier.py").write_text(CLASSIFIER)
    os.utime(tmp_path / "classifier.py", ns=(3, 3))
    rerun = invoke("-q", "job.py")
    assert rerun.exit_code == 1 and "TL211" in rerun.stdout


def test_a_package_module_reached_by_a_relative_import_leads_no_further(tmp_path: Path) -> None:
    # The same three files as a package importing each other relatively: the walk
    # stops in persistence.py (a library's layers cost more than they find).
    write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/classifier.py": CLASSIFIER,
            "pkg/persistence.py": PERSISTENCE.replace("from classifier", "from .classifier"),
            "pkg/job.py": JOB.replace("from persistence", "from .persistence"),
        },
    )
    job = tmp_path / "pkg" / "job.py"
    assert lint(job) == lint(job, screen=False) == []


PATCH_LAYERS = """\
import torch.nn as nn


class Patches(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Conv1d(8, 32, 3, padding=1)

    def forward(self, x):
        return self.embed(x.permute(0, 2, 1))
"""

FORECASTER = """\
import torch
import torch.nn as nn

from layers import Patches


class Forecaster(nn.Module):
    def __init__(self):
        super().__init__()
        self.patches = Patches()

    def forward(self, x):
        return self.patches(x.to(torch.bfloat16))
"""

RUN_FORECAST = """\
import torch

from forecaster import Forecaster


def main():
    model = Forecaster().float()
    x = torch.randn(4, 16, 8)
    return model(x)
"""


def test_a_finding_inside_another_files_forward_lands_there_or_at_the_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """run.py makes the model float32; its forward, in forecaster.py, casts the input
    to bfloat16 for a layer of layers.py. forecaster.py alone cannot know the model's
    dtype (its owner may cast it): the story is run.py's. Linted together, the finding
    is forecaster.py's, on the cast, naming the call of run.py; run.py alone reports
    it at that call."""
    write(
        tmp_path,
        {"layers.py": PATCH_LAYERS, "forecaster.py": FORECASTER, "run.py": RUN_FORECAST},
    )
    monkeypatch.chdir(tmp_path)
    assert lint(tmp_path / "forecaster.py") == []
    together = invoke("-q", "--select", "TL107", "--no-cache", ".")
    assert [line.split(" TL107 ")[0] for line in together.stdout.splitlines()] == [
        "forecaster.py:13:29:"
    ]
    assert together.stdout.rstrip().endswith("(reached from line 9 of run.py)")
    alone = invoke("-q", "--select", "TL107", "--no-cache", "run.py")
    (line,) = alone.stdout.splitlines()
    assert line.startswith("run.py:9:12: TL107 `x.to(torch.bfloat16)` is bfloat16 (line 13 of ")
    assert "`self.patches` at line 13 of forecaster.py passes it to `self.embed`" in line
