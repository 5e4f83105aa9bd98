"""Correct GPU code must run clean under simulated CUDA: each idiom here works on a
real GPU, so any record (or exception) is a false alarm of the simulation."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch", reason="the runtime check needs torch (pip install torch)")
nn = torch.nn
F = torch.nn.functional

from torchlint.runtime import check  # noqa: E402


def _clean(fn, on_cuda=True):  # type: ignore[no-untyped-def]
    """Run ``fn`` under simulation: no record, and (while simulating) every tensor it
    returns is on the simulated GPU."""
    with check(simulate_cuda=True) as report:
        out = fn()
        results = out if isinstance(out, (tuple, list)) else (out,)
        for t in results:
            if on_cuda and isinstance(t, torch.Tensor):
                assert t.device.type == "cuda" and t.is_cuda, t
    assert report.records == [], report.format()
    return out


def test_where_with_a_python_scalar() -> None:
    def run():  # type: ignore[no-untyped-def]
        x = torch.randn(4, 4, device="cuda")
        return torch.where(x > 0, x, 0.0)

    _clean(run)


def test_zero_dim_cpu_scalars_join_cuda_ops() -> None:
    def run():  # type: ignore[no-untyped-def]
        x = torch.randn(4, device="cuda")
        scale = torch.tensor(2.0)  # a CPU scalar, as CUDA allows
        return x * scale + torch.tensor(1.0)

    _clean(run)


def test_cpu_index_tensors() -> None:
    def run():  # type: ignore[no-untyped-def]
        x = torch.randn(5, 3, device="cuda")
        idx = torch.tensor([0, 2, 4])
        mask = torch.tensor([True, False, True, False, True])
        x[idx] = 0.0
        return x[idx], x[mask], x[idx, 1]

    _clean(run)


def test_embedding() -> None:
    def run():  # type: ignore[no-untyped-def]
        emb = nn.Embedding(10, 4).cuda()
        return emb(torch.tensor([[1, 2], [3, 4]], device="cuda"))

    assert _clean(run).shape == (2, 2, 4)


def test_conv_batchnorm() -> None:
    def run():  # type: ignore[no-untyped-def]
        net = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.ReLU()).to("cuda")
        y = net(torch.randn(2, 3, 8, 8).cuda())
        net.eval()
        return net(torch.randn(1, 3, 8, 8, device="cuda")), y

    _clean(run)


def test_lstm_and_packed_sequences() -> None:
    def run():  # type: ignore[no-untyped-def]
        lstm = nn.LSTM(4, 6, batch_first=True).cuda()
        x = torch.randn(3, 5, 4, device="cuda")
        out, (h, c) = lstm(x)
        packed = nn.utils.rnn.pack_padded_sequence(
            x, torch.tensor([5, 3, 2]), batch_first=True, enforce_sorted=True
        )
        pout, _ = lstm(packed)
        padded, lengths = nn.utils.rnn.pad_packed_sequence(pout, batch_first=True)
        assert padded.is_cuda and not lengths.is_cuda
        return out, h, c

    _clean(run)


def test_multihead_attention_and_transformer_layer() -> None:
    def run():  # type: ignore[no-untyped-def]
        mha = nn.MultiheadAttention(8, 2, batch_first=True).cuda()
        x = torch.randn(2, 5, 8, device="cuda")
        mask = nn.Transformer.generate_square_subsequent_mask(5, device="cuda")
        a, _ = mha(x, x, x, attn_mask=mask)
        layer = nn.TransformerEncoderLayer(8, 2, 16, batch_first=True).cuda()
        b = layer(x)
        layer.eval()
        with torch.no_grad():
            c = layer(x, src_key_padding_mask=torch.zeros(2, 5, dtype=torch.bool, device="cuda"))
        return a, b, c

    _clean(run)


def test_scaled_dot_product_attention() -> None:
    def run():  # type: ignore[no-untyped-def]
        q = torch.randn(2, 2, 5, 4, device="cuda")
        return F.scaled_dot_product_attention(q, q, q, is_causal=True)

    _clean(run)


def test_adamw_foreach_step() -> None:
    def run():  # type: ignore[no-untyped-def]
        model = nn.Linear(4, 2).cuda()
        opt = torch.optim.AdamW(model.parameters(), lr=1e-3, foreach=True)
        for _ in range(2):
            opt.zero_grad()
            model(torch.randn(3, 4, device="cuda")).pow(2).mean().backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
        return model.weight

    _clean(run)


def test_to_other_tensor_and_channels_last() -> None:
    def run():  # type: ignore[no-untyped-def]
        ref = torch.zeros(1, device="cuda", dtype=torch.float16)
        x = torch.randn(2, 3, 4, 4).to(ref)
        assert x.is_cuda and x.dtype == torch.float16
        conv = nn.Conv2d(3, 4, 3).cuda().to(memory_format=torch.channels_last)
        y = conv(torch.randn(2, 3, 8, 8, device="cuda").to(memory_format=torch.channels_last))
        return x, y

    _clean(run)


def test_buffers_and_next_parameters_device() -> None:
    class WithBuffer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.fc = nn.Linear(4, 4)
            self.register_buffer("scale", torch.ones(4))

        def forward(self, x):  # type: ignore[no-untyped-def]
            device = next(self.parameters()).device
            return self.fc(x) * self.scale + torch.arange(4, device=device)

    def run():  # type: ignore[no-untyped-def]
        model = WithBuffer().to(torch.device("cuda"))
        assert model.scale.is_cuda
        return model(torch.randn(2, 4).to(next(model.parameters()).device))

    _clean(run)


def test_autocast_with_grad_scaler() -> None:
    def run():  # type: ignore[no-untyped-def]
        model = nn.Sequential(nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 2)).cuda()
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        scaler = torch.amp.GradScaler("cuda")
        for _ in range(2):
            opt.zero_grad()
            with torch.autocast("cuda"):
                out = model(torch.randn(4, 8, device="cuda"))
                assert out.dtype == torch.float16
                loss = F.cross_entropy(out, torch.tensor([0, 1, 0, 1], device="cuda"))
            scaler.scale(loss).backward()
            scaler.step(opt)
            scaler.update()
        return loss

    _clean(run)


def test_half_model_under_autocast() -> None:
    def run():  # type: ignore[no-untyped-def]
        model = nn.Linear(4, 4).cuda().half()
        with torch.autocast(device_type="cuda", dtype=torch.float16):
            return model(torch.randn(2, 4, device="cuda"))

    _clean(run)


def test_short_cnn_training_loop() -> None:
    class SmallCNN(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.features = nn.Sequential(
                nn.Conv2d(1, 4, 3, padding=1),
                nn.BatchNorm2d(4),
                nn.ReLU(),
                nn.MaxPool2d(2),
                nn.Dropout(0.1),
            )
            self.head = nn.Linear(4 * 4 * 4, 3)

        def forward(self, x):  # type: ignore[no-untyped-def]
            return self.head(torch.flatten(self.features(x), 1))

    def run():  # type: ignore[no-untyped-def]
        device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        model = SmallCNN().to(device)
        opt = torch.optim.Adam(model.parameters())
        data = torch.utils.data.TensorDataset(torch.randn(16, 1, 8, 8), torch.randint(0, 3, (16,)))
        loader = torch.utils.data.DataLoader(data, batch_size=4, pin_memory=True)
        for x, y in loader:
            x, y = x.to(device, non_blocking=True), y.to(device)
            loss = F.cross_entropy(model(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            pred = model(torch.randn(2, 1, 8, 8, device=device)).argmax(1).cpu().numpy()
        return device, pred

    device, pred = _clean(run, on_cuda=False)
    assert device.type == "cuda" and pred.shape == (2,)


def test_cuda_api_and_restore() -> None:
    with check() as report:
        assert torch.cuda.is_available() and torch.cuda.device_count() == 1
        assert torch.cuda.current_device() == 0
        torch.cuda.manual_seed_all(0)
        torch.cuda.synchronize()
        assert torch.cuda.memory_allocated() == 0
        assert "simulated" in torch.cuda.get_device_name(0)
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        with torch.cuda.device(0), torch.cuda.stream(torch.cuda.Stream()):
            torch.ones(2, device="cuda").sum().item()
        end.record()
        assert start.elapsed_time(end) >= 0
        gen = torch.Generator(device="cuda").manual_seed(0)
        assert torch.randn(2, device="cuda", generator=gen).is_cuda
        assert torch.compile(nn.Linear(2, 2).cuda())(torch.ones(1, 2, device="cuda")).is_cuda
    assert report.records == []
    assert torch.cuda.is_available() is False
    assert torch.ones(2).device.type == "cpu"


def test_save_and_load_to_cuda(tmp_path) -> None:  # type: ignore[no-untyped-def]
    def run():  # type: ignore[no-untyped-def]
        path = tmp_path / "m.pt"
        torch.save(nn.Linear(2, 2).state_dict(), path)
        state = torch.load(path, map_location="cuda")
        model = nn.Linear(2, 2).cuda()
        model.load_state_dict(state)
        return state["weight"], model(torch.ones(1, 2, device="cuda"))

    _clean(run)


def test_deepcopy_and_parameter_keep_the_device() -> None:
    import copy

    def run():  # type: ignore[no-untyped-def]
        model = nn.Linear(2, 2).cuda()
        twin = copy.deepcopy(model)
        p = nn.Parameter(torch.zeros(2, device="cuda"))
        return twin.weight, p, twin(torch.ones(1, 2, device="cuda")) + p

    _clean(run)


def test_default_device_and_legacy_cuda_types() -> None:
    def run():  # type: ignore[no-untyped-def]
        torch.set_default_device("cuda")
        try:
            made = torch.zeros(2), torch.tensor([1.0]), nn.Linear(2, 2).weight
        finally:
            torch.set_default_device(None)
        with torch.device("cuda"):
            inside = torch.ones(2)
        legacy = torch.cuda.FloatTensor(2).zero_()
        assert isinstance(legacy, torch.cuda.FloatTensor)
        assert not isinstance(torch.zeros(2), torch.cuda.FloatTensor)
        cast = torch.zeros(2).type(torch.cuda.HalfTensor)
        assert cast.dtype == torch.float16 and cast.type() == "torch.cuda.HalfTensor"
        return (*made, inside, legacy, cast)

    _clean(run)


def test_data_parallel() -> None:
    def run():  # type: ignore[no-untyped-def]
        model = nn.DataParallel(nn.Sequential(nn.Linear(4, 4), nn.ReLU())).cuda()
        out = model(torch.randn(6, 4, device="cuda"))
        out.sum().backward()
        return out, model.module[0].weight.grad

    _clean(run)
    with check(device_count=2) as report:  # two replicas; forward only
        model = nn.DataParallel(nn.Linear(4, 4).cuda())
        with torch.no_grad():
            out = model(torch.randn(6, 4, device="cuda"))
        assert out.device == torch.device("cuda", 0)
    assert report.records == []


def test_checkpoint_saved_on_a_gpu(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import torch.serialization

    path = tmp_path / "gpu.pt"
    with monkeypatch.context() as m:  # write storages as a GPU run would
        m.setattr(torch.serialization, "location_tag", lambda storage: "cuda:0")
        torch.save({"w": torch.ones(2)}, path)
    with check() as report:
        assert torch.load(path)["w"].is_cuda
        assert not torch.load(path, map_location="cpu")["w"].is_cuda
        assert not torch.load(path, map_location={"cuda:0": "cpu"})["w"].is_cuda
    assert report.records == []


def test_torch_func_transforms() -> None:
    def run():  # type: ignore[no-untyped-def]
        w = torch.randn(3, 3, device="cuda")
        x = torch.randn(5, 3, device="cuda")
        batched = torch.func.vmap(lambda r: w @ r)(x)
        grad = torch.func.grad(lambda r: (w @ r).sum())(x[0])
        model = nn.Linear(3, 3).cuda()
        called = torch.func.functional_call(model, dict(model.named_parameters()), (x,))
        return batched, grad, called

    _clean(run)


def test_ctc_loss_with_cpu_lengths_and_misc_ops() -> None:
    def run():  # type: ignore[no-untyped-def]
        log_probs = torch.randn(10, 2, 5, device="cuda").log_softmax(2)
        targets = torch.randint(1, 5, (2, 3), device="cuda")
        ctc = F.ctc_loss(log_probs, targets, torch.tensor([10, 10]), torch.tensor([3, 3]))
        x = torch.randn(5, 3, device="cuda")
        sample = torch.distributions.Categorical(logits=x).sample()
        shuffled = x[torch.randperm(5, device="cuda")]
        hot = F.one_hot(sample, 3)
        return ctc, sample, shuffled, hot

    _clean(run)
