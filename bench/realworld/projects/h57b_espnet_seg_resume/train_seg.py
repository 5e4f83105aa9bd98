# source: https://github.com/sacmehta/EdgeNets/issues/14
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop
# bug-lines: 50, 53
# needs: torch, torchvision, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Train ESPSegNet on Cityscapes; `--resume` continues from the last checkpoint."""
import argparse
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision.transforms.functional import to_tensor

from checkpoint import resume_from, save_checkpoint
from model import ESPSegNet


class CityscapesTrainIds(Dataset):
    def __init__(self, root):
        self.images = sorted(Path(root, "leftImg8bit/train").rglob("*_leftImg8bit.png"))

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        img_path = self.images[i]
        lbl_path = str(img_path).replace("leftImg8bit", "gtFine").replace(".png", "_labelTrainIds.png")
        image = to_tensor(Image.open(img_path).convert("RGB").resize((1024, 512), Image.BILINEAR))
        label = np.array(Image.open(lbl_path).resize((1024, 512), Image.NEAREST), dtype=np.int64)
        return image, torch.from_numpy(label)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="./cityscapes")
    parser.add_argument("--resume", default="")
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--savedir", default="./results_espseg")
    args = parser.parse_args()

    model = ESPSegNet(num_classes=20)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.009, momentum=0.9, weight_decay=4e-5)
    start_epoch, best_miou = 0, 0.0
    if args.resume:
        start_epoch, best_miou = resume_from(args.resume, model, optimizer)

    if torch.cuda.is_available():
        model = model.cuda()
    criterion = nn.CrossEntropyLoss(ignore_index=255)
    loader = DataLoader(CityscapesTrainIds(args.data), batch_size=10, shuffle=True, num_workers=8, drop_last=True)

    for epoch in range(start_epoch, args.epochs):
        model.train()
        for images, targets in loader:
            images, targets = images.cuda(), targets.cuda()
            loss = criterion(model(images), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        save_checkpoint({"epoch": epoch + 1, "state_dict": model.state_dict(), "best_miou": best_miou,
                         "optimizer": optimizer.state_dict()}, False, args.savedir)


if __name__ == "__main__":
    main()
