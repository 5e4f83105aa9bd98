# source: https://github.com/pytorch/vision/issues/9414
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument tensors in method wrapper_cat)
# pattern: cache-builder-cpu-default
# shape: class, helper
# bug-lines: 21, 23
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn


class DefaultBoxGenerator(nn.Module):
    def __init__(self, aspect_ratios, min_ratio=0.15, max_ratio=0.9, clip=True):
        super().__init__()
        self.aspect_ratios = aspect_ratios
        self.clip = clip
        n = len(aspect_ratios)
        self.scales = [min_ratio + (max_ratio - min_ratio) * k / (n - 1.0) for k in range(n)] + [1.0]
        self._wh_pairs = self._generate_wh_pairs(n)

    def _generate_wh_pairs(self, num_outputs, dtype=torch.float32, device=torch.device("cpu")):
        pairs = []
        for k in range(num_outputs):
            s_k = self.scales[k]
            s_prime = math.sqrt(self.scales[k] * self.scales[k + 1])
            wh = [[s_k, s_k], [s_prime, s_prime]]
            for ar in self.aspect_ratios[k]:
                sq = math.sqrt(ar)
                wh.extend([[s_k * sq, s_k / sq], [s_k / sq, s_k * sq]])
            pairs.append(torch.as_tensor(wh, dtype=dtype, device=device))
        return pairs

    def _grid_default_boxes(self, grid_sizes, image_size, device):
        boxes = []
        for k, (fh, fw) in enumerate(grid_sizes):
            cx = (torch.arange(fw, device=device) + 0.5) / fw
            cy = (torch.arange(fh, device=device) + 0.5) / fh
            yy, xx = torch.meshgrid(cy, cx, indexing="ij")
            shifts = torch.stack((xx.reshape(-1), yy.reshape(-1)), dim=-1)
            shifts = shifts.repeat_interleave(self._wh_pairs[k].size(0), dim=0)
            wh = self._wh_pairs[k].repeat(fh * fw, 1)
            if self.clip:
                wh = wh.clamp(0, 1)
            boxes.append(torch.cat((shifts, wh), dim=1))
        return torch.cat(boxes, dim=0)

    def forward(self, images, feature_maps):
        grid_sizes = [f.shape[-2:] for f in feature_maps]
        device = feature_maps[0].device
        default_boxes = self._grid_default_boxes(grid_sizes, images.shape[-2:], device)
        h, w = images.shape[-2:]
        scale = torch.tensor([w, h, w, h], dtype=default_boxes.dtype, device=device)
        xyxy = torch.cat([default_boxes[:, :2] - 0.5 * default_boxes[:, 2:],
                          default_boxes[:, :2] + 0.5 * default_boxes[:, 2:]], dim=1)
        return [xyxy * scale for _ in range(images.size(0))]


if __name__ == "__main__":
    gen = DefaultBoxGenerator([[2], [2, 3], [2, 3], [2, 3], [2], [2]]).cuda()
    imgs = torch.rand(2, 3, 300, 300, device="cuda")
    feats = [torch.rand(2, 8, s, s, device="cuda") for s in (38, 19, 10, 5, 3, 1)]
    print(gen(imgs, feats)[0].shape)
