import torch
from torch import nn


class Buffered(nn.Module):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.register_buffer("mask", torch.tril(torch.ones(n, n)), persistent=False)
        self.weight = nn.Parameter(torch.randn(n, n))

    def forward(self, scores):
        return scores.masked_fill(self.mask == 0, float("-inf")) @ self.weight


class MovesItItself(nn.Module):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.table = torch.randn(n, 4)

    def forward(self, idx):
        return self.table.to(idx.device)[idx]


class NeverUsedInForward(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.example_input = torch.zeros(1, 3, 224, 224)  # for tracing, not compute

    def forward(self, x):
        return x


class NotAModule:
    def __init__(self) -> None:
        self.cache = torch.zeros(4)

    def add(self, x):
        return x + self.cache


class FirstEntry(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        # Integer indices leave a 0-dim tensor, which mixes with tensors on any device.
        self.offset = torch.linspace(0, 1, 5)[0]

    def forward(self, x):
        return x + self.offset


def table_on(device: torch.device, n: int) -> torch.Tensor:
    return torch.arange(n, device=device)


def sizes(n: int) -> list[int]:
    return [n, n * 2]


class HelperMade(nn.Module):
    def __init__(self, n: int, device: torch.device) -> None:
        super().__init__()
        # The helper makes it where it was told to: placed on purpose.
        self.index = table_on(device, n)
        # A helper that returns plain numbers: no tensor.
        self.sizes = sizes(n)
        # A helper's tensor registered as a buffer moves with the module.
        self.register_buffer("table", self.make_table(n), persistent=False)

    def make_table(self, n: int) -> torch.Tensor:
        return torch.ones(n, n).tril()

    def forward(self, x):
        return x[..., self.index] * self.table + sum(self.sizes)


def sinusoid_table(n: int, dim: int) -> torch.Tensor:
    return torch.FloatTensor(n, dim).uniform_().unsqueeze(0)


class VideoEmbeddings(nn.Module):
    def __init__(self, n: int, dim: int) -> None:
        super().__init__()
        self.position_embeddings = sinusoid_table(n, dim)

    def forward(self, embeddings):
        # Copied to the input's device (and dtype) at every use: works wherever it runs.
        return embeddings + self.position_embeddings.detach().type_as(embeddings).to(
            device=embeddings.device, copy=True
        )


class SinusoidalPositions(nn.Module):
    def __init__(self, n: int, dim: int) -> None:
        super().__init__()
        self.weights = SinusoidalPositions.table(n, dim)
        self.register_buffer("_float_tensor", torch.empty(1))

    @staticmethod
    def table(n: int, dim: int) -> torch.Tensor:
        return torch.arange(n * dim, dtype=torch.float).view(n, dim).sin()

    def forward(self, x):
        # Follows the input's device and the model's floating type.
        self.weights = self.weights.to(device=x.device, dtype=self._float_tensor.dtype)
        return x + self.weights[: x.size(1)]


def sincos_grid(h, w, dim):
    ys = torch.arange(h, dtype=torch.float32)[:, None].expand(h, w)
    xs = torch.arange(w, dtype=torch.float32)[None, :].expand(h, w)
    return torch.stack([ys.sin(), ys.cos(), xs.sin(), xs.cos()], -1).repeat(1, 1, dim // 4)


class Resampler(nn.Module):
    # The cache follows the input's device and dtype where it is used.
    def __init__(self, dim=32):
        super().__init__()
        self.k_proj = nn.Linear(dim, dim)
        self.pos_cache = sincos_grid(20, 20, dim)

    def positions(self, sizes, x):
        rows = []
        for h, w in sizes:
            rows.append(self.pos_cache[:h, :w].reshape(h * w, -1).to(x.device, x.dtype))
        return torch.nn.utils.rnn.pad_sequence(rows, batch_first=True)

    def forward(self, x, sizes):
        return self.k_proj(x) + self.positions(sizes, x)


class RotaryEmbedding(nn.Module):
    # The same cache registered as a buffer: it follows the module's .to().
    def __init__(self, dim, max_positions=2048, base=10000):
        super().__init__()
        self.register_buffer("inv_freq", 1.0 / (base ** (torch.arange(0, dim, 2).float() / dim)))
        t = torch.arange(max_positions, device=self.inv_freq.device, dtype=self.inv_freq.dtype)
        freqs = torch.outer(t, self.inv_freq)
        emb = torch.cat((freqs, freqs), dim=-1)
        self.register_buffer("cos_cached", emb.cos()[None, None, :, :], persistent=False)

    def forward(self, x, seq_len):
        return self.cos_cached[:, :, :seq_len, ...].to(dtype=x.dtype)


class RoPEBuffers(nn.Module):
    # The same cache built by a method __init__ calls, registered as buffers.
    def __init__(self, head_dim, max_positions=256):
        super().__init__()
        self.head_dim = head_dim
        self._set_cache(max_positions)

    def _set_cache(self, seq_len):
        t = torch.arange(seq_len, dtype=torch.float32)
        emb = torch.outer(t, torch.ones(self.head_dim // 2))
        self.register_buffer("cos_cached", emb.cos(), persistent=False)

    def forward(self, seq_len, dtype):
        return self.cos_cached[:seq_len].to(dtype)


class InitTable(nn.Module):
    # A table a build-time method makes and uses only while the module is built.
    def __init__(self, n):
        super().__init__()
        self._build(n)

    def _build(self, n):
        self.table = torch.linspace(0, 1, n)
        self.weight = nn.Parameter(self.table * 2)

    def forward(self, x):
        return x @ self.weight


class DeviceRequiredTable(nn.Module):
    # The caller must say where the table goes: made there on purpose.
    def __init__(self, n, device):
        super().__init__()
        self.table = torch.linspace(0, 1, n, device=device)

    def forward(self, x):
        return x * self.table


class SinusoidalPositions(nn.Module):
    # The table is a buffer: `.to(device)` and `.half()` move and convert it.
    def __init__(self, dim, max_positions=64):
        super().__init__()
        self.register_buffer("weights", SinusoidalPositions.table(max_positions, dim), persistent=False)

    @staticmethod
    def table(n, dim):
        emb = 9.21 / (dim // 2 - 1)  # log(10000)
        emb = torch.exp(torch.arange(dim // 2, dtype=torch.float) * -emb)
        emb = torch.arange(n, dtype=torch.float).unsqueeze(1) * emb.unsqueeze(0)
        return torch.cat([torch.sin(emb), torch.cos(emb)], dim=1)

    def forward(self, positions):
        return self.weights.index_select(0, positions.view(-1))


class StepTable(nn.Module):
    # A helper whose value is a list in the end, not a tensor: nothing to register.
    def __init__(self, n):
        super().__init__()
        self.steps = StepTable.steps_of(n)

    @staticmethod
    def steps_of(n):
        steps = torch.linspace(0, 1, n)
        steps = steps.tolist()
        return steps

    def forward(self, x):
        return x.mul(self.steps[0])
