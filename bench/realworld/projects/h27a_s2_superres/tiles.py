# source: https://github.com/ESAOpenSR/opensr-model/issues/6
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, helper
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch


def reflectance_to_tensor(arr):
    """(bands, H, W) uint16 L2A digital numbers -> (1, bands, H, W) float reflectance."""
    refl = arr.astype(np.float32) / 10000.0
    return torch.from_numpy(np.clip(refl, 0.0, 1.0)).unsqueeze(0)


def iter_tiles(arr, size=128, stride=128):
    _, h, w = arr.shape
    for top in range(0, h - size + 1, stride):
        for left in range(0, w - size + 1, stride):
            yield (top, left), arr[:, top:top + size, left:left + size]


def stitch(tiles, out_shape, scale=4):
    canvas = torch.zeros(out_shape)
    for (top, left), sr in tiles:
        h, w = sr.shape[-2:]
        canvas[:, top * scale:top * scale + h, left * scale:left * scale + w] = sr[0].cpu()
    return canvas
