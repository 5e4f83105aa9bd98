# source: https://github.com/jxbz/nero/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: class, helper, loader-loop
# bug-lines: 43, 60, 62
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.optim import Optimizer


def neuron_norm(x):
    if x.dim() <= 1:
        return x.abs()
    view = x.view(x.shape[0], -1)
    return view.norm(dim=1).view(-1, *([1] * (x.dim() - 1)))


class NeuronOpt(Optimizer):
    """Per-neuron adaptive optimizer; its state is built eagerly in __init__."""

    def __init__(self, params, lr=0.01, beta=0.999):
        super().__init__(params, dict(lr=lr))
        self.beta = beta
        for group in self.param_groups:
            for p in group["params"]:
                state = self.state[p]
                state["step"] = 0
                state["exp_avg_sq"] = torch.zeros_like(neuron_norm(p))
                state["scale"] = neuron_norm(p).mean()

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                state["step"] += 1
                bias_corr = 1 - self.beta ** state["step"]
                state["exp_avg_sq"] = self.beta * state["exp_avg_sq"] + (1 - self.beta) * neuron_norm(p.grad) ** 2
                grad_normed = p.grad / (state["exp_avg_sq"] / bias_corr).sqrt().clamp_min(1e-8)
                p.sub_(group["lr"] * state["scale"] * grad_normed)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


def build(use_cuda):
    net = MLP()
    optimizer = NeuronOpt(net.parameters(), lr=0.01)
    if use_cuda:
        net = net.cuda()
    return net, optimizer


def train(epochs=1):
    use_cuda = torch.cuda.is_available()
    net, optimizer = build(use_cuda)
    batches = [(torch.randn(32, 1, 28, 28), torch.randint(0, 10, (32,))) for _ in range(4)]
    for _ in range(epochs):
        for data, target in batches:
            if use_cuda:
                data, target = data.cuda(), target.cuda()
            optimizer.zero_grad()
            loss = F.cross_entropy(net(data), target)
            loss.backward()
            optimizer.step()
    return loss.item()


if __name__ == "__main__":
    print(train())
