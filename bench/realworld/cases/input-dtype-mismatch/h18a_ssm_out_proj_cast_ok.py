# source: https://github.com/huggingface/transformers/pull/46487
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: float != c10::BFloat16
# pattern: input-dtype-mismatch
# shape: class, helper
# looks-like: input-dtype-mismatch
# needs: torch
# cpu: no written where torch was not installed; not run

import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def selective_scan_ref(u, delta, A, B, C, D):
    """Sequential reference scan; accumulates in float32 whatever the module dtype."""
    u, delta, B, C = u.float(), delta.float(), B.float(), C.float()
    batch, length, d_inner = u.shape
    state = u.new_zeros(batch, d_inner, A.shape[1])
    ys = []
    for t in range(length):
        dA = torch.exp(delta[:, t, :, None] * A)
        dBu = delta[:, t, :, None] * B[:, t, None, :] * u[:, t, :, None]
        state = dA * state + dBu
        ys.append((state * C[:, t, None, :]).sum(-1))
    return torch.stack(ys, dim=1) + u * D


class MambaMixer(nn.Module):
    def __init__(self, d_model, d_state=16, expand=2):
        super().__init__()
        d_inner = expand * d_model
        self.dt_rank = math.ceil(d_model / 16)
        self.d_state = d_state
        self.in_proj = nn.Linear(d_model, 2 * d_inner, bias=False)
        self.x_proj = nn.Linear(d_inner, self.dt_rank + 2 * d_state, bias=False)
        self.dt_proj = nn.Linear(self.dt_rank, d_inner)
        A = torch.arange(1, d_state + 1, dtype=torch.float32).repeat(d_inner, 1)
        self.A_log = nn.Parameter(torch.log(A))
        self.D = nn.Parameter(torch.ones(d_inner))
        self.out_proj = nn.Linear(d_inner, d_model, bias=False)

    def forward(self, hidden_states):
        x, z = self.in_proj(hidden_states).chunk(2, dim=-1)
        x = F.silu(x)
        dt, B, C = torch.split(self.x_proj(x), [self.dt_rank, self.d_state, self.d_state], dim=-1)
        dt = F.softplus(self.dt_proj(dt))
        A = -torch.exp(self.A_log.float())
        y = selective_scan_ref(x, dt, A, B, C, self.D.float())
        y = y * F.silu(z.float())
        return self.out_proj(y.to(self.out_proj.weight.dtype))


class MambaLM(nn.Module):
    def __init__(self, vocab_size=32000, d_model=256, n_layers=4):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, d_model)
        self.layers = nn.ModuleList([MambaMixer(d_model) for _ in range(n_layers)])
        self.norms = nn.ModuleList([nn.LayerNorm(d_model) for _ in range(n_layers)])
        self.lm_head = nn.Linear(d_model, vocab_size, bias=False)

    def forward(self, input_ids):
        h = self.embed(input_ids)
        for norm, mixer in zip(self.norms, self.layers):
            h = h + mixer(norm(h))
        return self.lm_head(h)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = MambaLM().to(device=device, dtype=torch.bfloat16).eval()
    ids = torch.randint(0, 32000, (2, 64), device=device)
    with torch.no_grad():
        print(model(ids).shape)
