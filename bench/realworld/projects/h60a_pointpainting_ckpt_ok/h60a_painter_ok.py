# source: https://github.com/mlcommons/inference/pull/2087
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
"""PointPainting: decorate LiDAR points with per-pixel semantic scores from a 2D segmenter."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from h60a_ckpt_utils_ok import load_checkpoint


class TinySegNet(nn.Module):
    def __init__(self, num_classes=5):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 32, 3, 2, 1), nn.ReLU(), nn.Conv2d(32, 64, 3, 2, 1), nn.ReLU())
        self.cls = nn.Conv2d(64, num_classes, 1)

    def forward(self, img):
        return F.interpolate(self.cls(self.body(img)), size=img.shape[-2:], mode="bilinear", align_corners=False)


class Painter:
    def __init__(self, checkpoint_file, device):
        self.device = device
        self.seg_net = TinySegNet()
        self.seg_net.load_state_dict(load_checkpoint(checkpoint_file, device=self.device))
        self.seg_net.to(self.device).eval()

    @torch.no_grad()
    def paint(self, points, image, lidar2img):
        """points (N, 4) xyzi, image (3, H, W) float, lidar2img (3, 4) -> painted points (N, 4 + C)."""
        scores = self.seg_net(image[None].to(self.device)).softmax(dim=1)[0]  # (C, H, W)
        pts = points.to(self.device)
        homo = torch.cat([pts[:, :3], torch.ones_like(pts[:, :1])], dim=1)
        uvz = homo @ lidar2img.to(self.device).T
        uv = (uvz[:, :2] / uvz[:, 2:3].clamp_min(1e-5)).round().long()
        h, w = scores.shape[-2:]
        valid = (uvz[:, 2] > 0) & (uv[:, 0] >= 0) & (uv[:, 0] < w) & (uv[:, 1] >= 0) & (uv[:, 1] < h)
        painted = torch.zeros(pts.shape[0], scores.shape[0], device=self.device)
        painted[valid] = scores[:, uv[valid, 1], uv[valid, 0]].T
        return torch.cat([pts, painted], dim=1)
