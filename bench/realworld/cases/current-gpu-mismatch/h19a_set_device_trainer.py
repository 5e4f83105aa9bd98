# source: https://github.com/median-research-group/LibMTL/issues/26
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper, loader-loop
# looks-like: current-gpu-mismatch
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class SharedBottomMTL(nn.Module):
    def __init__(self, in_dim=64, hidden=128, task_dims=(3, 1)):
        super().__init__()
        self.shared = nn.Sequential(nn.Linear(in_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU())
        self.heads = nn.ModuleList(nn.Linear(hidden, d) for d in task_dims)

    def forward(self, x):
        rep = self.shared(x)
        return [head(rep) for head in self.heads]


def init_task_weights(num_tasks):
    # uncertainty-style log-variances, one per task; "cuda" is the GPU picked in main()
    return torch.zeros(num_tasks, device="cuda", requires_grad=True)


def weighted_loss(losses, log_vars):
    stacked = torch.stack(losses)
    return (torch.exp(-log_vars) * stacked + log_vars).sum()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu_id", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()
    if not torch.cuda.is_available():
        raise SystemExit("this trainer needs a CUDA GPU")

    torch.cuda.set_device(args.gpu_id)
    device = torch.device("cuda", args.gpu_id)

    x = torch.randn(4096, 64)
    y_cls, y_reg = torch.randint(0, 3, (4096,)), torch.randn(4096, 1)
    loader = DataLoader(TensorDataset(x, y_cls, y_reg), batch_size=128, shuffle=True)

    model = SharedBottomMTL().to(device)
    log_vars = init_task_weights(num_tasks=2)
    optimizer = torch.optim.Adam(list(model.parameters()) + [log_vars], lr=1e-3)
    ce, mse = nn.CrossEntropyLoss(), nn.MSELoss()
    for epoch in range(args.epochs):
        for xb, yc, yr in loader:
            xb, yc, yr = xb.to(device), yc.to(device), yr.to(device)
            out_cls, out_reg = model(xb)
            loss = weighted_loss([ce(out_cls, yc), mse(out_reg, yr)], log_vars)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f} weights {log_vars.detach().cpu().tolist()}")


if __name__ == "__main__":
    main()
