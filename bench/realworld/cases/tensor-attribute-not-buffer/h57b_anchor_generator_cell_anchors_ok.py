# source: https://github.com/pytorch/vision/pull/1745
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
"""Anchor generator for a two-stage detector; template anchors are kept as plain tensors and re-homed per call."""
import math

import torch
import torch.nn as nn


class AnchorGenerator(nn.Module):
    def __init__(self, sizes=((32,), (64,), (128,), (256,), (512,)), aspect_ratios=((0.5, 1.0, 2.0),) * 5):
        super().__init__()
        self.sizes = sizes
        self.aspect_ratios = aspect_ratios
        self.cell_anchors = [self.generate_anchors(s, a) for s, a in zip(sizes, aspect_ratios)]

    @staticmethod
    def generate_anchors(scales, aspect_ratios, dtype=torch.float32):
        scales = torch.as_tensor(scales, dtype=dtype)
        ratios = torch.as_tensor(aspect_ratios, dtype=dtype)
        h_ratios = torch.sqrt(ratios)
        ws = (1 / h_ratios[:, None] * scales[None, :]).view(-1)
        hs = (h_ratios[:, None] * scales[None, :]).view(-1)
        return (torch.stack([-ws, -hs, ws, hs], dim=1) / 2).round()

    def grid_anchors(self, grid_sizes, strides, device, dtype):
        anchors = []
        for (gh, gw), (sh, sw), base in zip(grid_sizes, strides, self.cell_anchors):
            base = base.to(device=device, dtype=dtype)
            shifts_x = torch.arange(0, gw, dtype=torch.int32, device=device) * sw
            shifts_y = torch.arange(0, gh, dtype=torch.int32, device=device) * sh
            shift_y, shift_x = torch.meshgrid(shifts_y, shifts_x, indexing="ij")
            shifts = torch.stack((shift_x.reshape(-1), shift_y.reshape(-1)) * 2, dim=1)
            anchors.append((shifts.view(-1, 1, 4) + base.view(1, -1, 4)).reshape(-1, 4))
        return anchors

    def forward(self, image_tensors, feature_maps):
        grid_sizes = [fm.shape[-2:] for fm in feature_maps]
        img_h, img_w = image_tensors.shape[-2:]
        dtype, device = feature_maps[0].dtype, feature_maps[0].device
        strides = [(img_h // g[0], img_w // g[1]) for g in grid_sizes]
        per_level = self.grid_anchors(grid_sizes, strides, device, dtype)
        return [torch.cat(per_level) for _ in range(image_tensors.shape[0])]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    gen = AnchorGenerator().to(device)
    images = torch.randn(2, 3, 800, 1216, device=device)
    feats = [torch.randn(2, 256, math.ceil(800 / s), math.ceil(1216 / s), device=device) for s in (4, 8, 16, 32, 64)]
    anchors = gen(images, feats)
    print(anchors[0].shape, anchors[0].device)
