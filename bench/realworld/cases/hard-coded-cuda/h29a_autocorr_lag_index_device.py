# source: https://github.com/thuml/Autoformer/pull/66
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class
# looks-like: hard-coded-cuda
# needs: torch
# cpu: no written where torch was not installed; not run
"""Auto-correlation block (Autoformer style) used for long-horizon load
forecasting. At inference the top-k lags are rolled in with a gathered index
that is built on the same device as the incoming values."""
import math

import torch
import torch.nn as nn


class LagAutoCorrelation(nn.Module):
    def __init__(self, factor=1.0):
        super().__init__()
        self.factor = factor

    def _period_corr(self, q, k):
        q_fft = torch.fft.rfft(q.permute(0, 2, 3, 1).contiguous(), dim=-1)
        k_fft = torch.fft.rfft(k.permute(0, 2, 3, 1).contiguous(), dim=-1)
        return torch.fft.irfft(q_fft * torch.conj(k_fft), dim=-1)

    def _aggregate_eval(self, values, corr):
        batch, head, channel, length = values.shape
        base_index = torch.arange(length).view(1, 1, 1, -1).repeat(batch, head, channel, 1).to(values.device)
        top_k = int(self.factor * math.log(length))
        mean_corr = corr.mean(dim=1).mean(dim=1)
        weights, delay = torch.topk(mean_corr, top_k, dim=-1)
        weights = torch.softmax(weights, dim=-1)
        doubled = values.repeat(1, 1, 1, 2)
        out = torch.zeros_like(values)
        for i in range(top_k):
            shift = delay[:, i].view(-1, 1, 1, 1).repeat(1, head, channel, length)
            rolled = torch.gather(doubled, dim=-1, index=base_index + shift)
            out = out + rolled * weights[:, i].view(-1, 1, 1, 1)
        return out

    def forward(self, queries, keys, values):
        corr = self._period_corr(queries, keys)
        agg = self._aggregate_eval(values.permute(0, 2, 3, 1).contiguous(), corr)
        return agg.permute(0, 3, 1, 2)


class LoadForecastBlock(nn.Module):
    def __init__(self, d_model=64, n_heads=4):
        super().__init__()
        self.n_heads = n_heads
        self.q = nn.Linear(d_model, d_model)
        self.k = nn.Linear(d_model, d_model)
        self.v = nn.Linear(d_model, d_model)
        self.corr = LagAutoCorrelation()
        self.out = nn.Linear(d_model, d_model)

    def forward(self, x):
        b, length, d = x.shape
        split = lambda t: t.view(b, length, self.n_heads, d // self.n_heads)
        agg = self.corr(split(self.q(x)), split(self.k(x)), split(self.v(x)))
        return self.out(agg.reshape(b, length, d))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    block = LoadForecastBlock().to(device).eval()
    with torch.no_grad():
        hourly = torch.randn(8, 96, 64, device=device)
        print(block(hourly).shape)
