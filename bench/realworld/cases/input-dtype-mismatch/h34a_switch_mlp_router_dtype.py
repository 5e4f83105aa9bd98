# source: https://github.com/NVIDIA/Megatron-LM/pull/669
# error: RuntimeError: expected scalar type BFloat16 but found Float
# pattern: input-dtype-mismatch
# shape: class, helper
# looks-like: input-dtype-mismatch
# needs: torch
# cpu: no written where torch was not installed; not run
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class MoEConfig:
    hidden_size: int = 512
    ffn_hidden_size: int = 2048
    num_experts: int = 8
    params_dtype: torch.dtype = torch.bfloat16


class Expert(nn.Module):
    def __init__(self, cfg: MoEConfig):
        super().__init__()
        self.fc1 = nn.Linear(cfg.hidden_size, cfg.ffn_hidden_size, dtype=cfg.params_dtype)
        self.fc2 = nn.Linear(cfg.ffn_hidden_size, cfg.hidden_size, dtype=cfg.params_dtype)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class SwitchMLP(nn.Module):
    """Top-1 routed MLP; the router is built in the same dtype as the experts."""

    def __init__(self, cfg: MoEConfig):
        super().__init__()
        self.router = nn.Linear(cfg.hidden_size, cfg.num_experts, dtype=cfg.params_dtype)
        self.experts = nn.ModuleList(Expert(cfg) for _ in range(cfg.num_experts))

    def forward(self, hidden_states):
        s, b, h = hidden_states.shape
        flat = hidden_states.reshape(-1, h)
        route = self.router(flat)
        probs = torch.softmax(route.float(), dim=-1)
        max_prob, max_ind = probs.max(dim=-1)
        out = torch.zeros_like(flat)
        for e, expert in enumerate(self.experts):
            idx = (max_ind == e).nonzero(as_tuple=True)[0]
            if idx.numel():
                out[idx] = expert(flat[idx])
        out = out * max_prob.unsqueeze(-1).to(out.dtype)
        return out.reshape(s, b, h)


def build_block(cfg: MoEConfig, device):
    norm = nn.LayerNorm(cfg.hidden_size).to(device=device, dtype=cfg.params_dtype)
    return norm, SwitchMLP(cfg).to(device)


if __name__ == "__main__":
    cfg = MoEConfig()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    norm, moe = build_block(cfg, device)
    tokens = torch.randn(128, 4, cfg.hidden_size, device=device, dtype=cfg.params_dtype)
    y = moe(norm(tokens))
    print(y.dtype, y.shape)
