# source: https://github.com/bernardo-torres/spectral-optimal-transport/issues/3
# error: RuntimeError: stft input and window must be on the same device but got self on cuda:0 and window on cpu
# pattern: tensor-attribute-not-buffer
# shape: class, multi-file
# needs: torch, scipy
# cpu: no written where torch was not installed; not run
"""Fit a bank of sinusoid frequencies to a target tone with the SOT loss (sine toy experiment)."""
import math

import torch
import torch.nn as nn

from losses import MultiResolutionSOTLoss


class SineBank(nn.Module):
    def __init__(self, n_sines=4, sr=16000):
        super().__init__()
        self.sr = sr
        self.freqs = nn.Parameter(torch.rand(n_sines) * 2000 + 100)

    def forward(self, n_samples, batch=8):
        t = torch.arange(n_samples, device=self.freqs.device) / self.sr
        wave = torch.sin(2 * math.pi * self.freqs[:, None] * t[None, :]).sum(0)
        return wave.expand(batch, -1)


device = "cuda" if torch.cuda.is_available() else "cpu"
target_freqs = torch.tensor([220.0, 440.0, 660.0, 880.0], device=device)
t = torch.arange(16000, device=device) / 16000
target = torch.sin(2 * math.pi * target_freqs[:, None] * t).sum(0).expand(8, -1)

synth = SineBank().to(device)
criterion = MultiResolutionSOTLoss()
criterion.to(device)
optimizer = torch.optim.Adam(synth.parameters(), lr=5.0)

for step in range(500):
    optimizer.zero_grad()
    loss = criterion(synth(16000), target)
    loss.backward()
    optimizer.step()
    if step % 50 == 0:
        print(step, loss.item(), sorted(synth.freqs.detach().cpu().tolist()))
