# source: https://github.com/baal-org/baal/issues/79
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, loader-loop
# needs: torch, torchvision, numpy
# cpu: no written where torch was not installed; not run
"""Pool-based active learning on CIFAR-10 with BALD + MC dropout."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Subset
from torchvision import datasets, transforms

from acquisition import bald_query
from model import MCDropoutNet


def train(model, labelled, device, epochs=10):
    loader = DataLoader(labelled, batch_size=64, shuffle=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    criterion = nn.CrossEntropyLoss()
    model.train()
    for _ in range(epochs):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = criterion(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


def main(steps=10, initial=500, query_size=100):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,) * 3, (0.5,) * 3)])
    train_set = datasets.CIFAR10("data", train=True, download=True, transform=tf)
    rng = np.random.default_rng(0)
    labelled_idx = rng.choice(len(train_set), initial, replace=False).tolist()
    for step in range(steps):
        model = MCDropoutNet().to(device)
        train(model, Subset(train_set, labelled_idx), device)
        pool_idx = sorted(set(range(len(train_set))) - set(labelled_idx))
        picked = bald_query(model, Subset(train_set, pool_idx), n_query=query_size)
        labelled_idx += [pool_idx[i] for i in picked]
        print(f"step {step}: {len(labelled_idx)} labelled")


if __name__ == "__main__":
    main()
