# source: https://github.com/namisan/mt-dnn/pull/40 https://github.com/yyvhang/IAGNet/issues/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: helper, loader-loop
# looks-like: stale-alias
# cpu: clean
# needs: torch
import os
import tempfile

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def build(args, device):
    model = nn.Sequential(nn.Linear(24, 64), nn.ReLU(), nn.Linear(64, 8))
    model.to(device)
    optimizer = torch.optim.Adagrad(model.parameters(), lr=args["lr"])
    return model, optimizer


def maybe_resume(path, model, optimizer):
    if not os.path.exists(path):
        return 0
    ckpt = torch.load(path, map_location="cpu")
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    return ckpt["epoch"] + 1


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    path = os.path.join(tempfile.gettempdir(), "mtdnn_ok_resume.pt")
    model, optimizer = build({"lr": 0.05}, device)
    start = maybe_resume(path, model, optimizer)
    loader = DataLoader(TensorDataset(torch.randn(64, 24), torch.rand(64, 8)), batch_size=16)
    for epoch in range(start, start + 1):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = nn.functional.binary_cross_entropy_with_logits(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}, path)
    print(start, loss.item())
