# source: https://github.com/kuaikuaikim/dface/issues/39
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: multi-file, helper
# bug-lines: 23, 24
# needs: torch, torchvision, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torchvision.transforms as transforms

transform = transforms.ToTensor()


def convert_image_to_tensor(image):
    """convert an image to pytorch tensor

    Parameters:
        image: numpy array, h * w * c (BGR, uint8)
    Returns:
        image_tensor: c * h * w
    """
    image = image.astype(np.float64)
    return transform(image)


def convert_chw_tensor_to_hwc_numpy(tensor):
    """(count, c, h, w) tensor -> (count, h, w, c) numpy array"""
    if isinstance(tensor, torch.Tensor) and tensor.dim() == 4:
        return np.transpose(tensor.detach().cpu().numpy(), (0, 2, 3, 1))
    raise ValueError("expected a 4-d b*c*h*w tensor")
