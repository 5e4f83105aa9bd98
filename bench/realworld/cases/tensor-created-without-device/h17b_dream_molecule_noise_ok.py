# source: https://github.com/the-matter-lab/Pasithea/issues/3
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, loader-loop
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn


class PropertyRegressor(nn.Module):
    def __init__(self, length=40, alphabet=24, hidden=256):
        super().__init__()
        self.net = nn.Sequential(nn.Flatten(), nn.Linear(length * alphabet, hidden), nn.ReLU(),
                                 nn.Linear(hidden, 1))

    def forward(self, one_hot):
        return self.net(one_hot).squeeze(-1)


def noisy_start(hot, upper_bound):
    noise = torch.rand(hot.shape, device=hot.device, dtype=hot.dtype)
    return hot + upper_bound * noise


def dream(model, molecules, target, device, steps=200, lr=0.01, upper_bound=0.9):
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    results = []
    for hot in molecules:
        hot = hot.to(device).float()
        x = noisy_start(hot, upper_bound).requires_grad_(True)
        opt = torch.optim.Adam([x], lr=lr)
        for _ in range(steps):
            loss = (model(torch.softmax(x, dim=-1)) - target).pow(2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        results.append(x.detach().argmax(-1).cpu())
    return results


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = PropertyRegressor().to(device)
    batch = [torch.nn.functional.one_hot(torch.randint(0, 24, (4, 40)), 24) for _ in range(3)]
    print([r.shape for r in dream(model, batch, target=2.5, device=device)])
