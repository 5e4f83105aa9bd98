import torch
from torch import nn


class Runner:
    # Moved before the branch: both paths hold a placed model.
    def __init__(self, model, config):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        model = model.to(self.device)
        if config.get("multi_gpu") and torch.cuda.device_count() > 1:
            self.model = nn.DataParallel(model)
        else:
            self.model = model
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.1)

    def step(self, x, y):
        x, y = x.to(self.device), y.to(self.device)
        loss = nn.functional.mse_loss(self.model(x), y)
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()


def held_wrapper(batches):
    # The module moved while the wrapper is held: DataParallel checks at its call.
    model = nn.Linear(8, 1)
    parallel = nn.DataParallel(model)
    model.to("cuda")
    for x, y in batches:
        parallel(x.to("cuda"))


def main(batches):
    runner = Runner(nn.Linear(8, 1), {"multi_gpu": True})
    for x, y in batches:
        runner.step(x, y)
