# source: https://github.com/AlonzoLeeeooo/StableV2V/pull/14
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, helper
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Frame-sequence I/O helpers for the depth-completion step of video editing."""
import os

import cv2
import numpy as np
import torch


def list_frames(folder):
    names = sorted(n for n in os.listdir(folder) if n.lower().endswith((".png", ".jpg")))
    return [os.path.join(folder, n) for n in names]


def load_sequence(folder, size=(512, 320), gray=True):
    frames = []
    for path in list_frames(folder):
        flag = cv2.IMREAD_GRAYSCALE if gray else cv2.IMREAD_COLOR
        img = cv2.resize(cv2.imread(path, flag), size)
        img = img[..., None] if gray else img
        frames.append(torch.from_numpy(img.astype(np.float32) / 255.0).permute(2, 0, 1))
    return torch.stack(frames, dim=0).unsqueeze(0)  # [1, T, C, H, W]


def binarize_tensor(t, thresh=0.5):
    return (t > thresh).float()


def save_sequence(tensor, folder):
    os.makedirs(folder, exist_ok=True)
    for i in range(tensor.size(1)):
        frame = (tensor[0, i].permute(1, 2, 0).clamp(0, 1) * 255.0).cpu().numpy().astype(np.uint8)
        cv2.imwrite(os.path.join(folder, f"{i:05d}.png"), frame)
