# source: https://github.com/open-mmlab/mmagic/issues/878
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: type-as-cpu
# shape: helper, class
# looks-like: type-as-cpu
# needs: torch
# cpu: no written where torch was not installed; not run
"""Bidirectional recurrent video super-resolution (BasicVSR-style) with flow warping."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def flow_warp(x, flow, interpolation="bilinear", padding_mode="zeros"):
    """Warp features x (N, C, H, W) with optical flow (N, H, W, 2)."""
    _, _, h, w = x.size()
    grid_y, grid_x = torch.meshgrid(torch.arange(0, h), torch.arange(0, w), indexing="ij")
    grid = torch.stack((grid_x, grid_y), 2).type_as(x)      # (H, W, 2), moved to x's device/dtype
    grid.requires_grad = False
    grid_flow = grid + flow
    grid_flow_x = 2.0 * grid_flow[:, :, :, 0] / max(w - 1, 1) - 1.0
    grid_flow_y = 2.0 * grid_flow[:, :, :, 1] / max(h - 1, 1) - 1.0
    grid_flow = torch.stack((grid_flow_x, grid_flow_y), dim=3)
    return F.grid_sample(x, grid_flow, mode=interpolation, padding_mode=padding_mode, align_corners=True)


class TinyFlowNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(6, 32, 7, 1, 3), nn.ReLU(), nn.Conv2d(32, 2, 7, 1, 3))

    def forward(self, ref, supp):
        return self.net(torch.cat([ref, supp], dim=1)).permute(0, 2, 3, 1)


class BasicVSRLite(nn.Module):
    def __init__(self, mid=32, scale=4):
        super().__init__()
        self.mid = mid
        self.flownet = TinyFlowNet()
        self.backward_trunk = nn.Conv2d(3 + mid, mid, 3, 1, 1)
        self.forward_trunk = nn.Conv2d(3 + mid, mid, 3, 1, 1)
        self.fusion = nn.Conv2d(2 * mid, 3 * scale * scale, 3, 1, 1)
        self.shuffle = nn.PixelShuffle(scale)
        self.scale = scale

    def forward(self, lrs):
        n, t, c, h, w = lrs.shape
        feat = lrs.new_zeros(n, self.mid, h, w)
        backward_feats = []
        for i in range(t - 1, -1, -1):
            if i < t - 1:
                flow = self.flownet(lrs[:, i], lrs[:, i + 1])
                feat = flow_warp(feat, flow)
            feat = F.relu(self.backward_trunk(torch.cat([lrs[:, i], feat], 1)))
            backward_feats.insert(0, feat)
        feat, outputs = torch.zeros_like(feat), []
        for i in range(t):
            if i > 0:
                flow = self.flownet(lrs[:, i], lrs[:, i - 1])
                feat = flow_warp(feat, flow)
            feat = F.relu(self.forward_trunk(torch.cat([lrs[:, i], feat], 1)))
            out = self.shuffle(self.fusion(torch.cat([backward_feats[i], feat], 1)))
            base = F.interpolate(lrs[:, i], scale_factor=self.scale, mode="bilinear", align_corners=False)
            outputs.append(out + base)
        return torch.stack(outputs, dim=1)


if __name__ == "__main__":
    model = BasicVSRLite().cuda().eval()
    clip = torch.rand(1, 7, 3, 64, 64, device="cuda")
    with torch.no_grad():
        print(model(clip).shape)
