# source: https://github.com/WPZgithub/CEFCON/issues/7
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: helper, class, loader-loop
# bug-lines: 36
# needs: torch, numpy, pandas
# cpu: raises "RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float"
"""Re-score docked poses: regress experimental pKd from Vina terms + ligand descriptors."""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

FEATURES = [
    "vina_gauss1", "vina_gauss2", "vina_repulsion", "vina_hydrophobic", "vina_hbond",
    "n_rot_bonds", "mol_wt", "tpsa", "clogp", "n_hba", "n_hbd", "buried_fraction",
]


def standardize(frame, stats=None):
    values = frame[FEATURES].to_numpy()
    if stats is None:
        stats = (values.mean(axis=0), values.std(axis=0) + 1e-8)
    return (values - stats[0]) / stats[1], stats


class PoseTable(Dataset):
    def __init__(self, csv_path, stats=None):
        frame = pd.read_csv(csv_path)
        frame = frame.dropna(subset=FEATURES + ["pkd"])
        feats, self.stats = standardize(frame, stats)
        self.targets = torch.tensor(frame["pkd"].to_numpy(), dtype=torch.float32)
        # one row per (complex, pose); keep the id for the per-complex max later
        self.complex_ids = frame["complex_id"].tolist()
        self.features = torch.from_numpy(feats)

    def __len__(self):
        return len(self.targets)

    def __getitem__(self, i):
        return self.features[i], self.targets[i]


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train = PoseTable("data/pdbbind_refined_poses.csv")
    loader = DataLoader(train, batch_size=256, shuffle=True)
    model = nn.Sequential(
        nn.Linear(len(FEATURES), 64), nn.SiLU(), nn.Dropout(0.1),
        nn.Linear(64, 64), nn.SiLU(), nn.Linear(64, 1),
    ).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(100):
        total = 0.0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            pred = model(x).squeeze(-1)
            loss = nn.functional.mse_loss(pred, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(y)
        if epoch % 10 == 0:
            print(epoch, total / len(train))


if __name__ == "__main__":
    main()
