# source: https://github.com/KovenYu/uORF/pull/16
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from projection import Projection


class SlotDecoder(nn.Module):
    def __init__(self, slot_dim=64, hidden=128):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(3 + slot_dim, hidden), nn.ReLU(),
                                 nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 4))

    def forward(self, points, slot):
        slot = slot.unsqueeze(1).expand(-1, points.shape[1], -1)
        return self.net(torch.cat([points, slot], dim=-1))


class ObjectRadianceModel(nn.Module):
    def __init__(self, device, frustum_size=(32, 32, 64), slot_dim=64):
        super().__init__()
        self.projection = Projection(device=device, frustum_size=frustum_size)
        self.slot = nn.Parameter(torch.randn(1, slot_dim))
        self.decoder = SlotDecoder(slot_dim)

    def forward(self, cam2world):
        points, z_vals = self.projection.construct_sampling_coor(cam2world)
        raw = self.decoder(points, self.slot.expand(points.shape[0], -1))
        sigma, rgb = raw[..., :1].relu(), raw[..., 1:].sigmoid()
        return sigma, rgb, z_vals
