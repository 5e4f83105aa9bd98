# source: https://github.com/brazgardian/M3D-RPN/issues/4
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper
# looks-like: numpy-of-device-tensor
# needs: numpy
# cpu: no written where torch was not installed; not run
import numpy as np


def generate_anchors(scales=(32, 48, 72, 108, 162), ratios=(0.5, 1.0, 1.5)):
    """2D anchors (x1, y1, x2, y2) plus per-anchor 3D priors (z, w3d, h3d, l3d, rotY)."""
    anchors = []
    for s in scales:
        for r in ratios:
            w, h = s / np.sqrt(r), s * np.sqrt(r)
            z = 1100.0 / h  # depth prior from focal length and a 1.5 m tall car
            anchors.append([-w / 2, -h / 2, w / 2, h / 2, z, 1.6, 1.5, 3.9, 0.0])
    return np.asarray(anchors, dtype=np.float32)


def locate_anchors(anchors, feat_h, feat_w, stride):
    """Returns rois (N, 5): x1, y1, x2, y2, anchor index, tiled over the feature map."""
    shift_x, shift_y = np.meshgrid(np.arange(feat_w) * stride, np.arange(feat_h) * stride)
    shifts = np.stack([shift_x, shift_y, shift_x, shift_y], axis=-1).reshape(-1, 1, 4)
    boxes = (anchors[None, :, :4] + shifts).reshape(-1, 4)
    idx = np.tile(np.arange(len(anchors)), feat_h * feat_w)[:, None]
    return np.concatenate([boxes, idx], axis=1).astype(np.float32)
