# source: https://github.com/eriklindernoren/PyTorch-YOLOv3/issues/282
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: class, helper
# bug-lines: 16, 18, 19
# needs: torch
# cpu: no written where torch was not installed; not run
"""Decode raw YOLO feature maps into boxes; run on a chosen card with --device cuda:1."""
import argparse

import torch
import torch.nn as nn


def make_grid(grid_size, anchors, stride, on_gpu):
    tensor_type = torch.cuda.FloatTensor if on_gpu else torch.FloatTensor
    ys, xs = torch.meshgrid(torch.arange(grid_size), torch.arange(grid_size), indexing="ij")
    grid = torch.stack((xs, ys), dim=-1).view(1, 1, grid_size, grid_size, 2).type(tensor_type)
    anchor_wh = tensor_type([[w / stride, h / stride] for w, h in anchors]).view(1, -1, 1, 1, 2)
    return grid, anchor_wh


class YOLODecode(nn.Module):
    def __init__(self, anchors, num_classes, img_dim=416):
        super().__init__()
        self.anchors = anchors
        self.num_classes = num_classes
        self.img_dim = img_dim
        self._cache = {}

    def forward(self, feat):
        n, _, g, _ = feat.shape
        na = len(self.anchors)
        stride = self.img_dim / g
        if g not in self._cache:
            self._cache[g] = make_grid(g, self.anchors, stride, feat.is_cuda)
        grid, anchor_wh = self._cache[g]
        pred = feat.view(n, na, self.num_classes + 5, g, g).permute(0, 1, 3, 4, 2).contiguous()
        xy = (torch.sigmoid(pred[..., :2]) + grid) * stride
        wh = torch.exp(pred[..., 2:4]) * anchor_wh * stride
        conf = torch.sigmoid(pred[..., 4:5])
        cls = torch.sigmoid(pred[..., 5:])
        return torch.cat([xy, wh, conf, cls], dim=-1).view(n, -1, self.num_classes + 5)


class TinyDetector(nn.Module):
    def __init__(self, num_classes=80):
        super().__init__()
        anchors = [(81, 82), (135, 169), (344, 319)]
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 16, 3, 2, 1), nn.LeakyReLU(0.1),
            nn.Conv2d(16, 32, 3, 2, 1), nn.LeakyReLU(0.1),
            nn.Conv2d(32, 64, 3, 2, 1), nn.LeakyReLU(0.1),
            nn.Conv2d(64, 128, 3, 2, 1), nn.LeakyReLU(0.1),
            nn.Conv2d(128, 256, 3, 2, 1), nn.LeakyReLU(0.1),
        )
        self.pred = nn.Conv2d(256, len(anchors) * (num_classes + 5), 1)
        self.decode = YOLODecode(anchors, num_classes)

    def forward(self, x):
        return self.decode(self.pred(self.backbone(x)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1", help="GPU 0 is busy on the shared box")
    parser.add_argument("--weights", default=None)
    args = parser.parse_args()
    device = torch.device(args.device if torch.cuda.is_available() else "cpu")
    model = TinyDetector().to(device).eval()
    if args.weights:
        model.load_state_dict(torch.load(args.weights, map_location=device))
    images = torch.rand(4, 3, 416, 416, device=device)
    with torch.no_grad():
        detections = model(images)
    keep = detections[..., 4] > 0.5
    print("boxes over threshold per image:", keep.sum(dim=1).tolist())
