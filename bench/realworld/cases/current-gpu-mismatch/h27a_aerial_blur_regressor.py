# source: https://github.com/satellogic/iquaflow/pull/9
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1! (when checking argument for argument weight in method wrapper_CUDA__cudnn_convolution)
# pattern: current-gpu-mismatch
# shape: class, loader-loop
# bug-lines: 29, 30
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Regress the blur sigma applied to aerial-image crops (image-quality metric)."""
import torch
import torch.nn as nn
import torchvision
from torch.utils.data import DataLoader


class BlurSigmaRegressor:
    def __init__(self, num_regs=50, gpu_id=1, lr=1e-3, momentum=0.9, weight_decay=1e-4):
        self.device = torch.device(f"cuda:{gpu_id}" if torch.cuda.is_available() else "cpu")
        net = torchvision.models.resnet18(weights=None)
        net.fc = nn.Linear(net.fc.in_features, num_regs)
        self.net = net.to(self.device)
        self.criterion = nn.BCEWithLogitsLoss()
        self.optimizer = torch.optim.SGD(self.net.parameters(), lr=lr, momentum=momentum,
                                         weight_decay=weight_decay)

    def train_epoch(self, loader):
        self.net.train()
        total = 0.0
        for crops, sigma_onehot in loader:
            crops = crops.cuda()
            sigma_onehot = sigma_onehot.cuda()
            self.optimizer.zero_grad()
            logits = self.net(crops)
            loss = self.criterion(logits, sigma_onehot)
            loss.backward()
            self.optimizer.step()
            total += loss.item() * crops.size(0)
        return total / len(loader.dataset)

    @torch.no_grad()
    def predict(self, crops):
        self.net.eval()
        probs = torch.sigmoid(self.net(crops.to(self.device)))
        return probs.argmax(dim=1)


def make_loader(root, input_size=128, batch_size=64):
    from iq_datasets import AerialBlurCrops  # project-local dataset of blurred crops
    ds = AerialBlurCrops(root, crop_size=input_size, num_crops=100, num_regs=50)
    return DataLoader(ds, batch_size=batch_size, shuffle=True, num_workers=4)


if __name__ == "__main__":
    regressor = BlurSigmaRegressor(gpu_id=1)
    train_loader = make_loader("AerialImageDataset/train")
    for epoch in range(200):
        print(epoch, regressor.train_epoch(train_loader))
