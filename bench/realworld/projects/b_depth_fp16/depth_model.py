# source: https://github.com/DepthAnything/Depth-Anything-V2/issues/264
# error: RuntimeError: Input type (float) and bias type (struct c10::Half) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file
# bug-lines: 42
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F


class DPTHead(nn.Module):
    def __init__(self, ch=32):
        super().__init__()
        self.fuse = nn.Conv2d(ch, ch, 3, padding=1)
        self.out = nn.Conv2d(ch, 1, 1)

    def forward(self, feats, size):
        x = F.relu(self.fuse(feats))
        x = F.interpolate(x, size=size, mode="bilinear", align_corners=True)
        return F.relu(self.out(x)).squeeze(1)


class DepthNet(nn.Module):
    def __init__(self, ch=32):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, ch, 14, stride=14)
        self.blocks = nn.Sequential(nn.Conv2d(ch, ch, 3, padding=1), nn.GELU())
        self.head = DPTHead(ch)

    def forward(self, x):
        h, w = x.shape[-2:]
        feats = self.blocks(self.patch_embed(x))
        return self.head(feats, (h, w))


def load_depth_model(device, fp16=True):
    model = DepthNet()
    model = model.to(device).eval()
    if fp16:
        model = model.half()
    return model
