import torch
from torch import nn


class Runner:
    # A template trainer: the model is moved on the single-GPU path only, so with
    # several GPUs the DataParallel holds a model that never left the CPU.
    def __init__(self, model, config):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        gpus = torch.cuda.device_count()
        if config.get("multi_gpu") and gpus > 1:
            self.model = nn.DataParallel(model)  # expect: TL203:26 lines=26,19
        else:
            self.model = model.to(self.device)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.1)

    def step(self, x, y):
        x, y = x.to(self.device), y.to(self.device)
        loss = nn.functional.mse_loss(self.model(x), y)
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()


def main(batches):
    runner = Runner(nn.Linear(8, 1), {"multi_gpu": True})
    for x, y in batches:
        runner.step(x, y)
