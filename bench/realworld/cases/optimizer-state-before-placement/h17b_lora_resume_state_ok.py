# source: https://github.com/kohya-ss/sd-scripts/issues/1944
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: helper, loader-loop
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run

import os

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, rank=8, alpha=8.0):
        super().__init__()
        self.base = base.requires_grad_(False)
        self.down = nn.Linear(base.in_features, rank, bias=False)
        self.up = nn.Linear(rank, base.out_features, bias=False)
        nn.init.zeros_(self.up.weight)
        self.scale = alpha / rank

    def forward(self, x):
        return self.base(x) + self.up(self.down(x)) * self.scale


def build_network(dim=320):
    return nn.Sequential(LoRALinear(nn.Linear(dim, dim)), nn.GELU(), LoRALinear(nn.Linear(dim, dim)))


def prepare(state_dir, device, lr=1e-4):
    network = build_network().to(device)
    trainable = [p for p in network.parameters() if p.requires_grad]
    optimizer = torch.optim.Adagrad(trainable, lr=lr)
    start_step = 0
    state_path = os.path.join(state_dir, "train_state.pt")
    if os.path.exists(state_path):
        state = torch.load(state_path, map_location="cpu")
        network.load_state_dict(state["network"])
        optimizer.load_state_dict(state["optimizer"])
        start_step = state["step"]
    return network, optimizer, start_step


def train(state_dir, batches, device="cuda"):
    network, optimizer, step = prepare(state_dir, torch.device(device))
    for x, y in batches:
        x, y = x.to(device), y.to(device)
        loss = nn.functional.mse_loss(network(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        step += 1
    torch.save({"network": network.state_dict(), "optimizer": optimizer.state_dict(), "step": step},
               os.path.join(state_dir, "train_state.pt"))
