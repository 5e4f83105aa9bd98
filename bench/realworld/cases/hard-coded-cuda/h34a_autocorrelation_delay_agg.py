# source: https://github.com/thuml/Time-Series-Library/pull/621
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper
# looks-like: hard-coded-cuda
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn


class AutoCorrelation(nn.Module):
    """Period-based dependency discovery (Autoformer style), device agnostic."""

    def __init__(self, factor=1, output_attention=False):
        super().__init__()
        self.factor = factor
        self.output_attention = output_attention

    def time_delay_agg_inference(self, values, corr):
        batch, head, channel, length = values.shape
        init_index = torch.arange(length, device=values.device)
        init_index = init_index.view(1, 1, 1, length).repeat(batch, head, channel, 1)
        top_k = int(self.factor * math.log(length))
        mean_value = torch.mean(torch.mean(corr, dim=1), dim=1)
        weights, delay = torch.topk(mean_value, top_k, dim=-1)
        tmp_corr = torch.softmax(weights, dim=-1)
        tmp_values = values.repeat(1, 1, 1, 2)
        delays_agg = torch.zeros_like(values)
        for i in range(top_k):
            shift = delay[:, i].view(batch, 1, 1, 1).repeat(1, head, channel, length)
            pattern = torch.gather(tmp_values, dim=-1, index=init_index + shift)
            delays_agg = delays_agg + pattern * tmp_corr[:, i].view(batch, 1, 1, 1)
        return delays_agg

    def forward(self, queries, keys, values):
        B, L, H, E = queries.shape
        _, S, _, D = values.shape
        if L > S:
            zeros = torch.zeros_like(queries[:, :(L - S), :])
            values = torch.cat([values, zeros], dim=1)
            keys = torch.cat([keys, zeros], dim=1)
        else:
            values, keys = values[:, :L], keys[:, :L]
        q_fft = torch.fft.rfft(queries.permute(0, 2, 3, 1).contiguous(), dim=-1)
        k_fft = torch.fft.rfft(keys.permute(0, 2, 3, 1).contiguous(), dim=-1)
        corr = torch.fft.irfft(q_fft * torch.conj(k_fft), n=L, dim=-1)
        agg = self.time_delay_agg_inference(values.permute(0, 2, 3, 1).contiguous(), corr)
        return agg.permute(0, 3, 1, 2), (corr.permute(0, 3, 1, 2) if self.output_attention else None)


if __name__ == "__main__":
    # CPU inference of a trained forecaster on an edge box
    layer = AutoCorrelation(factor=3).eval()
    q = torch.randn(2, 96, 8, 64)
    with torch.no_grad():
        out, _ = layer(q, q, q)
    print(out.shape)
