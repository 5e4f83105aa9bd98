# source: https://github.com/nasaharvest/presto/pull/30
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: tensor-created-without-device
# shape: helper, class, loader-loop
# bug-lines: 19
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""County-level crop yield regression from monthly Sentinel-2 band composites."""
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

SEASON_START_MONTH = 3  # composites start in April (0-based month index)


def month_indices(start_month, batch_size, seq_len):
    """Calendar month (0..11) of every time step, wrapped past December."""
    months = torch.fmod(torch.arange(start_month, start_month + seq_len), 12)
    return months.unsqueeze(0).expand(batch_size, seq_len)


class SeasonalYieldRegressor(nn.Module):
    def __init__(self, n_bands=10, d_model=64, n_layers=2):
        super().__init__()
        self.band_proj = nn.Linear(n_bands, d_model)
        self.month_embed = nn.Embedding(12, d_model)
        layer = nn.TransformerEncoderLayer(d_model, nhead=4, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=n_layers)
        self.head = nn.Linear(d_model, 1)

    def forward(self, bands, start_month=SEASON_START_MONTH):
        b, t, _ = bands.shape
        months = month_indices(start_month, b, t)
        tokens = self.band_proj(bands) + self.month_embed(months)
        return self.head(self.encoder(tokens).mean(dim=1)).squeeze(-1)


def train(npz_path, epochs=20):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = np.load(npz_path)
    ds = TensorDataset(torch.from_numpy(data["bands"].astype(np.float32)),
                       torch.from_numpy(data["yield_t_ha"].astype(np.float32)))
    loader = DataLoader(ds, batch_size=32, shuffle=True)

    model = SeasonalYieldRegressor(n_bands=ds.tensors[0].shape[-1]).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    for epoch in range(epochs):
        total = 0.0
        for bands, yields in loader:
            bands, yields = bands.to(device), yields.to(device)
            loss = nn.functional.mse_loss(model(bands), yields)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(yields)
        print(f"epoch {epoch}: rmse {np.sqrt(total / len(ds)):.3f} t/ha")
    return model


if __name__ == "__main__":
    train("county_composites_2019_2022.npz")
