# source: https://github.com/open-mmlab/mmtracking/issues/446
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: class, loader-loop
# looks-like: loss-target-dtype
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
"""Train a small FCN on instance-id annotated frames remapped to semantic classes."""
import glob
import os

import numpy as np
import torch
import torch.nn as nn
from PIL import Image
from torch.utils.data import DataLoader, Dataset

IGNORE = 255


class FrameSegDataset(Dataset):
    def __init__(self, root, id_to_class):
        self.images = sorted(glob.glob(os.path.join(root, "JPEGImages", "*", "*.jpg")))
        self.id_to_class = np.full(1024, IGNORE, dtype=np.int32)
        for inst_id, cls in id_to_class.items():
            self.id_to_class[inst_id] = cls

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        img_path = self.images[idx]
        ann_path = img_path.replace("JPEGImages", "Annotations").replace(".jpg", ".png")
        image = np.asarray(Image.open(img_path).convert("RGB").resize((320, 192)), dtype=np.float32) / 255.0
        ids = np.asarray(Image.open(ann_path).resize((320, 192), Image.NEAREST), dtype=np.int32)
        mask = self.id_to_class[ids]                       # int32 class map
        return torch.from_numpy(image).permute(2, 0, 1), torch.from_numpy(mask).long()


def make_fcn(n_classes):
    return nn.Sequential(
        nn.Conv2d(3, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
        nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
        nn.Conv2d(64, n_classes, 1),
    )


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dataset = FrameSegDataset("data/youtube_vis_2021/train", {0: 0, 1: 1, 2: 2, 3: 1, 4: 3})
    loader = DataLoader(dataset, batch_size=8, shuffle=True, num_workers=4)
    model = make_fcn(n_classes=4).to(device)
    criterion = nn.CrossEntropyLoss(ignore_index=IGNORE)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    for epoch in range(12):
        for images, masks in loader:
            images, masks = images.to(device), masks.to(device)
            loss = criterion(model(images), masks)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
