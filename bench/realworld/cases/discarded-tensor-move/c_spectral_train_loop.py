# source: https://github.com/pytorch/pytorch/issues/14072
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: discarded-tensor-move
# shape: helper, loader-loop
# bug-lines: 63, 64
# cpu: clean
# needs: torch, numpy
import argparse

import numpy as np
import torch
from torch import nn
from torch.utils import data


class Loader(data.Dataset):
    def __init__(self, n_items=64, n_freq=129):
        rng = np.random.default_rng(0)
        self.low = rng.standard_normal((n_items, n_freq)).astype(np.float32)
        self.high = rng.standard_normal((n_items, n_freq)).astype(np.float32)

    def __len__(self):
        return len(self.low)

    def __getitem__(self, idx):
        return torch.from_numpy(self.low[idx]), torch.from_numpy(self.high[idx])


class DNN(nn.Module):
    def __init__(self, n_freq=129, hidden=256):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(n_freq, hidden), nn.ReLU(),
                                 nn.Linear(hidden, hidden), nn.ReLU(),
                                 nn.Linear(hidden, n_freq))

    def forward(self, x):
        return self.net(x)


def validate(model, val_loader, device, loss_fn):
    model.eval()
    total = 0.0
    with torch.no_grad():
        for inputs, labels in val_loader:
            inputs, labels = inputs.to(device), labels.to(device)
            total += loss_fn(model(inputs), labels).item()
    return total / len(val_loader)


def train(args):
    train_loader = data.DataLoader(Loader(), batch_size=args.batch_size, shuffle=True)
    val_loader = data.DataLoader(Loader(16), batch_size=args.batch_size)
    model = DNN()
    device = torch.device("cpu")
    if torch.cuda.is_available():
        device = torch.device("cuda")
        model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.MSELoss()
    for epoch in range(args.epochs):
        model.train()
        for i, (inputs, labels) in enumerate(train_loader):
            inputs.to(device)
            labels.to(device)
            optimizer.zero_grad()
            outputs = model(inputs)
            loss = loss_fn(outputs, labels)
            loss.backward()
            optimizer.step()
        print(epoch, validate(model, val_loader, device, loss_fn))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch_size", type=int, default=8)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--epochs", type=int, default=2)
    train(parser.parse_args())
