# source: https://github.com/pytorch/pytorch/issues/11372
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: loader-loop, helper
# looks-like: inputs-not-moved
# cpu: clean
# needs: torch
import functools

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.dataloader import default_collate


def collate_to_device(batch, device):
    return tuple(t.to(device) for t in default_collate(batch))


def make_loader(dataset, batch_size, device):
    return DataLoader(
        dataset, batch_size=batch_size, shuffle=True,
        collate_fn=functools.partial(collate_to_device, device=device),
    )


def train_epoch(model, loader, optimizer):
    model.train()
    for data, target in loader:
        loss = nn.functional.cross_entropy(model(data), target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_set = TensorDataset(torch.randn(64, 20), torch.randint(0, 4, (64,)))
    train_loader = make_loader(train_set, batch_size=16, device=device)
    model = nn.Sequential(nn.Linear(20, 32), nn.ReLU(), nn.Linear(32, 4)).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for epoch in range(2):
        print(epoch, train_epoch(model, train_loader, optimizer))
