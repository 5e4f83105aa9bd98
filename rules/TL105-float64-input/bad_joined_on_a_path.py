import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader


class FeatureBank:
    # Features kept between steps in a numpy table: np.zeros makes it float64.
    def __init__(self, size, dim):
        self.table = np.zeros((size, dim))
        self.count = 0

    def __len__(self):
        return self.count

    def push(self, feats):
        n = min(len(feats), len(self.table) - self.count)
        self.table[self.count : self.count + n] = feats[:n].detach().cpu().numpy()
        self.count += n

    def draw(self, k):
        rows = np.random.choice(self.count, min(k, self.count), replace=False)
        return torch.from_numpy(self.table[rows])  # expect: TL105:16 lines=38


def train(dataset, device, dim=128):
    model = nn.Sequential(nn.Linear(dim, 64), nn.ReLU(), nn.Linear(64, 1)).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    bank = FeatureBank(1024, dim)
    for batch in DataLoader(dataset, batch_size=64, shuffle=True):
        feats, targets = batch["features"].to(device), batch["score"].to(device)
        inputs, labels = feats, targets
        if len(bank) > 0:
            # Once the bank holds rows they join the batch: torch.cat of the float64
            # rows with the batch is float64 (the widest float), on this path.
            inputs = torch.cat([feats, bank.draw(32).to(device)])
            labels = torch.cat([targets, torch.zeros(min(32, len(bank)), device=device)])
        loss = nn.functional.mse_loss(model(inputs).squeeze(-1), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        bank.push(feats)
