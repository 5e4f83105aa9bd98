# source: https://github.com/vacancy/Synchronized-BatchNorm-PyTorch/issues/37
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: module-added-after-placement
# shape: helper, loader-loop
# bug-lines: 28, 70
# cpu: clean
# needs: torch
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class SynchronizedBatchNorm2d(nn.BatchNorm2d):
    """Stand-in for a cross-replica BN; statistics sync omitted here."""

    def forward(self, x):
        return super().forward(x)


def convert_model(module):
    """Recursively replace BatchNorm2d by SynchronizedBatchNorm2d."""
    if isinstance(module, nn.DataParallel):
        inner = convert_model(module.module)
        return nn.DataParallel(inner, device_ids=module.device_ids)

    mod = module
    if isinstance(module, nn.BatchNorm2d):
        mod = SynchronizedBatchNorm2d(module.num_features, module.eps, module.momentum, module.affine)
        mod.running_mean = module.running_mean
        mod.running_var = module.running_var
        if module.affine:
            mod.weight.data = module.weight.data.clone().detach()
            mod.bias.data = module.bias.data.clone().detach()

    for name, child in module.named_children():
        mod.add_module(name, convert_model(child))
    return mod


class SegNet(nn.Module):
    def __init__(self, n_classes=4):
        super().__init__()
        self.enc = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
            nn.Conv2d(16, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
        )
        self.cls = nn.Conv2d(16, n_classes, 1)

    def forward(self, x):
        return self.cls(self.enc(x))


def train(model, loader, optimizer, device):
    model.train()
    for images, masks in loader:
        images, masks = images.to(device), masks.to(device)
        loss = nn.functional.cross_entropy(model(images), masks)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SegNet()
    if torch.cuda.is_available():
        model.cuda()
    model = nn.DataParallel(model)
    model = convert_model(model)

    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    data = TensorDataset(torch.randn(8, 3, 32, 32), torch.randint(0, 4, (8, 32, 32)))
    print(train(model, DataLoader(data, batch_size=4), optimizer, device))
