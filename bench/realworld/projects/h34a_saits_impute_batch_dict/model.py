# source: https://github.com/WenjieDu/PyPOTS/pull/59
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, loader-loop, class
# bug-lines: 63, 64
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn

from data import make_loader


class _SelfAttnImputer(nn.Module):
    def __init__(self, n_features, d_model=64, n_heads=4, n_layers=2):
        super().__init__()
        self.embed = nn.Linear(2 * n_features, d_model)
        layer = nn.TransformerEncoderLayer(d_model, n_heads, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, n_layers)
        self.reduce = nn.Linear(d_model, n_features)

    def impute(self, inputs):
        X, mask = inputs["X"], inputs["missing_mask"]
        h = self.encoder(self.embed(torch.cat([X, mask], dim=-1)))
        X_hat = self.reduce(h)
        return mask * X + (1 - mask) * X_hat

    def forward(self, inputs):
        X_hat = self.impute(inputs)
        err = (X_hat - inputs["X"]) ** 2 * inputs["missing_mask"]
        return {"loss": err.sum() / inputs["missing_mask"].sum().clamp(min=1)}


class SAITSLike:
    def __init__(self, n_features, epochs=10, device="cuda"):
        self.device = torch.device(device)
        self.model = _SelfAttnImputer(n_features).to(self.device)
        self.epochs = epochs
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3)

    def _assemble_input_for_training(self, data):
        _, X, missing_mask = (t.to(self.device) for t in data)
        return {"X": X, "missing_mask": missing_mask}

    def fit(self, X: np.ndarray):
        loader = make_loader(X, shuffle=True)
        self.model.train()
        for _ in range(self.epochs):
            for data in loader:
                inputs = self._assemble_input_for_training(data)
                loss = self.model(inputs)["loss"]
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()

    def impute(self, X: np.ndarray) -> np.ndarray:
        loader = make_loader(X)
        self.model.eval()
        collector = []
        with torch.no_grad():
            for idx, data in enumerate(loader):
                inputs = {"X": data[1], "missing_mask": data[2]}
                imputed = self.model.impute(inputs)
                collector.append(imputed.cpu())
        return torch.cat(collector).numpy()
