# source: https://github.com/IssamLaradji/sls/issues/7
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F

from sls_opt import ArmijoSGD


def get_batches(n_batches, batch_size, device):
    for _ in range(n_batches):
        x = torch.randn(batch_size, 20)
        y = (x[:, 0] > 0).long()
        yield x.to(device), y.to(device)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1")
    parser.add_argument("--steps", type=int, default=50)
    args = parser.parse_args()
    device = torch.device(args.device)

    model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 2)).to(device)
    opt = ArmijoSGD(model.parameters())
    for x, y in get_batches(args.steps, 128, device):
        def closure():
            return F.cross_entropy(model(x), y)
        opt.zero_grad()
        closure().backward()
        loss = opt.step(closure)
        print(f"loss {loss.item():.4f} step {opt.param_groups[0]['step_size']:.3g}")


if __name__ == "__main__":
    main()
