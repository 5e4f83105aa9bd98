# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL207 --confirm rules/TL207-optimizer-state-before-placement/runtime_bad.py
# Its fixed twin, runtime_good.py, moves the model before the optimizer loads its state.
# A run resumed from a checkpoint: the optimizer loads its state while the model is
# still on the CPU, then the model moves. Under simulated CUDA the first step fails as
# on a GPU: "Expected all tensors to be on the same device ... cuda:0 and cpu".
import os
import tempfile

import torch
from torch import nn


def build_model():
    return nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))


def save_checkpoint(path):
    model = build_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model(torch.randn(4, 8)).sum().backward()
    optimizer.step()
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, path)


def resume(path):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = build_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    ckpt = torch.load(path, map_location="cpu")
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    model.to(device)  # expect: TL207:5 lines=32,37
    for _ in range(2):
        x = torch.randn(4, 8, device=device)
        model(x).sum().backward()
        optimizer.step()
        optimizer.zero_grad()


if __name__ == "__main__":
    path = os.path.join(tempfile.mkdtemp(), "ckpt.pt")
    save_checkpoint(path)
    resume(path)
