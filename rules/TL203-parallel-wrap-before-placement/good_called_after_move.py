# A DataParallel of a CPU model is fine when the wrapper is moved before its first
# call (DataParallel checks devices when it runs), or never called in the file.
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(10, 10)

    def forward(self, x):
        return self.fc(x)


def build(config):
    model = Net()
    if config["data_parallel"]:
        model = nn.DataParallel(model)
    return model


def predict(config, batch):
    model = build(config)
    model.cuda()
    return model(batch.cuda())


def only_built(config):
    # Handed to the caller, which places it (or runs on the CPU, where DataParallel
    # without GPUs just calls the module).
    return build(config)


def wrapped_then_moved(x, device):
    model = nn.DataParallel(Net())
    model = model.to(device)
    return model(x)
