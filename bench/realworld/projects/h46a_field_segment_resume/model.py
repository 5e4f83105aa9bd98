# source: https://github.com/orsic/swiftnet/issues/29
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F

CROP_CLASSES = ["background", "maize", "weed", "soil", "residue"]


class FieldSegNet(nn.Module):
    """Small encoder/decoder for UAV crop-row segmentation."""

    def __init__(self, num_classes=len(CROP_CLASSES)):
        super().__init__()
        self.enc = nn.Sequential(
            nn.Conv2d(3, 32, 3, 2, 1), nn.BatchNorm2d(32), nn.ReLU(inplace=True),
            nn.Conv2d(32, 64, 3, 2, 1), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
        )
        self.logits = nn.Conv2d(64, num_classes, 1)

    def forward(self, image):
        out = self.logits(self.enc(image))
        return F.interpolate(out, size=image.shape[-2:], mode="bilinear", align_corners=False)

    def loss(self, batch):
        image = batch["image"].cuda(non_blocking=True)
        labels = batch["labels"].cuda(non_blocking=True)
        return F.cross_entropy(self(image), labels, ignore_index=255)
