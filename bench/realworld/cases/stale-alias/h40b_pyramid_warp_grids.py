# source: https://github.com/pytorch/pytorch/pull/36623
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: class, loader-loop
# bug-lines: 26, 30
# needs: torch
# cpu: no written where torch was not installed; not run
"""Coarse-to-fine 3D deformable registration; one identity grid per pyramid level."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def identity_grid(shape):
    vectors = [torch.arange(0, s, dtype=torch.float32) for s in shape]
    return torch.stack(torch.meshgrid(vectors, indexing="ij")).unsqueeze(0)


class PyramidWarper(nn.Module):
    def __init__(self, vol_shape, levels=3):
        super().__init__()
        self.grids = {}
        for lvl in range(levels):
            shape = [s // 2 ** lvl for s in vol_shape]
            self.register_buffer(f"grid_l{lvl}", identity_grid(shape), persistent=False)
            self.grids[lvl] = getattr(self, f"grid_l{lvl}")

    def forward(self, moving, flow, lvl):
        grid = self.grids[lvl]
        new_locs = grid + flow
        shape = flow.shape[2:]
        for i in range(len(shape)):
            new_locs[:, i] = 2 * (new_locs[:, i] / (shape[i] - 1) - 0.5)
        new_locs = new_locs.permute(0, 2, 3, 4, 1)[..., [2, 1, 0]]
        return F.grid_sample(moving, new_locs, align_corners=True)


class FlowNet(nn.Module):
    def __init__(self, ch=16):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv3d(2, ch, 3, padding=1), nn.LeakyReLU(0.2),
                                 nn.Conv3d(ch, ch, 3, padding=1), nn.LeakyReLU(0.2))
        self.flow = nn.Conv3d(ch, 3, 3, padding=1)

    def forward(self, moving, fixed):
        return self.flow(self.enc(torch.cat([moving, fixed], dim=1)))


def train(pairs, vol_shape=(160, 192, 224), levels=3, device="cuda"):
    nets = nn.ModuleList([FlowNet() for _ in range(levels)]).to(device)
    warper = PyramidWarper(vol_shape, levels).to(device)
    opt = torch.optim.Adam(nets.parameters(), lr=1e-4)
    for moving, fixed in pairs:
        moving, fixed = moving.to(device), fixed.to(device)
        loss = 0.0
        for lvl in reversed(range(levels)):
            m = F.interpolate(moving, scale_factor=0.5 ** lvl, mode="trilinear")
            f = F.interpolate(fixed, scale_factor=0.5 ** lvl, mode="trilinear")
            warped = warper(m, nets[lvl](m, f), lvl)
            loss = loss + F.mse_loss(warped, f)
        opt.zero_grad()
        loss.backward()
        opt.step()


if __name__ == "__main__":
    vols = [(torch.rand(1, 1, 160, 192, 224), torch.rand(1, 1, 160, 192, 224)) for _ in range(4)]
    train(vols)
