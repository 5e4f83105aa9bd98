# source: https://github.com/mindee/doctr/issues/877
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: class, helper
# bug-lines: 57, 58
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Text-detection predictor for scanned documents (DBNet-style probability map)."""
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image


class PreProcessor:
    """Resizes and normalizes raw pages; runs on the host, before batching."""

    def __init__(self, output_size=(1024, 1024), mean=(0.798, 0.785, 0.772), std=(0.264, 0.275, 0.287)):
        self.output_size = output_size
        self.mean = torch.tensor(mean).view(3, 1, 1)
        self.std = torch.tensor(std).view(3, 1, 1)

    def __call__(self, pages):
        batch = []
        for page in pages:
            img = torch.from_numpy(page).permute(2, 0, 1).float() / 255.0
            img = F.interpolate(img[None], size=self.output_size, mode="bilinear", align_corners=False)[0]
            batch.append((img - self.mean) / self.std)
        return torch.stack(batch, dim=0)


class TinyDBNet(nn.Module):
    def __init__(self, width=32):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(3, width, 3, stride=2, padding=1), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, width * 2, 3, stride=2, padding=1), nn.BatchNorm2d(width * 2), nn.ReLU(inplace=True),
        )
        self.prob_head = nn.Sequential(nn.Conv2d(width * 2, 1, 1), nn.Upsample(scale_factor=4, mode="bilinear"))

    def forward(self, x):
        return self.prob_head(self.body(x))


class DetectionPredictor(nn.Module):
    def __init__(self, pre_processor, model, bin_thresh=0.3):
        super().__init__()
        self.pre_processor = pre_processor
        self.model = model.eval()
        self.bin_thresh = bin_thresh

    @torch.no_grad()
    def forward(self, pages):
        batch = self.pre_processor(pages)
        prob_map = torch.sigmoid(self.model(batch))
        return [(p[0] > self.bin_thresh).cpu().numpy() for p in prob_map]


def detection_predictor(pretrained_path=None):
    model = TinyDBNet()
    if pretrained_path:
        model.load_state_dict(torch.load(pretrained_path, map_location="cpu"))
    return DetectionPredictor(PreProcessor(), model)


if __name__ == "__main__":
    predictor = detection_predictor().cuda()
    pages = [np.asarray(Image.open(p).convert("RGB")) for p in sys.argv[1:]]
    masks = predictor(pages)
    for path, mask in zip(sys.argv[1:], masks):
        print(path, "text pixels:", int(mask.sum()))
