import numpy as np
import torch


def to_gray(frame):
    if isinstance(frame, np.ndarray):
        frame = torch.from_numpy(frame)
    return frame.float().mean(dim=-1)


def thumbnails(frames, device):
    out = []
    for frame in frames:
        gray = to_gray(frame.to(device))
        out.append(np.uint8(gray.clamp(0, 255).cpu()))
    return out
