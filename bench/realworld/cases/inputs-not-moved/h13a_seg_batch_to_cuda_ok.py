# source: https://github.com/CSAILVision/semantic-segmentation-pytorch/issues/58
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: class, batch-dict, loader-loop
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
"""Scene parsing trainer whose batches arrive as dicts from the loader."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class SceneParsingDataset(Dataset):
    def __init__(self, n=64, num_classes=150, size=(256, 256)):
        self.n, self.num_classes, self.size = n, num_classes, size

    def __len__(self):
        return self.n

    def __getitem__(self, idx):
        g = torch.Generator().manual_seed(idx)
        img = torch.rand(3, *self.size, generator=g)
        seg = torch.randint(0, self.num_classes, self.size, generator=g)
        return {"img_data": img, "seg_label": seg, "info": f"ADE_train_{idx:08d}"}


class SegmentationModule(nn.Module):
    def __init__(self, num_classes=150):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(3, 64, 3, stride=2, padding=1), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            nn.Conv2d(64, 128, 3, stride=2, padding=1), nn.BatchNorm2d(128), nn.ReLU(inplace=True),
        )
        self.decoder = nn.Conv2d(128, num_classes, 1)

    def forward(self, feed_dict):
        pred = self.decoder(self.encoder(feed_dict["img_data"]))
        pred = F.interpolate(pred, size=feed_dict["seg_label"].shape[-2:], mode="bilinear")
        return F.cross_entropy(pred, feed_dict["seg_label"], ignore_index=-1)


class Trainer:
    def __init__(self, module, loader, lr=0.02):
        self.module = module.cuda()
        self.loader = loader
        self.optimizer = torch.optim.SGD(self.module.parameters(), lr=lr, momentum=0.9)

    def to_cuda(self, batch):
        for k in batch:
            if not isinstance(batch[k], torch.Tensor):
                continue
            batch[k] = batch[k].cuda(non_blocking=True)
        return batch

    def train_epoch(self, epoch):
        self.module.train()
        for i, batch_data in enumerate(self.loader):
            batch_data = self.to_cuda(batch_data)
            loss = self.module(batch_data)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            if i % 10 == 0:
                print(f"[{epoch}][{i}] loss {loss.item():.4f}")


if __name__ == "__main__":
    loader = DataLoader(SceneParsingDataset(), batch_size=4, shuffle=True, pin_memory=True)
    trainer = Trainer(SegmentationModule(), loader)
    for epoch in range(2):
        trainer.train_epoch(epoch)
