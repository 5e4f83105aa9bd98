# source: https://github.com/pytorch/vision/pull/787
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, helper
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import torch

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def normalize(tensor, mean=IMAGENET_MEAN, std=IMAGENET_STD, inplace=False):
    """Channel-wise normalisation that works for batches already on the GPU."""
    if not inplace:
        tensor = tensor.clone()
    mean = torch.as_tensor(mean, dtype=tensor.dtype, device=tensor.device)
    std = torch.as_tensor(std, dtype=tensor.dtype, device=tensor.device)
    tensor.sub_(mean[None, :, None, None]).div_(std[None, :, None, None])
    return tensor


def to_float_image(uint8_batch):
    # uint8 NHWC frames from the field camera -> float NCHW in [0, 1]
    return uint8_batch.permute(0, 3, 1, 2).float().div_(255.0)


def center_crop(batch, size=224):
    h, w = batch.shape[-2:]
    top, left = (h - size) // 2, (w - size) // 2
    return batch[..., top:top + size, left:left + size]
