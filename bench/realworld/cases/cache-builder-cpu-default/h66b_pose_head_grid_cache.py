# source: https://github.com/Megvii-BaseDetection/YOLOX/pull/1679
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class, helper
# bug-lines: 28, 44
# needs: torch
# cpu: clean
"""Anchor-free keypoint head (YOLOX-pose style) that decodes boxes and joints per level."""
import torch
import torch.nn as nn


class PoseDecodeHead(nn.Module):
    def __init__(self, in_channels=(128, 256, 512), num_kpts=17, strides=(8, 16, 32)):
        super().__init__()
        self.num_kpts = num_kpts
        self.strides = strides
        self.n_out = 5 + num_kpts * 3
        self.preds = nn.ModuleList(nn.Conv2d(c, self.n_out, 1) for c in in_channels)
        # (level, h, w) -> grid, filled lazily so any input size works
        self._grid_cache = {}

    def _get_grid(self, level, h, w, dtype):
        key = (level, h, w)
        grid = self._grid_cache.get(key)
        if grid is not None:
            return grid
        yv, xv = torch.meshgrid(torch.arange(h), torch.arange(w), indexing="ij")
        grid = torch.stack((xv, yv), dim=-1).view(1, h * w, 2).to(dtype)
        self._grid_cache[key] = grid
        return grid

    def forward(self, feats):
        outputs = []
        for level, (feat, conv, stride) in enumerate(zip(feats, self.preds, self.strides)):
            out = conv(feat)
            b, _, h, w = out.shape
            out = out.permute(0, 2, 3, 1).reshape(b, h * w, self.n_out)
            grid = self._get_grid(level, h, w, out.dtype)
            outputs.append(self._decode(out, grid, stride))
        return torch.cat(outputs, dim=1)

    def _decode(self, out, grid, stride):
        box_xy = (out[..., :2] + grid) * stride
        box_wh = torch.exp(out[..., 2:4]) * stride
        kpts = out[..., 5:].reshape(*out.shape[:2], self.num_kpts, 3)
        kpt_xy = (kpts[..., :2] + grid.unsqueeze(2)) * stride
        kpt_conf = kpts[..., 2:].sigmoid()
        return torch.cat((box_xy, box_wh, out[..., 4:5].sigmoid(),
                          torch.cat((kpt_xy, kpt_conf), -1).flatten(2)), dim=-1)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    head = PoseDecodeHead().to(device).eval()
    feats = [torch.randn(2, c, s, s, device=device) for c, s in ((128, 80), (256, 40), (512, 20))]
    with torch.no_grad():
        dets = head(feats)
    print(dets.shape)
