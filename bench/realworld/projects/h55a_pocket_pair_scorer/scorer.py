# source: https://github.com/sc8668/GenScore/issues/16
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: multi-file, class, batch-dict, loader-loop
# bug-lines: 50
# needs: torch
# cpu: clean
"""Pairwise ligand-atom x pocket-residue scoring head (mixture-density style energy)."""
import torch
import torch.nn as nn


class AtomEncoder(nn.Module):
    def __init__(self, in_dim, hidden):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(in_dim, hidden), nn.SiLU(), nn.Linear(hidden, hidden))

    def forward(self, x):
        return self.mlp(x)


class PocketPairScorer(nn.Module):
    def __init__(self, lig_dim=44, res_dim=41, hidden=128, n_gauss=10):
        super().__init__()
        self.lig_enc = AtomEncoder(lig_dim, hidden)
        self.res_enc = AtomEncoder(res_dim, hidden)
        self.pair_mlp = nn.Sequential(nn.Linear(2 * hidden, hidden), nn.SiLU(), nn.Dropout(0.1))
        self.pi = nn.Linear(hidden, n_gauss)
        self.mu = nn.Linear(hidden, n_gauss)
        self.sigma = nn.Linear(hidden, n_gauss)

    def forward(self, batch):
        h_l = self.lig_enc(batch["lig_feat"])        # (B, Nl, H)
        h_r = self.res_enc(batch["res_feat"])        # (B, Nr, H)
        B, Nl, H = h_l.shape
        Nr = h_r.size(1)
        pair_mask = batch["lig_mask"][:, :, None] & batch["res_mask"][:, None, :]   # (B, Nl, Nr)

        pairs = torch.cat([h_l[:, :, None].expand(B, Nl, Nr, H),
                           h_r[:, None, :].expand(B, Nl, Nr, H)], dim=-1)[pair_mask]
        z = self.pair_mlp(pairs)
        pi = torch.softmax(self.pi(z), dim=-1)
        mu = nn.functional.elu(self.mu(z)) + 1.0
        sigma = nn.functional.elu(self.sigma(z)) + 1.1

        dist = torch.cdist(batch["lig_pos"], batch["res_pos"])[pair_mask]   # (P,)
        normal = torch.distributions.Normal(mu, sigma)
        log_prob = torch.logsumexp(torch.log(pi + 1e-10) + normal.log_prob(dist[:, None]), dim=-1)

        complex_idx = torch.arange(B)[:, None, None].expand(B, Nl, Nr)[pair_mask]
        score = torch.zeros(B, device=log_prob.device).index_add_(0, complex_idx, -log_prob)
        return score
