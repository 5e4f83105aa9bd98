# source: https://github.com/sniklaus/pytorch-pwc/issues/24
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: cache-builder-cpu-default
# shape: helper, class, loader-loop
# bug-lines: 15, 24, 27
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch import nn

_backwarp_grid = {}


def build_base_grid(n, h, w, device=None):
    hor = torch.linspace(-1.0, 1.0, w, device=device).view(1, 1, 1, w).expand(n, 1, h, w)
    ver = torch.linspace(-1.0, 1.0, h, device=device).view(1, 1, h, 1).expand(n, 1, h, w)
    return torch.cat([hor, ver], dim=1)


def backwarp(frame, flow):
    key = str(flow.shape)
    if key not in _backwarp_grid:
        _backwarp_grid[key] = build_base_grid(flow.shape[0], flow.shape[2], flow.shape[3])
    flow = torch.cat([flow[:, 0:1] / ((frame.shape[3] - 1.0) / 2.0),
                      flow[:, 1:2] / ((frame.shape[2] - 1.0) / 2.0)], dim=1)
    grid = (_backwarp_grid[key] + flow).permute(0, 2, 3, 1)
    return F.grid_sample(frame, grid, mode="bilinear", padding_mode="border", align_corners=True)


class FlowEstimator(nn.Module):
    def __init__(self, ch=32):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(6, ch, 7, padding=3), nn.LeakyReLU(0.1),
            nn.Conv2d(ch, ch, 5, padding=2), nn.LeakyReLU(0.1),
            nn.Conv2d(ch, 4, 3, padding=1),
        )

    def forward(self, f0, f1):
        flows = self.net(torch.cat([f0, f1], dim=1))
        return flows[:, :2], flows[:, 2:]


class MidFrameInterpolator(nn.Module):
    def __init__(self):
        super().__init__()
        self.flow = FlowEstimator()
        self.fuse = nn.Conv2d(6, 3, 3, padding=1)

    def forward(self, f0, f1):
        flow_t0, flow_t1 = self.flow(f0, f1)
        warped0 = backwarp(f0, flow_t0)
        warped1 = backwarp(f1, flow_t1)
        return torch.sigmoid(self.fuse(torch.cat([warped0, warped1], dim=1)))


@torch.no_grad()
def interpolate_clip(model, frame_loader, device):
    model.eval()
    outputs = []
    for f0, f1 in frame_loader:
        mid = model(f0.to(device), f1.to(device))
        outputs.append(mid.cpu())
    return outputs


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = MidFrameInterpolator().to(dev)
    pairs = [(torch.rand(2, 3, 256, 448), torch.rand(2, 3, 256, 448)) for _ in range(4)]
    frames = interpolate_clip(net, pairs, dev)
    print(len(frames), frames[0].shape)
