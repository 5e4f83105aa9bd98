# source: https://github.com/Hyfred/Pytorch_DeepFM/issues/4
# error: RuntimeError: expected device cuda:0 but got device cpu
# pattern: tensor-created-without-device
# shape: class, loader-loop
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
"""DeepFM click-through-rate model (Criteo-style field indices and values)."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class DeepFM(nn.Module):
    def __init__(self, feature_sizes, embedding_size=4, hidden_dims=(32, 32)):
        super().__init__()
        self.field_size = len(feature_sizes)
        self.first_order = nn.ModuleList([nn.Embedding(s, 1) for s in feature_sizes])
        self.second_order = nn.ModuleList([nn.Embedding(s, embedding_size) for s in feature_sizes])
        dims = [self.field_size * embedding_size, *hidden_dims]
        layers = []
        for a, b in zip(dims[:-1], dims[1:]):
            layers += [nn.Linear(a, b), nn.ReLU(), nn.Dropout(0.2)]
        self.deep = nn.Sequential(*layers)

    def forward(self, Xi, Xv):
        fm_first = [emb(Xi[:, i]).squeeze(1) * Xv[:, i] for i, emb in enumerate(self.first_order)]
        fm_first = torch.stack(fm_first, dim=1)
        fm_emb = [emb(Xi[:, i]) * Xv[:, i:i + 1] for i, emb in enumerate(self.second_order)]
        fm_emb = torch.stack(fm_emb, dim=1)
        square_of_sum = fm_emb.sum(dim=1) ** 2
        sum_of_square = (fm_emb ** 2).sum(dim=1)
        fm_second = 0.5 * (square_of_sum - sum_of_square)
        deep_out = self.deep(fm_emb.flatten(1))
        bias = torch.randn(Xi.size(0), device=Xi.device)
        return fm_first.sum(1) + fm_second.sum(1) + deep_out.sum(1) + bias


def fit(model, loader, device, epochs=2):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.BCEWithLogitsLoss()
    for epoch in range(epochs):
        for Xi, Xv, y in loader:
            Xi, Xv, y = Xi.to(device), Xv.to(device), y.to(device)
            loss = criterion(model(Xi, Xv), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    sizes = [10, 20, 30, 40]
    Xi = torch.stack([torch.randint(0, s, (512,)) for s in sizes], dim=1)
    Xv = torch.rand(512, len(sizes))
    y = (torch.rand(512) > 0.7).float()
    loader = DataLoader(TensorDataset(Xi, Xv, y), batch_size=64, shuffle=True)
    model = DeepFM(sizes).to(device)
    fit(model, loader, device)
