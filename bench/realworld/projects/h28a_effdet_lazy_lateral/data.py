# source: https://github.com/toandaominh1997/EfficientDet.Pytorch/issues/8
# error: RuntimeError: Expected object of backend CUDA but got backend CPU for argument #2 'weight'
# pattern: module-added-after-placement
# shape: multi-file, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
"""Synthetic VOC-like detection data with a padding collate function."""
import torch
from torch.utils.data import DataLoader, Dataset


class ToyVOC(Dataset):
    def __init__(self, n=200, size=256, num_classes=20):
        self.n, self.size, self.num_classes = n, size, num_classes

    def __len__(self):
        return self.n

    def __getitem__(self, idx):
        g = torch.Generator().manual_seed(idx)
        image = torch.rand(3, self.size, self.size, generator=g)
        k = int(torch.randint(1, 5, (1,), generator=g))
        xy = torch.rand(k, 2, generator=g) * (self.size - 64)
        boxes = torch.cat([xy, xy + 32 + torch.rand(k, 2, generator=g) * 32], dim=1)
        labels = torch.randint(0, self.num_classes, (k,), generator=g)
        return {"image": image, "boxes": boxes, "labels": labels}


def collate(samples):
    images = torch.stack([s["image"] for s in samples])
    targets = [{"boxes": s["boxes"], "labels": s["labels"]} for s in samples]
    return images, targets


def make_loader(batch_size=8):
    return DataLoader(ToyVOC(), batch_size=batch_size, shuffle=True, collate_fn=collate)
