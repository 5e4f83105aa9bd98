# source: https://github.com/paul007pl/ECG/issues/5
# error: RuntimeError: Expected isFloatingType(grads[i].type().scalarType()) to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)
# pattern: loss-target-dtype
# shape: helper, loader-loop, batch-dict
# bug-lines: 28, 40, 62
# needs: torch, numpy, pandas, wfdb
# cpu: no written where torch was not installed; not run
"""12-lead ECG multi-label classification (PTB-XL diagnostic superclasses)."""
import ast

import numpy as np
import pandas as pd
import torch
import torch.nn as nn
import wfdb
from torch.utils.data import DataLoader, Dataset

SUPERCLASSES = ["NORM", "MI", "STTC", "CD", "HYP"]


class PTBXLDataset(Dataset):
    def __init__(self, root, folds, scp_map):
        db = pd.read_csv(f"{root}/ptbxl_database.csv", index_col="ecg_id")
        db = db[db.strat_fold.isin(folds)]
        self.root = root
        self.files = db.filename_lr.tolist()
        codes = db.scp_codes.apply(ast.literal_eval)
        self.targets = np.zeros((len(db), len(SUPERCLASSES)), dtype=np.int64)
        for i, c in enumerate(codes):
            for code in c:
                if scp_map.get(code) in SUPERCLASSES:
                    self.targets[i, SUPERCLASSES.index(scp_map[code])] = 1

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        signal, _ = wfdb.rdsamp(f"{self.root}/{self.files[i]}")
        x = torch.tensor(signal.T, dtype=torch.float32)
        return x, torch.from_numpy(self.targets[i])


class ECGNet(nn.Module):
    def __init__(self, n_leads=12, n_classes=5):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv1d(n_leads, 64, 15, stride=2, padding=7), nn.BatchNorm1d(64), nn.ReLU(),
            nn.Conv1d(64, 128, 9, stride=2, padding=4), nn.BatchNorm1d(128), nn.ReLU(),
            nn.Conv1d(128, 256, 9, stride=2, padding=4), nn.BatchNorm1d(256), nn.ReLU(),
            nn.AdaptiveAvgPool1d(1))
        self.classifier = nn.Linear(256, n_classes)

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))


def train(model, loader, criterion, optimizer, device):
    model.train()
    for x, target in loader:
        x, target = x.to(device), target.to(device)
        logits = model(x)
        loss_net = criterion(logits, target)
        optimizer.zero_grad()
        loss_net.backward()
        optimizer.step()
    return loss_net.item()


if __name__ == "__main__":
    root = "./ptb-xl/1.0.3"
    agg = pd.read_csv(f"{root}/scp_statements.csv", index_col=0)
    scp_map = agg[agg.diagnostic == 1].diagnostic_class.to_dict()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(PTBXLDataset(root, range(1, 9), scp_map), batch_size=64, shuffle=True)
    model = ECGNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.BCEWithLogitsLoss()
    for epoch in range(30):
        print(f"epoch {epoch} loss {train(model, loader, criterion, optimizer, device):.4f}")
