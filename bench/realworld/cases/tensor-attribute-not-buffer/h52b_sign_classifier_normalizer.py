# source: https://github.com/fastai/fastai2/issues/158
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 31, 32, 36
# needs: torch, torchvision, PIL
# cpu: no written where torch was not installed; not run
"""Classify traffic-sign crops produced by the detector stage.

The network takes raw uint8 crops so that the exported model contains its own
normalisation and can be fed directly from the video pipeline.
"""
import csv
import glob
import os

import torch
import torch.nn as nn
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import models
from torchvision.transforms import functional as TF

GTSRB_MEAN = (0.3403, 0.3121, 0.3214)
GTSRB_STD = (0.2724, 0.2608, 0.2669)


class ImageNormalizer(nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.mean = torch.tensor(mean).view(1, 3, 1, 1)
        self.std = torch.tensor(std).view(1, 3, 1, 1)

    def forward(self, x):
        x = x.float() / 255.0
        return (x - self.mean) / self.std


def build_sign_classifier(num_classes=43):
    backbone = models.mobilenet_v3_small(num_classes=num_classes)
    return nn.Sequential(ImageNormalizer(GTSRB_MEAN, GTSRB_STD), backbone)


class CropFolder(Dataset):
    def __init__(self, folder, size=64):
        self.paths = sorted(glob.glob(os.path.join(folder, "*.png")))
        self.size = size

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        img = Image.open(self.paths[i]).convert("RGB").resize((self.size, self.size))
        return TF.pil_to_tensor(img), os.path.basename(self.paths[i])


@torch.no_grad()
def classify_crops(weights, crops_dir, out_csv="sign_predictions.csv"):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = build_sign_classifier()
    model.load_state_dict(torch.load(weights, map_location="cpu"))
    model.to(device).eval()

    loader = DataLoader(CropFolder(crops_dir), batch_size=256, num_workers=4)
    with open(out_csv, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["crop", "class_id", "score"])
        for crops, names in loader:
            probs = model(crops.to(device)).softmax(dim=1)
            score, cls = probs.max(dim=1)
            for name, c, s in zip(names, cls.tolist(), score.tolist()):
                writer.writerow([name, c, f"{s:.4f}"])


if __name__ == "__main__":
    classify_crops("sign_classifier.pth", "detections/crops")
