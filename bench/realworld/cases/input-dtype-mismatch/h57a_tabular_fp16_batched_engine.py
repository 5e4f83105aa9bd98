# source: https://github.com/PriorLabs/TabPFN/pull/1083
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Half and Float
# pattern: input-dtype-mismatch
# shape: class, loader-loop
# bug-lines: 60, 61
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Inference engine for a tabular MLP with an optional reduced-precision mode."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class TabularMLP(nn.Module):
    def __init__(self, n_features, n_classes, hidden=256):
        super().__init__()
        self.feature_embed = nn.Linear(n_features, hidden)
        self.body = nn.Sequential(
            nn.LayerNorm(hidden), nn.GELU(),
            nn.Linear(hidden, hidden), nn.GELU(),
            nn.Linear(hidden, n_classes),
        )

    def forward(self, x):
        return self.body(self.feature_embed(x))


class InferenceEngine:
    def __init__(self, model, device, inference_dtype=torch.float32, batch_size=1024):
        self.model = model.to(device).eval()
        self.device = device
        self.inference_dtype = inference_dtype
        self.batch_size = batch_size
        self._cast_done = False

    def _prepare_model(self):
        if not self._cast_done:
            self.model = self.model.to(dtype=self.inference_dtype)
            self._cast_done = True
        return self.model

    @torch.no_grad()
    def predict_proba(self, X):
        model = self._prepare_model()
        x = torch.as_tensor(X, device=self.device, dtype=self.inference_dtype)
        return torch.softmax(model(x).float(), dim=-1).cpu().numpy()

    def _batches(self, X):
        data = TensorDataset(torch.as_tensor(X, dtype=torch.float32))
        return DataLoader(data, batch_size=self.batch_size, shuffle=False)

    @torch.no_grad()
    def predict_proba_batched(self, X):
        """Streaming variant used for large test sets."""
        outputs = []
        for (xb,) in self._batches(X):
            xb = xb.to(self.device, non_blocking=True)
            if self.inference_dtype != torch.float32:
                xb = xb.to(self.inference_dtype)
            logits = self.model(xb)
            outputs.append(torch.softmax(logits.float(), dim=-1).cpu())
        return torch.cat(outputs).numpy()


if __name__ == "__main__":
    device = torch.device("cuda")
    X = np.random.randn(50_000, 40).astype(np.float32)
    model = TabularMLP(n_features=40, n_classes=3)
    model.load_state_dict(torch.load("tabular_mlp.pt", map_location="cpu"))
    engine = InferenceEngine(model, device, inference_dtype=torch.float16)
    proba = engine.predict_proba_batched(X)
    print(proba.argmax(1)[:20])
