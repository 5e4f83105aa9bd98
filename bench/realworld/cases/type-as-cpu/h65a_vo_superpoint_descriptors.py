# source: https://github.com/KinglittleQ/SuperPoint_SLAM/issues/16
# error: RuntimeError: grid_sampler(): expected input and grid to be on same device, but input is on cuda:0 and grid is on cpu
# pattern: type-as-cpu
# shape: helper, class
# bug-lines: 42
# needs: torch, numpy, cv2
# cpu: no written where torch was not installed; not run
import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class SuperPointLite(nn.Module):
    def __init__(self, desc_dim=128):
        super().__init__()
        c = [1, 32, 64, 128]
        self.encoder = nn.Sequential(*[nn.Sequential(nn.Conv2d(a, b, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
                                       for a, b in zip(c[:-1], c[1:])])
        self.score_head = nn.Conv2d(128, 65, 1)
        self.desc_head = nn.Conv2d(128, desc_dim, 1)

    def forward(self, gray):
        x = self.encoder(gray)
        return self.score_head(x), F.normalize(self.desc_head(x), dim=1)


class VOFrontend:
    """Tracks FAST/Shi-Tomasi corners with LK flow on the host and describes them on the GPU."""

    def __init__(self, device="cuda:0"):
        self.device = torch.device(device)
        self.net = SuperPointLite().to(self.device).eval()
        self.prev_gray = None
        self.prev_kpts = None     # (N, 2) float32 tensor kept on host for OpenCV
        self.prev_desc = None

    def sample_descriptors(self, desc_map, keypoints, img_hw, stride=8):
        h, w = img_hw
        norm = torch.stack([keypoints[:, 0] / (w - 1), keypoints[:, 1] / (h - 1)], dim=-1) * 2 - 1
        grid = norm.type_as(self.prev_kpts).view(1, 1, -1, 2)
        desc = F.grid_sample(desc_map, grid, mode="bilinear", align_corners=True)
        return F.normalize(desc.view(desc_map.shape[1], -1).t(), dim=1)

    def step(self, frame_bgr):
        gray = cv2.cvtColor(frame_bgr, cv2.COLOR_BGR2GRAY)
        if self.prev_gray is None:
            pts = cv2.goodFeaturesToTrack(gray, maxCorners=500, qualityLevel=0.01, minDistance=8)
        else:
            prev = self.prev_kpts.numpy().reshape(-1, 1, 2)
            pts, status, _ = cv2.calcOpticalFlowPyrLK(self.prev_gray, gray, prev, None)
            pts = pts[status.ravel() == 1]
        kpts_host = torch.from_numpy(pts.reshape(-1, 2).astype(np.float32))
        img = torch.from_numpy(gray).float().div(255.0)[None, None].to(self.device)
        with torch.no_grad():
            _, desc_map = self.net(img)
        if self.prev_kpts is None:
            self.prev_kpts = kpts_host
        desc = self.sample_descriptors(desc_map, kpts_host.to(self.device), gray.shape)
        matches = None
        if self.prev_desc is not None:
            sim = desc @ self.prev_desc.t()
            matches = sim.argmax(dim=1)
        self.prev_gray, self.prev_kpts, self.prev_desc = gray, kpts_host, desc
        return kpts_host, matches


if __name__ == "__main__":
    cap = cv2.VideoCapture("kitti_00_left.mp4")
    frontend = VOFrontend()
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        kpts, matches = frontend.step(frame)
        print(len(kpts), None if matches is None else matches.shape)
