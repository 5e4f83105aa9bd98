# source: https://github.com/sksq96/pytorch-summary/issues/16
# error: none (correct look-alike)
# pattern: module-not-placed
# shape: helper, loader-loop
# looks-like: module-not-placed
# cpu: clean
# needs: torch
from collections import OrderedDict

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def summary(model, input_size, batch_size=2, device="cuda"):
    rows = OrderedDict()

    def register_hook(module):
        def hook(mod, inp, out):
            name = f"{mod.__class__.__name__}-{len(rows) + 1}"
            rows[name] = (list(out.shape), sum(p.numel() for p in mod.parameters(recurse=False)))
        if not isinstance(module, (nn.Sequential, nn.ModuleList)) and module is not model:
            hooks.append(module.register_forward_hook(hook))

    hooks = []
    model.apply(register_hook)
    x = torch.rand(batch_size, *input_size, device=device)
    with torch.no_grad():
        model(x)
    for h in hooks:
        h.remove()
    for name, (shape, n) in rows.items():
        print(f"{name:>20} {str(shape):>25} {n:>10}")
    return rows


def make_slide_cnn():
    return nn.Sequential(
        nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        nn.Flatten(), nn.Linear(16, 4),
    )


def train(model, loader, device, epochs=1):
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    for _ in range(epochs):
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            loss = nn.functional.cross_entropy(model(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = make_slide_cnn()
    summary(model.to(device), (3, 30, 16), device=device)
    loader = DataLoader(TensorDataset(torch.rand(8, 3, 30, 16), torch.randint(0, 4, (8,))), batch_size=4)
    print(train(model, loader, device))
