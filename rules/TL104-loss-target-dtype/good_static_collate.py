import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset


class ReviewDataset(Dataset):
    def __init__(self, vectors, stars):
        self.vectors, self.stars = vectors, stars

    def __len__(self):
        return len(self.stars)

    def __getitem__(self, i):
        return self.vectors[i], self.stars[i]

    @staticmethod
    def batchify(items):
        x = torch.from_numpy(np.stack([v for v, _ in items]).astype(np.float32))
        # int64 class ids, as the loss wants
        y = torch.from_numpy(np.asarray([s for _, s in items], dtype=np.int64))
        return x, y


def train(model, vectors, stars, device):
    loader = DataLoader(ReviewDataset(vectors, stars), batch_size=16, collate_fn=ReviewDataset.batchify)
    loss_fn = nn.CrossEntropyLoss()
    for x, y in loader:
        loss = loss_fn(model(x.to(device)), y.to(device))
        loss.backward()
