# The optimizer comes from a helper that builds Adagrad for one option: in the run
# that takes it, its state is made on the CPU before the trainer moves the model.
import torch
from torch import nn


def optimizer_from_config(model, config):
    if config.get("type", "adagrad") == "adagrad":
        return torch.optim.Adagrad(model.parameters(), lr=config["lr"])
    return torch.optim.SGD(model.parameters(), lr=config["lr"])


def train(config, loader, device):
    model = nn.Linear(16, 4)
    optimizer = optimizer_from_config(model, config)
    model.to(device)  # expect: TL207:5 lines=9,19
    for x, y in loader:
        nn.functional.cross_entropy(model(x.to(device)), y.to(device)).backward()
        optimizer.step()
