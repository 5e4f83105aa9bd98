# source: https://github.com/davidmrau/mixture-of-experts/issues/12
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
"""Sparsely-gated mixture of experts with noisy top-k gating."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Expert(nn.Module):
    def __init__(self, d_in, d_hidden, d_out):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(d_in, d_hidden), nn.ReLU(), nn.Linear(d_hidden, d_out))

    def forward(self, x):
        return self.net(x)


class MoE(nn.Module):
    def __init__(self, input_size, output_size, num_experts=8, hidden_size=64, k=2):
        super().__init__()
        self.k = k
        self.output_size = output_size
        self.experts = nn.ModuleList([Expert(input_size, hidden_size, output_size)
                                      for _ in range(num_experts)])
        self.w_gate = nn.Parameter(torch.zeros(input_size, num_experts))
        self.w_noise = nn.Parameter(torch.zeros(input_size, num_experts))
        self.register_buffer("mean", torch.tensor([0.0]))
        self.register_buffer("std", torch.tensor([1.0]))

    def noisy_top_k_gating(self, x, train=True):
        clean_logits = x @ self.w_gate
        if train:
            noise_std = F.softplus(x @ self.w_noise) + 1e-2
            logits = clean_logits + torch.randn_like(clean_logits) * noise_std
        else:
            logits = clean_logits
        top_logits, top_idx = logits.topk(self.k, dim=1)
        gates = torch.zeros_like(logits).scatter(1, top_idx, F.softmax(top_logits, dim=1))
        return gates

    def forward(self, x):
        gates = self.noisy_top_k_gating(x, self.training)
        out = torch.zeros(x.shape[0], self.output_size, device=x.device)
        for e, expert in enumerate(self.experts):
            out = out + gates[:, e:e + 1] * expert(x)
        importance = gates.sum(0)
        aux_loss = importance.std() / (importance.mean() + 1e-10)
        return out, aux_loss
