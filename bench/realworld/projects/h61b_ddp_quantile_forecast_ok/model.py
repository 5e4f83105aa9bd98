# source: https://github.com/pytorch/pytorch/issues/112658
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class
# looks-like: current-gpu-mismatch
# needs: torch
# cpu: no written where torch was not installed; not run
"""Global LSTM quantile forecaster with series-id embeddings (MQ-RNN style decoder)."""
import torch
import torch.nn as nn

QUANTILES = (0.1, 0.5, 0.9)


class QuantileLSTM(nn.Module):
    def __init__(self, n_series, n_cov, horizon, hidden=128, id_dim=16):
        super().__init__()
        self.id_embed = nn.Embedding(n_series, id_dim)
        self.encoder = nn.LSTM(1 + n_cov + id_dim, hidden, num_layers=2, batch_first=True)
        self.decoder = nn.Linear(hidden + horizon * n_cov, horizon * len(QUANTILES))
        self.horizon = horizon

    def forward(self, series_id, past_y, past_cov, future_cov):
        ids = self.id_embed(series_id).unsqueeze(1).expand(-1, past_y.shape[1], -1)
        _, (h, _) = self.encoder(torch.cat([past_y.unsqueeze(-1), past_cov, ids], dim=-1))
        out = self.decoder(torch.cat([h[-1], future_cov.flatten(1)], dim=-1))
        return out.view(-1, self.horizon, len(QUANTILES))


def pinball_loss(pred, target):
    q = torch.tensor(QUANTILES, device=pred.device).view(1, 1, -1)
    diff = target.unsqueeze(-1) - pred
    return torch.maximum(q * diff, (q - 1) * diff).mean()
