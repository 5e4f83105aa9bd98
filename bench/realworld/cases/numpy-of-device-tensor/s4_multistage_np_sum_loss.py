# source: https://github.com/swz30/MPRNet/issues/128
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: loader-loop
# bug-lines: 52, 53
# cpu: raises "Can't call numpy() on Tensor that requires grad"
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class CharbonnierLoss(nn.Module):
    def __init__(self, eps=1e-3):
        super().__init__()
        self.eps = eps

    def forward(self, x, y):
        diff = x - y
        return torch.mean(torch.sqrt(diff * diff + self.eps * self.eps))


class MultiStageNet(nn.Module):
    def __init__(self, ch=8, stages=3):
        super().__init__()
        self.head = nn.Conv2d(3, ch, 3, padding=1)
        self.stages = nn.ModuleList(nn.Conv2d(ch, 3, 3, padding=1) for _ in range(stages))

    def forward(self, x):
        feat = torch.relu(self.head(x))
        outs = [x + stage(feat) for stage in self.stages]
        return outs[::-1]


def train(opt):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model_restoration = MultiStageNet().to(device)
    optimizer = torch.optim.Adam(model_restoration.parameters(), lr=opt["lr"])
    criterion_char = CharbonnierLoss()
    criterion_l1 = nn.L1Loss()
    pairs = TensorDataset(torch.rand(16, 3, 32, 32), torch.rand(16, 3, 32, 32))
    train_loader = DataLoader(pairs, batch_size=opt["batch_size"], shuffle=True)

    for epoch in range(opt["epochs"]):
        epoch_loss = 0
        for i, data in enumerate(train_loader, 0):
            optimizer.zero_grad()
            target = data[0].to(device)
            input_ = data[1].to(device)
            restored = model_restoration(input_)
            loss_char = np.sum([criterion_char(restored[j], target) for j in range(len(restored))])
            loss_l1 = np.sum([criterion_l1(restored[j], target) for j in range(len(restored))])
            loss = loss_char + 0.05 * loss_l1
            loss.backward()
            optimizer.step()
            epoch_loss += loss.item()
        print(f"epoch {epoch}: {epoch_loss:.4f}")


if __name__ == "__main__":
    train({"lr": 2e-4, "batch_size": 4, "epochs": 2})
