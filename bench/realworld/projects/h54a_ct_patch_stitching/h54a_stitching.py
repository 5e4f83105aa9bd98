# source: https://github.com/ProjectNeura/MIPCandy/pull/33
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: tensor-created-without-device
# shape: multi-file, class, helper
# bug-lines: 34, 35, 39
# needs: torch
# cpu: no written where torch was not installed; not run
"""Patch grid + overlap-averaging for whole-volume 3D segmentation."""
import itertools

import torch


def patch_starts(size: int, patch: int, stride: int):
    if size <= patch:
        return [0]
    starts = list(range(0, size - patch + 1, stride))
    if starts[-1] != size - patch:
        starts.append(size - patch)
    return starts


class PatchStitcher:
    def __init__(self, patch_size, overlap=0.5):
        self.patch_size = tuple(patch_size)
        self.stride = tuple(max(1, int(p * (1 - overlap))) for p in patch_size)

    def grid(self, volume_shape):
        axes = [patch_starts(s, p, st) for s, p, st in zip(volume_shape, self.patch_size, self.stride)]
        return list(itertools.product(*axes))

    def merge(self, patch_logits, starts, volume_shape):
        num_classes = patch_logits[0].shape[0]
        canvas = torch.zeros((num_classes, *volume_shape), dtype=patch_logits[0].dtype)
        hits = torch.zeros(tuple(volume_shape), dtype=patch_logits[0].dtype)
        dz, dy, dx = self.patch_size
        for logits, (z, y, x) in zip(patch_logits, starts):
            region = (slice(z, z + dz), slice(y, y + dy), slice(x, x + dx))
            canvas[(slice(None),) + region] += logits
            hits[region] += 1
        return canvas / hits.clamp_min(1)
