# source: https://github.com/unit8co/darts/issues/1944
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, loader-loop, batch-dict
# bug-lines: 52
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from torch import nn


class AttentionForecaster(nn.Module):
    """Encoder + interpretable multi-head attention over the lookback window."""

    def __init__(self, n_inputs, d_model=64, n_heads=4, horizon=12):
        super().__init__()
        self.proj = nn.Linear(n_inputs, d_model)
        self.lstm = nn.LSTM(d_model, d_model, batch_first=True)
        self.attn = nn.MultiheadAttention(d_model, n_heads, batch_first=True)
        self.horizon_queries = nn.Parameter(torch.randn(horizon, d_model) * 0.02)
        self.out = nn.Linear(d_model, 1)
        self._attn_weights = None

    def forward(self, x):
        h, _ = self.lstm(self.proj(x))
        q = self.horizon_queries.unsqueeze(0).expand(x.shape[0], -1, -1)
        ctx, weights = self.attn(q, h, h, average_attn_weights=False)
        self._attn_weights = weights  # (batch, heads, horizon, lookback), kept for explanations
        return self.out(ctx).squeeze(-1)


class AttentionExplainer:
    def __init__(self, model, device="cuda"):
        self.device = device
        self.model = model.to(device).eval()

    @torch.no_grad()
    def explain(self, loader, horizons=(1, 6, 12)):
        index = [h - 1 for h in horizons]
        per_window = []
        for batch in loader:
            x = batch["past"].to(self.device)
            self.model(x)
            per_window.append(self._head_importance(index))
        importance = np.concatenate(per_window, axis=0)
        return {"mean_attention": importance.mean(axis=0), "horizons": list(horizons)}

    def _head_importance(self, index):
        # aggregate over attention heads, keep the requested horizons
        weights = self.model._attn_weights
        heads = weights.detach().numpy().sum(axis=1)
        return np.take(heads, index, axis=1)
