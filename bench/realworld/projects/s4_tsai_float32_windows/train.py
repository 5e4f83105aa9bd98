# source: https://github.com/timeseriesAI/tsai/issues/468
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: multi-file, loader-loop
# looks-like: float64-input
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from data import WindowDataset, load_series


class InceptionLite(nn.Module):
    def __init__(self, c_in, c_out, nf=16):
        super().__init__()
        self.convs = nn.ModuleList(nn.Conv1d(c_in, nf, k, padding=k // 2) for k in (9, 19, 39))
        self.gap = nn.AdaptiveAvgPool1d(1)
        self.fc = nn.Linear(3 * nf, c_out)

    def forward(self, x):
        x = torch.cat([torch.relu(c(x)) for c in self.convs], dim=1)
        return self.fc(self.gap(x).squeeze(-1))


def fit(model, loader, device, epochs=2):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            loss = nn.functional.cross_entropy(model(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    X, y = load_series()
    dls = DataLoader(WindowDataset(X, y), batch_size=8, shuffle=True)
    fit(InceptionLite(X.shape[1], 3).to(device), dls, device)
