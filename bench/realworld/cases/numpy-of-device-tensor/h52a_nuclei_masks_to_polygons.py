# source: https://github.com/ultralytics/yolov5/pull/9724
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 26
# needs: torch, numpy, scikit-image
# cpu: no written where torch was not installed; not run
import json

import numpy as np
import torch
import torch.nn.functional as F
from skimage.measure import find_contours
from torch.utils.data import DataLoader, TensorDataset


def upsample_masks(mask_logits, size):
    """mask_logits: (N, h, w) per-instance logits from the mask head."""
    return F.interpolate(mask_logits[:, None], size=size, mode="bilinear", align_corners=False)[:, 0]


def masks_to_polygons(masks, min_points=6):
    """Convert binary instance masks (N, H, W) into lists of (x, y) vertices."""
    polygons = []
    for m in masks:
        contours = find_contours(m.numpy().astype(np.uint8), 0.5)
        if not contours:
            polygons.append([])
            continue
        largest = max(contours, key=len)
        if len(largest) < min_points:
            polygons.append([])
            continue
        polygons.append(largest[:, ::-1].round(1).tolist())
    return polygons


@torch.no_grad()
def export_cell_outlines(model, loader, device, out_path="outlines.json"):
    model.eval()
    records = []
    for tiles, tile_ids in loader:
        tiles = tiles.to(device, non_blocking=True)
        mask_logits, scores = model(tiles)
        for logits, score, tile_id in zip(mask_logits, scores, tile_ids.tolist()):
            keep = score > 0.5
            masks = upsample_masks(logits[keep], tiles.shape[-2:]) > 0
            records.append({"tile": tile_id, "cells": masks_to_polygons(masks)})
    with open(out_path, "w") as fh:
        json.dump(records, fh)
    return records


class TinyMaskHead(torch.nn.Module):
    def __init__(self, n_inst=16):
        super().__init__()
        self.backbone = torch.nn.Conv2d(1, 32, 3, padding=1)
        self.masks = torch.nn.Conv2d(32, n_inst, 1)
        self.score = torch.nn.Linear(32, n_inst)

    def forward(self, x):
        f = F.relu(self.backbone(x))
        pooled = F.adaptive_avg_pool2d(f, 1).flatten(1)
        return F.max_pool2d(self.masks(f), 4), torch.sigmoid(self.score(pooled))


if __name__ == "__main__":
    device = torch.device("cuda")
    data = TensorDataset(torch.rand(8, 1, 256, 256), torch.arange(8))
    export_cell_outlines(TinyMaskHead().to(device), DataLoader(data, batch_size=4), device)
