# source: https://github.com/NVIDIA/DALI/issues/2460
# error: RuntimeError: Input type (torch.cuda.ByteTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: integer-input
# shape: loader-loop, batch-dict, helper
# looks-like: integer-input
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class DecodedImages(Dataset):
    def __init__(self, n=8, size=32):
        self.n = n
        self.size = size

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        img = torch.randint(0, 256, (self.size, self.size, 3), dtype=torch.uint8)
        heatmap = torch.rand(4, self.size // 4, self.size // 4)
        return {"images": img, "heatmaps": heatmap}


class PoseNet(nn.Module):
    def __init__(self, joints=4):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.ReLU())
        self.body = nn.Sequential(nn.Conv2d(16, 16, 3, stride=2, padding=1), nn.ReLU())
        self.final = nn.Conv2d(16, joints, 1)

    def forward(self, x):
        return self.final(self.body(self.stem(x)))


def to_model_input(images, device, mean, std):
    images = images.to(device, non_blocking=True).permute(0, 3, 1, 2)
    images = images.float().div_(255.0)
    return (images - mean) / std


def do_train(model, loader, optimizer, device):
    mean = torch.tensor([0.485, 0.456, 0.406], device=device).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225], device=device).view(1, 3, 1, 1)
    model.train()
    for i, batch in enumerate(loader):
        images = to_model_input(batch["images"], device, mean, std)
        heatmaps = batch["heatmaps"].to(device)
        outputs = model(images)
        loss = nn.functional.mse_loss(outputs, heatmaps)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        print(i, round(loss.item(), 4))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = PoseNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(DecodedImages(), batch_size=4)
    do_train(model, loader, optimizer, device)
