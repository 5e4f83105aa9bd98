"""Real bugs must be caught under simulated CUDA, with the right kind, module and
source line (the patterns from docs/real-world-patterns.md)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

torch = pytest.importorskip("torch", reason="the runtime check needs torch (pip install torch)")
nn = torch.nn

from torchlint.runtime import DEVICE_MISMATCH, DTYPE_MISMATCH, OP_ERROR, Record, check  # noqa: E402


def _line(obj: Any, marker: str) -> int:
    lines, start = inspect.getsourcelines(obj)
    hits = [start + i for i, text in enumerate(lines) if marker in text]
    assert len(hits) == 1, (marker, hits)
    return hits[0]


def _caught(fn: Callable[[], Any], error: type[BaseException] = RuntimeError) -> list[Record]:
    with check(simulate_cuda=True) as report:
        with pytest.raises(error):
            fn()
    return report.records


def test_half_model_never_placed_minicpm_v() -> None:
    class VisionTower(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.patch_embed = nn.Conv2d(3, 8, kernel_size=4, stride=4)
            self.pos_embed = nn.Parameter(torch.zeros(1, 4, 8))

        def forward_features(self, x):  # type: ignore[no-untyped-def]
            return self.patch_embed(x).flatten(2).transpose(1, 2) + self.pos_embed  # op

    class MiniCPMV(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.vpm = VisionTower()

        def get_vision_embedding(self, pixel_value):  # type: ignore[no-untyped-def]
            dtype = self.vpm.pos_embed.data.dtype
            return self.vpm.forward_features(pixel_value.unsqueeze(0).type(dtype))  # call

    def run() -> None:
        model = MiniCPMV().half()  # never moved: the Trainer was to place it
        model.get_vision_embedding(torch.randn(3, 8, 8).cuda())

    [record] = _caught(run)
    assert record.kind == DEVICE_MISMATCH and record.simulated
    assert record.message.startswith(
        "Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same"
    )
    assert record.module == "MiniCPMV.vpm.patch_embed"
    assert record.param_devices == ("cpu",) and record.input_devices == ("cuda:0",)
    assert record.param_dtypes == ("float16",) and record.input_dtypes == ("float16",)
    assert record.location is not None and record.location.path == __file__
    assert record.location.line == _line(VisionTower, "# op")
    lines = [f.line for f in record.stack if f.path == __file__]
    assert _line(MiniCPMV, "# call") in lines


def test_float64_numpy_into_a_float32_model() -> None:
    np = pytest.importorskip("numpy")

    def run() -> None:
        model = nn.Linear(3, 2).cuda()
        batch = torch.from_numpy(np.random.rand(4, 3)).cuda()  # float64
        model(batch)  # here

    [record] = _caught(run)
    assert record.kind == DTYPE_MISMATCH
    assert record.module == "Linear"
    assert record.param_dtypes == ("float32",) and record.input_dtypes == ("float64",)
    assert record.location is not None and record.location.line == _line(run, "# here")


def test_mask_made_in_forward_without_device() -> None:
    class Masked(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.proj = nn.Linear(4, 4)

        def forward(self, x):  # type: ignore[no-untyped-def]
            scores = self.proj(x)
            mask = torch.triu(torch.ones(4, 4, dtype=torch.bool), diagonal=1)  # no device=
            return scores.masked_fill(mask, float("-inf"))  # here

    def run() -> None:
        Masked().cuda()(torch.randn(4, 4, device="cuda"))

    [record] = _caught(run)
    assert record.kind == DEVICE_MISMATCH
    assert record.op == "Tensor.masked_fill"
    assert record.module == "Masked"
    assert record.devices == ("cpu", "cuda:0")
    assert record.location is not None and record.location.line == _line(Masked, "# here")


def test_submodule_added_after_placement() -> None:
    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.body = nn.Linear(4, 4)

        def forward(self, x):  # type: ignore[no-untyped-def]
            h = self.body(x)
            return self.head(h) if hasattr(self, "head") else h  # here

    def run() -> None:
        model = Net().to("cuda")
        model.head = nn.Linear(4, 2)  # a LoRA-style addition after .to(): still on the CPU
        model(torch.randn(2, 4, device="cuda"))

    [record] = _caught(run)
    assert record.kind == DEVICE_MISMATCH
    assert record.module == "Net.head"
    assert record.param_devices == ("cpu",) and record.input_devices == ("cuda:0",)
    assert record.location is not None and record.location.line == _line(Net, "# here")


def test_legacy_type_cast_moves_a_cuda_tensor_back_to_the_cpu() -> None:
    def run() -> None:
        bias = torch.zeros(3, device="cuda")
        x = torch.randn(3, device="cuda").type(torch.FloatTensor)  # silently on the CPU now
        assert not x.is_cuda
        x + bias  # here

    [record] = _caught(run)
    assert record.kind == DEVICE_MISMATCH
    assert record.location is not None and record.location.line == _line(run, "# here")


def test_numpy_of_a_cuda_tensor() -> None:
    pytest.importorskip("numpy")

    def run() -> None:
        preds = torch.randn(3, device="cuda").argmax()
        preds.numpy()  # here

    [record] = _caught(run, TypeError)
    assert record.kind == DEVICE_MISMATCH
    assert record.op == "Tensor.numpy"
    assert "can't convert cuda:0 device type tensor to numpy" in record.message
    assert record.location is not None and record.location.line == _line(run, "# here")


def test_list_of_modules_is_named_by_its_attribute() -> None:
    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.blocks = [nn.Linear(4, 4)]  # a plain list: .to() does not move it

        def forward(self, x):  # type: ignore[no-untyped-def]
            return self.blocks[0](x)

    def run() -> None:
        Net().cuda()(torch.randn(1, 4, device="cuda"))

    [record] = _caught(run)
    assert record.module == "Net.blocks[0]"


def test_an_op_error_is_recorded_only_when_it_escapes() -> None:
    with check() as report:
        try:
            torch.ones(2, 3) @ torch.ones(2, 3)
        except RuntimeError:
            pass  # the code handles it: not a finding
    assert report.records == []
    with pytest.raises(RuntimeError), check() as report:
        torch.ones(2, 3, device="cuda") @ torch.ones(2, 3, device="cuda")
    [record] = report.records
    assert record.kind == OP_ERROR and record.op == "Tensor.matmul"


def test_repeated_records_are_counted_once() -> None:
    with check() as report:
        for _ in range(3):
            with pytest.raises(RuntimeError):
                torch.ones(2, device="cuda") + torch.ones(2)
    [record] = report.records
    assert record.count == 3


def test_everything_is_restored_on_exit() -> None:
    before = (
        torch.cuda.is_available,
        nn.Parameter.__dict__["__new__"],
        torch.amp.autocast_mode.autocast.__init__,
        torch.load,
        torch.compile,
        torch.Generator,
    )
    with check(), check():  # nested blocks share one simulation
        assert torch.cuda.is_available()
    after = (
        torch.cuda.is_available,
        nn.Parameter.__dict__["__new__"],
        torch.amp.autocast_mode.autocast.__init__,
        torch.load,
        torch.compile,
        torch.Generator,
    )
    assert before == after
    assert not torch.overrides._is_torch_function_mode_enabled()
    from torch.nn.modules import module as module_mod

    assert not module_mod._global_forward_hooks and not module_mod._global_forward_pre_hooks
    with pytest.raises((RuntimeError, AssertionError)):
        torch.ones(1).cuda()


def test_without_simulation_errors_are_still_attributed() -> None:
    with pytest.raises(RuntimeError), check(simulate_cuda=False) as report:
        nn.Linear(3, 2).half()(torch.randn(1, 3))
    [record] = report.records
    assert record.kind == DTYPE_MISMATCH and record.module == "Linear"


def test_transformers_model_from_a_config() -> None:
    transformers = pytest.importorskip("transformers", reason="optional: pip install transformers")
    config = transformers.LlamaConfig(
        vocab_size=64,
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=64,
    )
    with check() as report:
        model = transformers.LlamaForCausalLM(config).to("cuda", torch.bfloat16)
        ids = torch.randint(0, 64, (2, 8), device=model.device)
        model(ids, labels=ids).loss.backward()
        assert model.generate(ids[:, :4], max_new_tokens=2, do_sample=False).is_cuda
    assert report.records == [], report.format()

    with check() as report, pytest.raises(RuntimeError):
        model = transformers.LlamaForCausalLM(config).to("cuda")
        model(torch.randint(0, 64, (2, 8)))  # input ids left on the CPU
    [record] = report.records
    assert record.module == "LlamaForCausalLM.model.embed_tokens"


def test_data_parallel_around_a_cpu_module() -> None:
    def run() -> None:
        model = nn.DataParallel(nn.Linear(2, 2))  # wrapped, never placed
        model(torch.ones(4, 2, device="cuda"))  # here

    # An error raised by Python code, not an op: recorded when it leaves the block.
    with pytest.raises(RuntimeError), check(device_count=2) as report:
        run()
    [record] = report.records
    assert record.kind == DEVICE_MISMATCH and record.module == "DataParallel"
    assert record.message.startswith("module must have its parameters and buffers on device")
    assert record.location is not None and record.location.line == _line(run, "# here")


def test_cpu_tensor_inside_vmap() -> None:
    def run() -> None:
        x = torch.randn(5, 3, device="cuda")
        torch.func.vmap(lambda row: torch.ones(3, 3) @ row)(x)  # here

    [record] = _caught(run)
    assert record.kind == DEVICE_MISMATCH
    assert record.location is not None and record.location.line == _line(run, "# here")


def test_type_as_sends_a_cpu_tensor_to_the_current_gpu() -> None:
    # pyro's masked pooling in a DDP worker on rank 1: x.type() has no GPU index.
    def run() -> None:
        x = torch.randn(2, 3, device="cuda:1")
        kept = torch.ones(2, 3, device="cuda:1").type_as(x.double())  # stays on cuda:1
        assert kept.device == torch.device("cuda:1")
        x * torch.arange(3).expand(2, 3).type_as(x)  # here

    with pytest.raises(RuntimeError), check(device_count=2) as report:
        run()
    [record] = report.records
    assert record.kind == DEVICE_MISMATCH and "cuda:1" in record.message
    assert "cuda:0" in record.message
    assert record.location is not None and record.location.line == _line(run, "# here")
