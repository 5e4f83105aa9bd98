# The same dataset, with the label made a float tensor where it is built: the BCE
# target is float32, as the loss needs.
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset

rng = np.random.default_rng(0)


class SwapPairs(Dataset):
    def __init__(self, first, second):
        self.first, self.second = first, second

    def __len__(self):
        return len(self.first)

    def __getitem__(self, i):
        label = rng.integers(0, 2)
        a, b = (self.second[i], self.first[i]) if label else (self.first[i], self.second[i])
        return torch.cat([a, b]), torch.tensor(label, dtype=torch.float32)


def train(first, second):
    head = nn.Linear(2 * first.shape[1], 1)
    opt = torch.optim.Adam(head.parameters())
    for pair, label in DataLoader(SwapPairs(first, second), batch_size=16):
        loss = F.binary_cross_entropy_with_logits(head(pair).squeeze(1), label)
        opt.zero_grad()
        loss.backward()
        opt.step()
