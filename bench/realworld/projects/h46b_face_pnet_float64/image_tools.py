# source: https://github.com/wujiyang/MTCNN_TRAIN/issues/3
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: multi-file, helper
# bug-lines: 28, 29
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Small conversion helpers shared by the P/R/O-Net training scripts."""
import numpy as np
import torch

MEAN = 127.5
SCALE = 0.0078125


def hflip(image):
    return image[:, ::-1, :].copy()


def convert_image_to_tensor(image):
    """HWC uint8 BGR crop -> normalised CHW tensor.

    Parameters:
        image: numpy array, h * w * c
    Returns:
        image_tensor: c * h * w
    """
    image = (image.astype(np.float64) - MEAN) * SCALE
    return torch.from_numpy(image.transpose(2, 0, 1).copy())


def convert_chw_tensor_to_hwc_numpy(tensor):
    if tensor.dim() != 4:
        raise ValueError("expected a b*c*h*w tensor")
    return np.transpose(tensor.cpu().numpy(), (0, 2, 3, 1))
