# Either branch moves its model before its optimizer is built (and the resumed one
# loads its state): the state is made where the parameters already are.
import torch
from torch import nn


class Scorer(nn.Module):
    def __init__(self, dim=64):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(dim, dim), nn.ReLU(), nn.Linear(dim, 1))

    def forward(self, x):
        return self.mlp(x)


def restore(path):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    model = Scorer()
    model.load_state_dict(checkpoint["model"])
    return model, checkpoint


def fit(loader, resume=None, epochs=3):
    device = torch.device("cuda")
    if resume:
        model, checkpoint = restore(resume)
        model.to(device)
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
        optimizer.load_state_dict(checkpoint["optimizer"])
    else:
        model = Scorer().to(device)
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(epochs):
        for x, y in loader:
            loss = nn.functional.mse_loss(model(x.to(device)).squeeze(-1), y.to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
