# source: https://github.com/GestaltCogTeam/BasicTS/pull/53
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from graph_utils import build_gso, sliding_windows
from stgcn_layers import STGCN


def masked_mae(pred, target, null_val=0.0):
    mask = (target != null_val).float()
    mask = mask / mask.mean().clamp(min=1e-6)
    return (torch.abs(pred - target) * mask).mean()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--adj", default="datasets/PEMS-BAY/adj_mx_bay.pkl")
    parser.add_argument("--speed", default="datasets/PEMS-BAY/speed.npy")
    parser.add_argument("--epochs", type=int, default=50)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    speed = np.load(args.speed).astype(np.float32)
    mean, std = speed.mean(), speed.std()
    x, y = sliding_windows((speed - mean) / std)
    loader = DataLoader(TensorDataset(x, y), batch_size=32, shuffle=True, drop_last=True)

    gso = build_gso(args.adj)
    model = STGCN(gso, n_vertex=speed.shape[1]).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)

    for epoch in range(args.epochs):
        model.train()
        losses = []
        for hist, target in loader:
            hist, target = hist.to(device), target.to(device)
            pred = model(hist)
            loss = masked_mae(pred * std + mean, target * std + mean)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        print(f"epoch {epoch:03d} train MAE {np.mean(losses):.3f}")
    torch.save(model.state_dict(), "checkpoints/stgcn_pems_bay.pt")


if __name__ == "__main__":
    main()
