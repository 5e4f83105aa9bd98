# source: https://github.com/open-mmlab/mmaction2/issues/1456
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument weight in method wrapper_nll_loss_forward)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop, batch-dict
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import json

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

from model import Recognizer3D


class ClipDataset(Dataset):
    """Pre-decoded clips stored as uint8 .npy arrays of shape (T, H, W, 3)."""

    def __init__(self, ann_file):
        with open(ann_file) as f:
            self.items = json.load(f)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        clip = np.load(self.items[i]["path"]).astype(np.float32) / 255.0
        imgs = torch.from_numpy(clip).permute(3, 0, 1, 2)
        return {"imgs": imgs, "label": self.items[i]["label"]}


def main():
    with open("configs/class_weight.json") as f:
        class_weight = json.load(f)
    device = torch.device("cuda")
    model = Recognizer3D(num_classes=len(class_weight), class_weight=class_weight).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    loader = DataLoader(ClipDataset("data/train.json"), batch_size=8, shuffle=True, num_workers=8)

    for epoch in range(40):
        model.train()
        for step, batch in enumerate(loader):
            imgs = batch["imgs"].to(device, non_blocking=True)
            labels = batch["label"].to(device, non_blocking=True)
            losses = model.forward_train(imgs, labels)
            loss = sum(losses.values())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss_cls {losses['loss_cls'].item():.4f}")
        torch.save(model.state_dict(), f"work_dirs/epoch_{epoch}.pth")


if __name__ == "__main__":
    main()
