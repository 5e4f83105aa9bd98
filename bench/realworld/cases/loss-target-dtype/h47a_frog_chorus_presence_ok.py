# source: https://github.com/krumo/Domain-Adaptive-Faster-RCNN-PyTorch/issues/11
# error: RuntimeError: result type Float can't be cast to the desired output type Long
# pattern: loss-target-dtype
# shape: class, loader-loop
# looks-like: loss-target-dtype
# needs: torch
# cpu: no written where torch was not installed; not run
"""Presence/absence of frog species in 10 s pond recordings (several species can
call at once). Spectrogram patches are precomputed; the label column holds the
indices of every species heard in the clip."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class PresenceTargets:
    def __init__(self, n_species, device):
        self.n_species = n_species
        self.device = device

    def encode(self, species_lists):
        rows = []
        for idxs in species_lists:
            if len(idxs) == 0:
                rows.append(torch.zeros(self.n_species))
                continue
            hot = F.one_hot(torch.as_tensor(idxs), self.n_species).amax(dim=0)
            rows.append(hot.float())
        return torch.stack(rows).to(self.device)


class PondCallNet(nn.Module):
    def __init__(self, n_species):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        )
        self.fc = nn.Linear(64, n_species)

    def forward(self, spec):
        return self.fc(self.conv(spec).flatten(1))


def train(loader, n_species=14, epochs=30):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = PondCallNet(n_species).to(device)
    encoder = PresenceTargets(n_species, device)
    criterion = nn.BCEWithLogitsLoss(pos_weight=torch.full((n_species,), 3.0, device=device))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        total = 0.0
        for batch in loader:
            spec = batch["spec"].to(device)
            targets = encoder.encode(batch["species"])
            loss = criterion(model(spec), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"epoch {epoch}: {total / len(loader):.4f}")
    return model
