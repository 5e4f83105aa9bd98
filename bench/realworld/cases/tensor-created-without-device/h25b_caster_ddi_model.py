# source: https://github.com/AstraZeneca/chemicalx/issues/96
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: tensor-created-without-device
# shape: class, batch-dict, loader-loop
# bug-lines: 34
# needs: torch
# cpu: no written where torch was not installed; not run
"""CASTER-style drug-drug interaction model on substructure fingerprints (dictionary projection)."""
import torch
from torch import nn


class DictionaryDDI(nn.Module):
    def __init__(self, drug_channels=1722, encoder_hidden=500, hidden=50, lambda3=1e-5, magnify=100.0):
        super().__init__()
        self.drug_channels = drug_channels
        self.lambda3 = lambda3
        self.magnify = magnify
        self.encoder = nn.Sequential(nn.Linear(drug_channels, encoder_hidden), nn.ReLU(),
                                     nn.Linear(encoder_hidden, hidden))
        self.decoder = nn.Sequential(nn.Linear(hidden, encoder_hidden), nn.ReLU(),
                                     nn.Linear(encoder_hidden, drug_channels))
        self.head = nn.Sequential(nn.Linear(drug_channels, 1024), nn.ReLU(), nn.Dropout(0.1),
                                  nn.Linear(1024, 1))

    @staticmethod
    def unpack(batch):
        return batch["drug_features_left"], batch["drug_features_right"]

    def forward(self, left, right):
        pair = torch.maximum(left, right)
        latent = self.encoder(pair)
        recon = self.decoder(latent)
        dictionary = self.encoder(torch.eye(self.drug_channels))
        gram = dictionary @ dictionary.T
        gram.diagonal().add_(self.lambda3)
        coeffs = torch.linalg.solve(gram, dictionary @ latent.T).T
        logits = self.head(coeffs * self.magnify).squeeze(-1)
        return logits, recon, pair


def train(model, loader, device, epochs=20, lr=1e-3):
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-5)
    bce = nn.BCEWithLogitsLoss()
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            logits, recon, pair = model(*model.unpack(batch))
            loss = bce(logits, batch["label"].float()) + 0.1 * bce(recon, pair)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"epoch {epoch}: loss={total / len(loader):.4f}")
    return model
