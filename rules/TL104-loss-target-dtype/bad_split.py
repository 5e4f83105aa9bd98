import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset, random_split

features = torch.from_numpy(np.random.rand(100, 4).astype(np.float32))
# numpy's default integer on Windows, kept as int32 by torch.from_numpy
classes = torch.from_numpy(np.random.randint(0, 3, 100).astype(np.int32))
fit_part, check_part = random_split(TensorDataset(features, classes), [80, 20])

classifier = nn.Linear(4, 3)
loss_fn = nn.CrossEntropyLoss()


def check(loader):
    total = 0.0
    for x, y in loader:
        total += loss_fn(classifier(x), y).item()  # expect: TL104:41 lines=8
    return total


print(check(DataLoader(check_part, batch_size=10)))
