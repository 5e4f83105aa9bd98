# source: https://github.com/yoniLc/DDECC/pull/2
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-attribute-not-buffer
# shape: class, multi-file
# bug-lines: 23, 24, 44
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F


class SyndromeDenoiser(nn.Module):
    """Predicts the multiplicative channel noise of a received word, conditioned on its syndrome weight."""

    def __init__(self, pc_matrix, n_steps, sigma=0.01, d_model=64):
        super().__init__()
        n = pc_matrix.size(1)
        self.n_steps = n_steps
        self.register_buffer("pc_matrix", pc_matrix.t().float())
        betas = torch.full((n_steps,), sigma)
        self.betas = betas.view(-1, 1)
        self.betas_bar = torch.cumsum(self.betas, 0)
        self.step_embed = nn.Embedding(n_steps, d_model)
        self.inp = nn.Linear(n + pc_matrix.size(0), d_model)
        self.out = nn.Linear(d_model, n)

    def syndrome(self, y):
        bits = (1 - torch.sign(y)) / 2
        return torch.matmul(bits, self.pc_matrix) % 2

    def forward(self, y, t):
        s = self.syndrome(y)
        h = self.inp(torch.cat([y.abs(), 1 - 2 * s], dim=-1))
        h = F.gelu(h * self.step_embed(t))
        return self.out(h)

    @torch.no_grad()
    def p_sample(self, yt):
        t = self.syndrome(yt).round().long().sum(-1).clamp(max=self.n_steps - 1)
        noise_mul = self(yt, t)
        noise_add = yt - torch.sign(-noise_mul * torch.sign(yt))
        factor = torch.sqrt(self.betas_bar[t]) * self.betas[t] / (self.betas_bar[t] + self.betas[t])
        y_next = yt - noise_add * factor
        y_next[t == 0] = yt[t == 0]
        return y_next, t

    @torch.no_grad()
    def decode(self, y, max_iters=None):
        for _ in range(max_iters or self.pc_matrix.size(1)):
            y, t = self.p_sample(y)
            if bool((t == 0).all()):
                break
        return y
