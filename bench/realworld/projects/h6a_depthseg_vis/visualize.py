# source: https://github.com/D-Robotics-AI-Lab/MODEST/pull/3
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper, class
# bug-lines: 31
# needs: torch, numpy, opencv-python, matplotlib
# cpu: no written where torch was not installed; not run
import cv2
import numpy as np
import matplotlib.pyplot as plt

SEG_COLORS = np.array([[255, 255, 0], [0, 0, 255], [0, 255, 0]], dtype=np.uint8)


def depth_to_color(depth):
    """depth: (H, W) tensor in [0, 1] -> (H, W, 3) uint8 colour map."""
    depth_np = np.ascontiguousarray(depth.detach().cpu().numpy()).astype(np.float64)
    colored = plt.cm.YlGnBu((depth_np * 255).astype(np.uint8))
    return (colored[:, :, :3] * 255).astype(np.uint8)


def _to_gray_rgb(image):
    gray = cv2.cvtColor(image.astype(np.float32), cv2.COLOR_RGB2GRAY)
    return np.repeat(gray[:, :, None], 3, axis=2)


def seg_overlay(seg_logits, rgb, num_classes=3, alpha=0.4):
    """seg_logits: (C, H, W) tensor, rgb: (H, W, 3) image -> blended overlay."""
    seg = np.ascontiguousarray(seg_logits.detach().cpu().numpy())
    labels = np.argmax(seg, axis=0).astype(np.uint8)
    base = _to_gray_rgb(np.copy(rgb))
    base = cv2.normalize(base, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
    mask = np.zeros_like(base)
    for cls in range(min(num_classes, len(SEG_COLORS))):
        mask[labels == cls] = SEG_COLORS[cls]
    blended = cv2.addWeighted(base, 1.0 - alpha, mask, alpha, 0)
    return cv2.cvtColor(blended, cv2.COLOR_BGR2RGB)
