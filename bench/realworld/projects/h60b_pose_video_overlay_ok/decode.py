# source: https://github.com/openpifpaf/openpifpaf/issues/211
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch


def decode_keypoints(fields, threshold=0.2):
    heatmaps, offsets, stride = fields["heatmaps"], fields["offsets"], fields["stride"]
    k, h, w = heatmaps.shape
    scores, idx = heatmaps.view(k, -1).max(dim=1)
    ys, xs = idx // w, idx % w
    off = offsets.view(k, 2, h, w)[torch.arange(k), :, ys, xs]
    kps = torch.stack([xs + off[:, 0], ys + off[:, 1]], dim=1).float() * stride
    keypoints = np.concatenate([kps.numpy(), scores[:, None].numpy()], axis=1)
    keypoints[keypoints[:, 2] < threshold] = 0.0
    return keypoints


def smooth_track(history, keypoints, momentum=0.6):
    if history is None:
        return keypoints
    prev = torch.from_numpy(history)
    cur = torch.from_numpy(keypoints)
    return (momentum * prev + (1.0 - momentum) * cur).numpy()
