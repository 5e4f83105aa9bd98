# source: https://github.com/mpariente/pytorch_stoi/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Differentiable (approximate) short-time objective intelligibility loss."""
import torch
import torch.nn as nn


class NegSTOILoss(nn.Module):
    def __init__(self, sample_rate=16000, win_len=256, hop=128, n_bands=15):
        super().__init__()
        self.sample_rate = sample_rate
        self.win_len, self.hop = win_len, hop
        self.register_buffer("win", torch.hann_window(win_len + 2)[1:-1])
        n_freq = win_len // 2 + 1
        edges = torch.linspace(0, n_freq, n_bands + 1).long()
        obm = torch.zeros(n_bands, n_freq)
        for b in range(n_bands):
            obm[b, edges[b]:edges[b + 1]] = 1.0
        self.register_buffer("obm", obm)

    def _bands(self, x):
        spec = torch.stft(x, self.win_len, self.hop, window=self.win, return_complex=True)
        return torch.sqrt(self.obm @ spec.abs().pow(2) + 1e-8)

    def forward(self, est, ref):
        e, r = self._bands(est), self._bands(ref)
        e = e - e.mean(dim=-1, keepdim=True)
        r = r - r.mean(dim=-1, keepdim=True)
        corr = (e * r).sum(-1) / (e.norm(dim=-1) * r.norm(dim=-1) + 1e-8)
        return -corr.mean()
