# source: https://github.com/MathOnco/valis/issues/208
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper, loader-loop
# bug-lines: 35, 36
# needs: torch, numpy, kornia, opencv-python
# cpu: no written where torch was not installed; not run
"""Rigid registration of serial slide thumbnails with a learned (DISK) keypoint detector."""
import glob

import cv2
import kornia.feature as KF
import numpy as np
import torch

MAX_FEATURES = 20000


def to_tensor(image, device):
    rgb = cv2.cvtColor(image, cv2.COLOR_GRAY2RGB) if image.ndim == 2 else image
    t = torch.from_numpy(rgb).float().permute(2, 0, 1) / 255.0
    return t.unsqueeze(0).to(device)


class DiskFD:
    """Detects keypoints + descriptors; returns numpy arrays like the OpenCV detectors."""

    def __init__(self, device=None):
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.disk = KF.DISK.from_pretrained("depth").to(self.device).eval()

    @torch.no_grad()
    def detect_and_compute(self, image):
        feats = self.disk(to_tensor(image, self.device), n=MAX_FEATURES, pad_if_not_divisible=True)[0]
        kp_xy = feats.keypoints.numpy()
        desc = feats.descriptors.numpy()
        return kp_xy, desc


def match_and_estimate(kp1, desc1, kp2, desc2, ratio=0.8):
    matcher = cv2.BFMatcher(cv2.NORM_L2)
    knn = matcher.knnMatch(desc1.astype(np.float32), desc2.astype(np.float32), k=2)
    good = [m for m, n in knn if m.distance < ratio * n.distance]
    src = np.float32([kp1[m.queryIdx] for m in good])
    dst = np.float32([kp2[m.trainIdx] for m in good])
    M, _ = cv2.estimateAffinePartial2D(src, dst, method=cv2.RANSAC)
    return M


def register_series(slide_dir):
    paths = sorted(glob.glob(f"{slide_dir}/*.png"))
    detector = DiskFD()
    features = []
    for p in paths:
        img = cv2.imread(p, cv2.IMREAD_GRAYSCALE)
        features.append(detector.detect_and_compute(img))
        print(f"detected features in {p} with image shape {img.shape}")
    transforms = [np.eye(2, 3)]
    for (kp_fixed, d_fixed), (kp_mov, d_mov) in zip(features[:-1], features[1:]):
        transforms.append(match_and_estimate(kp_mov, d_mov, kp_fixed, d_fixed))
    return transforms


if __name__ == "__main__":
    for i, M in enumerate(register_series("slides/thumbnails")):
        print(i, np.round(M, 3))
