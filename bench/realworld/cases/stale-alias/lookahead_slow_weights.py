# source: https://github.com/lessw2020/Ranger-Deep-Learning-Optimizer/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: class, helper, loader-loop
# bug-lines: 38, 44
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class Lookahead:
    """k steps forward with the inner optimizer, then pull towards the slow weights."""

    def __init__(self, base_optimizer, k=3, alpha=0.5):
        self.optimizer = base_optimizer
        self.k, self.alpha, self.step_counter = k, alpha, 0
        self.param_groups = base_optimizer.param_groups
        self.slow_weights = [[p.clone().detach() for p in group["params"]] for group in self.param_groups]

    def zero_grad(self):
        self.optimizer.zero_grad()

    def step(self):
        self.optimizer.step()
        self.step_counter += 1
        if self.step_counter % self.k != 0:
            return
        for group, slow in zip(self.param_groups, self.slow_weights):
            for p, q in zip(group["params"], slow):
                q.add_(p.detach() - q, alpha=self.alpha)
                p.data.copy_(q)


def build(cfg):
    model = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.Flatten(), nn.Linear(8 * 26 * 26, 10))
    optimizer = Lookahead(torch.optim.Adam(model.parameters(), lr=cfg["lr"]), k=cfg["k"])
    return model, optimizer


def train(model, optimizer, loader, use_cuda):
    if use_cuda:
        model.cuda()
    for images, labels in loader:
        if use_cuda:
            images, labels = images.cuda(), labels.cuda()
        loss = nn.functional.cross_entropy(model(images), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    cfg = {"lr": 1e-3, "k": 3}
    model, optimizer = build(cfg)
    data = TensorDataset(torch.randn(48, 1, 28, 28), torch.randint(0, 10, (48,)))
    print(train(model, optimizer, DataLoader(data, batch_size=8), torch.cuda.is_available()))
