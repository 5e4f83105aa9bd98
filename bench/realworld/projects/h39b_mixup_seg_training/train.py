# source: https://github.com/ivadomed/ivadomed/issues/1062
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
"""Training loop with optional MixUp, configured like the one-class 2D U-Net tutorial."""
import torch
from torch.utils.data import DataLoader, Dataset

from mixup import mixup
from model import Unet

CONFIG = {"batch_size": 16, "num_epochs": 5, "mixup_alpha": 1.0, "lr": 1e-3}


class SliceDataset(Dataset):
    def __init__(self, n=320, size=96):
        self.images = torch.rand(n, 1, size, size)
        self.masks = (self.images > 0.7).float()

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        return {"input": self.images[i], "gt": self.masks[i]}


def dice_loss(pred, gt, eps=1e-6):
    inter = (pred * gt).sum(dim=(1, 2, 3))
    return 1 - ((2 * inter + eps) / (pred.sum(dim=(1, 2, 3)) + gt.sum(dim=(1, 2, 3)) + eps)).mean()


def train(config):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = Unet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=config["lr"])
    loader = DataLoader(SliceDataset(), batch_size=config["batch_size"], shuffle=True)
    for epoch in range(config["num_epochs"]):
        for batch in loader:
            inputs, gt = batch["input"].to(device), batch["gt"].to(device)
            if config["mixup_alpha"]:
                inputs, gt = mixup(inputs, gt, config["mixup_alpha"])
            loss = dice_loss(model(inputs), gt)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: dice loss {loss.item():.4f}")


if __name__ == "__main__":
    train(CONFIG)
