# source: https://github.com/KDD-OpenSource/DeepADoTS/issues/203
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Train DAGMM on sensor windows and report anomaly energies."""
import argparse

import numpy as np
import torch

from data import load_sensor_frame, make_loader
from model import DAGMM


def fit(model, loader, device, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for epoch in range(epochs):
        losses = []
        for x in loader:
            x = x.to(device)
            loss = model.loss(x)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            losses.append(loss.item())
        print(f"epoch {epoch}: loss {np.mean(losses):.4f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", default=None)
    parser.add_argument("--window", type=int, default=20)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--gpu", type=int, default=0)
    args = parser.parse_args()

    device = torch.device(f"cuda:{args.gpu}" if torch.cuda.is_available() else "cpu")
    frame = load_sensor_frame(args.csv)
    loader = make_loader(frame, window=args.window)
    model = DAGMM(n_features=frame.shape[1] * args.window).to(device)
    fit(model, loader, device, args.epochs, args.lr)


if __name__ == "__main__":
    main()
