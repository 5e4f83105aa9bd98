# source: https://github.com/ansh941/MnistSimpleCNN/pull/1
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: multi-file, loader-loop, helper
# bug-lines: 31
# cpu: raises "expected target dtype to be Long or Byte, but got Int"
# needs: torch, numpy
import argparse

import torch
import torch.nn.functional as F

from data import MnistDataset
from model import ModelM3


def run(seed=0, epochs=1, batch_size=16, lr=1e-3):
    torch.manual_seed(seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_loader = torch.utils.data.DataLoader(MnistDataset(training=True), batch_size=batch_size, shuffle=True)
    model = ModelM3().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    lr_scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.98)
    for epoch in range(epochs):
        model.train()
        train_loss = 0
        for batch_idx, (data, target) in enumerate(train_loader):
            data, target = data.to(device), target.to(device)
            optimizer.zero_grad()
            output = model(data)
            loss = F.nll_loss(output, target)
            train_loss += loss.item()
            loss.backward()
            optimizer.step()
        lr_scheduler.step()
        print(f"epoch {epoch}: loss {train_loss / len(train_loader):.4f}")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--seed", default=0, type=int)
    p.add_argument("--epochs", default=1, type=int)
    args = p.parse_args()
    run(args.seed, args.epochs)
