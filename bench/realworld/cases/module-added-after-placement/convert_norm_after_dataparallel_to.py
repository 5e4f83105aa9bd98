# source: https://github.com/vacancy/Synchronized-BatchNorm-PyTorch/issues/34
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: module-added-after-placement
# shape: class, helper, loader-loop
# bug-lines: 33, 60
# cpu: clean
# needs: torch
import argparse

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class FilterResponseNorm2d(nn.Module):
    def __init__(self, num_features, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.gamma = nn.Parameter(torch.ones(1, num_features, 1, 1))
        self.beta = nn.Parameter(torch.zeros(1, num_features, 1, 1))
        self.tau = nn.Parameter(torch.zeros(1, num_features, 1, 1))

    def forward(self, x):
        x = x * torch.rsqrt(x.pow(2).mean(dim=(2, 3), keepdim=True) + self.eps)
        return torch.max(self.gamma * x + self.beta, self.tau)


def convert_model(module):
    if isinstance(module, nn.DataParallel):
        return nn.DataParallel(convert_model(module.module), device_ids=module.device_ids)
    mod = module
    if isinstance(module, nn.BatchNorm2d):
        mod = FilterResponseNorm2d(module.num_features, module.eps)
    for name, child in module.named_children():
        mod.add_module(name, convert_model(child))
    return mod


def net(num_classes=10):
    return nn.Sequential(
        nn.Conv2d(3, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
        nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, num_classes),
    )


class Trainer:
    def __init__(self, args):
        self.args = args
        self.device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
        self.model = self._build_model()
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.01, momentum=0.9)

    def _build_model(self):
        model = net()
        if self.args.use_gpu and torch.cuda.is_available():
            gpus = list(range(torch.cuda.device_count()))
            model = nn.DataParallel(model, device_ids=gpus).to(self.device)
        if self.args.norm == "frn":
            model = convert_model(model)
        return model

    def fit(self, loader):
        self.model.train()
        for x, y in loader:
            x, y = x.to(self.device), y.to(self.device)
            loss = nn.functional.cross_entropy(self.model(x), y)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
        return loss.item()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--use_gpu", action="store_true", default=True)
    p.add_argument("--norm", default="frn")
    trainer = Trainer(p.parse_args())
    data = TensorDataset(torch.randn(16, 3, 32, 32), torch.randint(0, 10, (16,)))
    print(trainer.fit(DataLoader(data, batch_size=8)))
