# Order prediction for sentence pairs: the dataset swaps half of the pairs at random
# and labels them. A numpy generator's integers() without a size is one numpy int64,
# so torch.tensor(label) is an int64 tensor, and the default collate keeps it: the
# BCE target is int64.
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
        return torch.cat([a, b]), torch.tensor(label)


def train(first, second):
    head = nn.Linear(2 * first.shape[1], 1)
    opt = torch.optim.Adam(head.parameters())
    for pair, label in DataLoader(SwapPairs(first, second), batch_size=16):
        loss = F.binary_cross_entropy_with_logits(head(pair).squeeze(1), label)  # expect: TL104:74 lines=24
        opt.zero_grad()
        loss.backward()
        opt.step()
