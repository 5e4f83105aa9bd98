# source: https://github.com/lucidrains/mixture-of-experts/issues/5
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class
# bug-lines: 28
# needs: torch
# cpu: clean
"""Sparsely-gated MoE feed-forward (noisy top-k gating) inside a small token-level LM."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributions.normal import Normal


def cv_squared(x, eps=1e-10):
    return x.float().var() / (x.float().mean() ** 2 + eps) if x.numel() > 1 else x.new_zeros(())


class NoisyTopKMoE(nn.Module):
    def __init__(self, d_model, n_experts=8, k=2, noise_eps=1e-2):
        super().__init__()
        self.k, self.n_experts, self.noise_eps = k, n_experts, noise_eps
        self.w_gate = nn.Parameter(torch.zeros(d_model, n_experts))
        self.w_noise = nn.Parameter(torch.zeros(d_model, n_experts))
        self.experts = nn.ModuleList(nn.Sequential(nn.Linear(d_model, 2 * d_model), nn.GELU(),
                                                   nn.Linear(2 * d_model, d_model))
                                     for _ in range(n_experts))
        self.normal = Normal(torch.tensor([0.0]), torch.tensor([1.0]))

    def _prob_in_top_k(self, clean, noisy, noise_std, top_values):
        m = top_values.size(1)
        flat = top_values.flatten()
        pos_in = torch.arange(clean.size(0), device=clean.device) * m + self.k
        thr_in = torch.gather(flat, 0, pos_in).unsqueeze(1)
        thr_out = torch.gather(flat, 0, pos_in - 1).unsqueeze(1)
        p_in = self.normal.cdf((clean - thr_in) / noise_std)
        p_out = self.normal.cdf((clean - thr_out) / noise_std)
        return torch.where(noisy > thr_in, p_in, p_out)

    def forward(self, x):
        shape = x.shape
        x = x.reshape(-1, shape[-1])
        clean = x @ self.w_gate
        noise_std = F.softplus(x @ self.w_noise) + self.noise_eps
        noisy = clean + torch.randn_like(clean) * noise_std if self.training else clean
        top_vals, top_idx = noisy.topk(min(self.k + 1, self.n_experts), dim=1)
        gates = torch.zeros_like(noisy).scatter(1, top_idx[:, :self.k],
                                                F.softmax(top_vals[:, :self.k], dim=1))
        if self.training:
            load = self._prob_in_top_k(clean, noisy, noise_std, top_vals).sum(0)
        else:
            load = (gates > 0).sum(0)
        self.aux_loss = cv_squared(gates.sum(0)) + cv_squared(load)
        out = sum(gates[:, e:e + 1] * expert(x) for e, expert in enumerate(self.experts))
        return out.view(shape)


class MoETokenLM(nn.Module):
    def __init__(self, vocab, d_model=128):
        super().__init__()
        self.embed = nn.Embedding(vocab, d_model)
        self.rnn = nn.GRU(d_model, d_model, batch_first=True)
        self.moe = NoisyTopKMoE(d_model)
        self.head = nn.Linear(d_model, vocab)

    def forward(self, idx):
        h, _ = self.rnn(self.embed(idx))
        return self.head(h + self.moe(h))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = MoETokenLM(vocab=2000).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for step in range(30):
        batch = torch.randint(0, 2000, (16, 33), device=device)
        logits = model(batch[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, 2000), batch[:, 1:].reshape(-1))
        loss = loss + 1e-2 * model.moe.aux_loss
        opt.zero_grad()
        loss.backward()
        opt.step()
    print("loss", loss.item())
