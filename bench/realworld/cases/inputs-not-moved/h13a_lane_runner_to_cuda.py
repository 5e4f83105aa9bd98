# source: https://github.com/zillur01/LVLane/issues/13
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: class, batch-dict, loader-loop
# bug-lines: 51, 60
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class LaneSegDataset(Dataset):
    def __init__(self, images, masks):
        self.images = images  # (N, H, W, 3) uint8
        self.masks = masks    # (N, H, W) int64 lane ids

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        img = torch.from_numpy(self.images[idx]).permute(2, 0, 1).float() / 255.0
        return {"img": img, "label": torch.from_numpy(self.masks[idx]), "idx": idx}


class LaneNet(nn.Module):
    def __init__(self, num_lanes=5):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(inplace=True),
        )
        self.head = nn.Conv2d(64, num_lanes, 1)

    def forward(self, batch):
        feat = self.backbone(batch["img"])
        logits = self.head(feat)
        return F.interpolate(logits, size=batch["img"].shape[-2:], mode="bilinear")


class Runner:
    def __init__(self, net, loader, lr=1e-3):
        self.net = net.cuda()
        self.loader = loader
        self.optimizer = torch.optim.AdamW(self.net.parameters(), lr=lr)

    def to_cuda(self, batch):
        for k in batch:
            if not isinstance(k, torch.Tensor):
                continue
            batch[k] = batch[k].cuda()
        return batch

    def train_epoch(self, epoch):
        self.net.train()
        for i, batch in enumerate(self.loader):
            batch = self.to_cuda(batch)
            output = self.net(batch)
            loss = F.cross_entropy(output, batch["label"])
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            if i % 10 == 0:
                print(f"epoch {epoch} it {i} loss {loss.item():.4f}")


if __name__ == "__main__":
    images = np.random.randint(0, 255, (32, 288, 800, 3), dtype=np.uint8)
    masks = np.random.randint(0, 5, (32, 288, 800), dtype=np.int64)
    loader = DataLoader(LaneSegDataset(images, masks), batch_size=4, shuffle=True)
    runner = Runner(LaneNet(), loader)
    for epoch in range(3):
        runner.train_epoch(epoch)
