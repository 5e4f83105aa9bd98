# source: https://dev-solve.com/posts/3f078da
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: helper, loader-loop
# bug-lines: 41, 56, 57
# needs: torch, numpy, wandb
# cpu: no written where torch was not installed; not run
import os

import numpy as np
import torch
import torch.nn as nn
import wandb
from torch.utils.data import DataLoader, TensorDataset

CKPT_DIR = "sweep_ckpts"
SWEEP = {
    "method": "bayes",
    "metric": {"name": "train_loss", "goal": "minimize"},
    "parameters": {
        "lr": {"distribution": "log_uniform_values", "min": 1e-4, "max": 3e-3},
        "hidden": {"values": [128, 256, 512]},
        "n_layers": {"values": [2, 3, 4]},
        "dropout": {"values": [0.0, 0.1, 0.3]},
        "weight_decay": {"values": [0.0, 1e-4, 1e-2]},
    },
}


def build_model(cfg, in_dim, n_classes):
    layers, d = [], in_dim
    for _ in range(cfg["n_layers"]):
        layers += [nn.Linear(d, cfg["hidden"]), nn.ReLU(), nn.Dropout(cfg["dropout"])]
        d = cfg["hidden"]
    return nn.Sequential(*layers, nn.Linear(d, n_classes))


def restore(model, optimizer, path):
    ckpt = torch.load(path, map_location="cpu")
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    return ckpt["epoch"] + 1


def train_trial(data_path="data/covtype_train.npz", epochs=30):
    run = wandb.init(resume="allow")
    cfg = dict(run.config)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    arr = np.load(data_path)
    x = torch.tensor(arr["x"], dtype=torch.float32)
    y = torch.tensor(arr["y"], dtype=torch.long)
    loader = DataLoader(TensorDataset(x, y), batch_size=512, shuffle=True)
    model = build_model(cfg, x.shape[1], int(y.max()) + 1)
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], weight_decay=cfg["weight_decay"])
    ckpt_path = os.path.join(CKPT_DIR, f"{run.id}.pt")
    start_epoch = restore(model, optimizer, ckpt_path) if os.path.exists(ckpt_path) else 0
    model.to(device)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(start_epoch, epochs):
        model.train()
        total = 0.0
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            loss = loss_fn(model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * xb.size(0)
        wandb.log({"epoch": epoch, "train_loss": total / len(x)})
        os.makedirs(CKPT_DIR, exist_ok=True)
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}, ckpt_path)
    run.finish()


if __name__ == "__main__":
    sweep_id = wandb.sweep(SWEEP, project="covtype-mlp-sweep")
    wandb.agent(sweep_id, function=train_trial, count=24)
