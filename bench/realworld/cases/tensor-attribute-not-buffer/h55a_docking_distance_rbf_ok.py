# source: https://github.com/jordiclive/Convert-PolyAI-Torch/issues/3
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, helper, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
"""Protein-ligand contact scorer: RBF-expanded interatomic distances -> per-complex pKd."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from contact_data import ContactGraphs, collate_contacts

# Pauling-ish weights for ligand element channels C, N, O, S, P, F, Cl, Br, I
ELEMENT_WEIGHTS = [1.0, 1.2, 1.3, 0.9, 0.9, 0.8, 0.8, 0.8, 0.8]


class GaussianDistanceExpansion(nn.Module):
    def __init__(self, d_min=0.0, d_max=8.0, n_centers=32):
        super().__init__()
        centers = torch.linspace(d_min, d_max, n_centers)
        self.register_buffer("centers", centers)
        self.gamma = 0.5 / float(centers[1] - centers[0]) ** 2
        self.cutoff = d_max

    def forward(self, dist):                      # dist: (n_contacts,)
        rbf = torch.exp(-self.gamma * (dist[:, None] - self.centers) ** 2)
        return rbf * (dist < self.cutoff).unsqueeze(-1).to(rbf.dtype)


class ContactScorer(nn.Module):
    def __init__(self, n_elements=9, n_residue_types=21, n_centers=32, hidden=128):
        super().__init__()
        self.expand = GaussianDistanceExpansion(n_centers=n_centers)
        self.register_buffer("element_weights", torch.tensor(ELEMENT_WEIGHTS), persistent=False)
        self.pair_emb = nn.Embedding(n_elements * n_residue_types, n_centers)
        self.head = nn.Sequential(nn.Linear(n_centers, hidden), nn.SiLU(), nn.Linear(hidden, 1))
        self.n_residue_types = n_residue_types

    def forward(self, dist, elem, res, complex_index, n_complexes):
        pair_type = elem * self.n_residue_types + res
        feats = self.expand(dist) * self.pair_emb(pair_type)
        contact_energy = self.head(feats).squeeze(-1) * self.element_weights[elem]
        out = torch.zeros(n_complexes, device=dist.device, dtype=contact_energy.dtype)
        return out.index_add_(0, complex_index, contact_energy)


def run_epoch(model, loader, optimizer, device):
    model.train()
    total = 0.0
    for batch in loader:
        batch = {k: v.to(device) if torch.is_tensor(v) else v for k, v in batch.items()}
        pred = model(batch["dist"], batch["elem"], batch["res"], batch["complex_index"], batch["n_complexes"])
        loss = nn.functional.smooth_l1_loss(pred, batch["pkd"])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(loader)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = ContactScorer().to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-4)
    loader = DataLoader(ContactGraphs("data/pdbbind2020_contacts.pt"), batch_size=16,
                        shuffle=True, collate_fn=collate_contacts)
    for epoch in range(60):
        print(epoch, run_epoch(model, loader, optimizer, device))
