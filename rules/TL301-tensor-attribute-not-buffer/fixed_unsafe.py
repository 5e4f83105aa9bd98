import numpy as np
import torch
from torch import nn


class CausalSelfAttention(nn.Module):
    def __init__(self, block_size: int) -> None:
        super().__init__()
        self.register_buffer("mask", torch.tril(torch.ones(block_size, block_size)), persistent=False)  # expect: TL301:9 lines=14
        self.register_buffer("scale", torch.tensor([0.125]), persistent=False)  # expect: TL301:9 lines=13

    def forward(self, scores):
        scores = scores * self.scale
        return scores.masked_fill(self.mask == 0, float("-inf"))


class AnchorHead(nn.Module):
    def __init__(self, sizes) -> None:
        super().__init__()
        self.anchors = [torch.tensor(s) for s in sizes]
        self.strides = [torch.tensor([8.0]), torch.tensor([16.0])]  # expect: TL301:9 lines=27
        self.register_buffer("mean", torch.zeros(3))
        self.register_buffer("std", torch.ones(3))
        self.stats = [self.mean, self.std]  # expect: TL301:9 lines=27

    def forward(self, x):
        return [x * s for s in self.strides] + [torch.stack(self.stats)]


class TimeStretch(nn.Module):
    def __init__(self, hop_length: int, n_freq: int) -> None:
        super().__init__()
        # An index that keeps the dimensions ([..., None]) leaves the same CPU tensor.
        self.register_buffer("phase_advance", torch.linspace(0, np.pi * hop_length, n_freq)[..., None], persistent=False)  # expect: TL301:9 lines=37

    def forward(self, phase):
        return phase - self.phase_advance


def sinusoid_table(n_position: int, dim: int) -> torch.Tensor:
    position = torch.arange(n_position)[:, None]
    freqs = torch.exp(torch.arange(0, dim, 2) * (-np.log(10000.0) / dim))
    table = torch.cat([(position * freqs).sin(), (position * freqs).cos()], dim=-1)
    return table.unsqueeze(0)


class PositionalEncoding(nn.Module):
    def __init__(self, dim: int, n_position: int = 200) -> None:
        super().__init__()
        # The table comes out of a helper, made on the CPU there.
        self.register_buffer("pos_table", sinusoid_table(n_position, dim), persistent=False)  # expect: TL301:9 lines=44,54

    def forward(self, x):
        return x + self.pos_table[:, : x.size(1)]


class SkeletonNet(nn.Module):
    def __init__(self, seg: int, joints: int) -> None:
        super().__init__()
        self.register_buffer("tem", self.one_hot(seg, joints), persistent=False)  # expect: TL301:9 lines=65,68
        self.embed = nn.Linear(seg, 16)

    def one_hot(self, spa: int, tem: int) -> torch.Tensor:
        onehot = torch.zeros(spa, spa).scatter_(1, torch.arange(spa).unsqueeze(-1), 1)
        return onehot.unsqueeze(0).repeat(tem, 1, 1)

    def forward(self, x):
        return torch.cat([x, self.embed(self.tem)], dim=-1)


class SinusoidalPositions(nn.Module):
    def __init__(self, n: int, dim: int) -> None:
        super().__init__()
        self.weights = SinusoidalPositions.table(n, dim)  # expect: TL301:9 lines=79,84
        self.register_buffer("_float_tensor", torch.empty(1))

    @staticmethod
    def table(n: int, dim: int) -> torch.Tensor:
        return torch.arange(n * dim, dtype=torch.float).view(n, dim).sin()

    def forward(self, x):
        # Copies the model's floating type, not its device.
        self.weights = self.weights.to(self._float_tensor.dtype)
        return x + self.weights[: x.size(1)]


def sincos_grid(h, w, dim):
    ys = torch.arange(h, dtype=torch.float32)[:, None].expand(h, w)
    xs = torch.arange(w, dtype=torch.float32)[None, :].expand(h, w)
    return torch.stack([ys.sin(), ys.cos(), xs.sin(), xs.cos()], -1).repeat(1, 1, dim // 4)


class Resampler(nn.Module):
    # MiniCPM-o's 2-D position cache: recast to the input's dtype where it is used,
    # never moved; the model's .to(device) leaves it on the CPU.
    def __init__(self, dim=32):
        super().__init__()
        self.k_proj = nn.Linear(dim, dim)
        self.register_buffer("pos_cache", sincos_grid(20, 20, dim), persistent=False)  # expect: TL301:9 lines=90,104

    def positions(self, sizes, dtype):
        rows = []
        for h, w in sizes:
            rows.append(self.pos_cache[:h, :w].reshape(h * w, -1).to(dtype))
        return torch.nn.utils.rnn.pad_sequence(rows, batch_first=True)

    def forward(self, x, sizes):
        return self.k_proj(x) + self.positions(sizes, x.dtype)


class RotaryEmbedding(nn.Module):
    # The Llama rotary cache of early ports: made where inv_freq is while the module
    # is built (the CPU), kept as plain attributes, returned recast to the input's
    # dtype only.
    def __init__(self, dim, max_positions=2048, base=10000):
        super().__init__()
        self.register_buffer("inv_freq", 1.0 / (base ** (torch.arange(0, dim, 2).float() / dim)))
        t = torch.arange(max_positions, device=self.inv_freq.device, dtype=self.inv_freq.dtype)
        freqs = torch.outer(t, self.inv_freq)
        emb = torch.cat((freqs, freqs), dim=-1)
        self.register_buffer("cos_cached", emb.cos()[None, None, :, :], persistent=False)  # expect: TL301:9 lines=124

    def forward(self, x, seq_len):
        return self.cos_cached[:, :, :seq_len, ...].to(dtype=x.dtype)


class RoPE(nn.Module):
    # The cache is built by a method __init__ calls (and forward calls again to grow
    # it): those attributes are set while the module is built, on the CPU.
    def __init__(self, head_dim, max_positions=256, base=10000):
        super().__init__()
        self.head_dim, self.base = head_dim, base
        self.reset_parameters(max_positions)

    def reset_parameters(self, max_positions):
        inv_freq = 1.0 / (self.base ** (torch.arange(0, self.head_dim, 2).float() / self.head_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)
        self._set_cache(max_positions, torch.float32)

    def _set_cache(self, seq_len, dtype):
        self.cached_len = seq_len
        t = torch.arange(seq_len, dtype=torch.float32)
        emb = torch.outer(t, self.inv_freq)
        self.register_buffer("cos_cached", emb.cos().to(dtype), persistent=False)  # expect: TL301:9 lines=150

    def forward(self, seq_len, dtype):
        if seq_len > self.cached_len:
            self._set_cache(seq_len, dtype)
        cos = self.cos_cached[:seq_len].to(dtype)
        return cos


class DeviceNoneRotary(nn.Module):
    # device=None: unless the caller passes one, the cache is made on the CPU.
    def __init__(self, dim, max_positions=64, device=None):
        super().__init__()
        t = torch.arange(max_positions, device=device, dtype=torch.float32)
        self.register_buffer("angles", torch.outer(t, torch.ones(dim // 2, device=device)), persistent=False)  # expect: TL301:9 lines=161

    def forward(self, x):
        return x * self.angles[: x.shape[-2]].cos().to(x.dtype)


class SinusoidalPositions(nn.Module):
    # fairseq's shape: a static method builds the table in several steps, forward
    # converts it to the model's dtype only (`.to(dtype)` is no move).
    def __init__(self, dim, max_positions=64):
        super().__init__()
        self.weights = SinusoidalPositions.table(max_positions, dim)  # expect: TL301:9 lines=178,182
        self.register_buffer("_float_tensor", torch.empty(1))

    @staticmethod
    def table(n, dim):
        emb = 9.21 / (dim // 2 - 1)  # log(10000)
        emb = torch.exp(torch.arange(dim // 2, dtype=torch.float) * -emb)
        emb = torch.arange(n, dtype=torch.float).unsqueeze(1) * emb.unsqueeze(0)
        emb = torch.cat([torch.sin(emb), torch.cos(emb)], dim=1)
        return emb

    def forward(self, positions):
        self.weights = self.weights.to(self._float_tensor.dtype)
        return self.weights.index_select(0, positions.view(-1))
