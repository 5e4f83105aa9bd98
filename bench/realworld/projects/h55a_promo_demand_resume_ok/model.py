# source: https://github.com/pytorch/pytorch/issues/1515
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: clean
"""GRU demand model with promotion / price covariates for store-item daily sales."""
import torch
import torch.nn as nn


class PromoAwareGRU(nn.Module):
    def __init__(self, n_items, n_covariates=5, emb_dim=24, hidden=128, horizon=14):
        super().__init__()
        self.item_emb = nn.Embedding(n_items, emb_dim)
        self.gru = nn.GRU(1 + n_covariates + emb_dim, hidden, num_layers=2, batch_first=True, dropout=0.1)
        self.head = nn.Linear(hidden + n_covariates * horizon, horizon)
        self.horizon = horizon

    def forward(self, sales, past_cov, future_cov, item_id):
        emb = self.item_emb(item_id)[:, None].expand(-1, sales.size(1), -1)
        _, h = self.gru(torch.cat([sales[..., None], past_cov, emb], dim=-1))
        feats = torch.cat([h[-1], future_cov.flatten(1)], dim=-1)
        return nn.functional.softplus(self.head(feats))


def build_model(cfg, device):
    model = PromoAwareGRU(cfg["n_items"], horizon=cfg["horizon"])
    if cfg.get("init_from"):
        model.load_state_dict(torch.load(cfg["init_from"], map_location="cpu"))
    return model.to(device)
