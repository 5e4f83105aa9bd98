# source: https://github.com/microsoft/nni/pull/1607
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, helper, loader-loop
# bug-lines: 39, 49
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class LevelPruner:
    """Magnitude pruner that re-applies a weight mask before every forward of the wrapped layers."""

    def __init__(self, model, sparsity=0.5, start_epoch=1, op_types=(nn.Conv2d, nn.Linear)):
        self.model = model
        self.sparsity = sparsity
        self.start_epoch = start_epoch
        self.epoch = 0
        self.masks = {}
        self.layers = [(n, m) for n, m in model.named_modules() if isinstance(m, op_types)]

    def compress(self):
        for name, layer in self.layers:
            layer.register_forward_pre_hook(self._make_hook(name))
        return self.model

    def update_epoch(self, epoch):
        self.epoch = epoch
        self.masks.clear()

    def calc_mask(self, name, layer):
        if name in self.masks:
            return self.masks[name]
        weight = layer.weight.data
        k = int(weight.numel() * self.sparsity)
        if self.epoch < self.start_epoch or k == 0:
            mask = torch.ones(weight.shape)
        else:
            threshold = weight.abs().flatten().kthvalue(k).values
            mask = torch.gt(weight.abs(), threshold).type_as(weight)
        self.masks[name] = mask
        return mask

    def _make_hook(self, name):
        def hook(layer, inputs):
            mask = self.calc_mask(name, layer)
            layer.weight.data = layer.weight.data.mul(mask)
        return hook


def build_net():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        nn.Flatten(), nn.Linear(16, 10),
    )


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = build_net().to(device)
    pruner = LevelPruner(model, sparsity=0.5, start_epoch=1)
    model = pruner.compress()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    loader = DataLoader(TensorDataset(torch.rand(256, 1, 28, 28), torch.randint(0, 10, (256,))), batch_size=32)
    for epoch in range(3):
        pruner.update_epoch(epoch)
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = nn.functional.cross_entropy(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    main()
