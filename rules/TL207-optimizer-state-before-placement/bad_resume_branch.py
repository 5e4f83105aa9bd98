# Resuming builds the model and its optimizer on one branch and a fresh pair on the
# other; the resumed Adam loads its state while the weights are on the CPU, and the
# model is moved only after the branches meet: the resumed run's first step fails.
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
    if resume:
        model, checkpoint = restore(resume)
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
        optimizer.load_state_dict(checkpoint["optimizer"])
    else:
        model = Scorer()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    device = torch.device("cuda")
    model.to(device)  # expect: TL207:5 lines=28,39
    for _ in range(epochs):
        for x, y in loader:
            loss = nn.functional.mse_loss(model(x.to(device)).squeeze(-1), y.to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
