# source: https://github.com/pytorch/pytorch/issues/18112
# error: RuntimeError: legacy constructor for device type: cpu was passed device type: cuda, but device type must be: cpu
# pattern: legacy-tensor-constructor
# shape: helper, loader-loop
# bug-lines: 22
# cpu: raises "legacy constructor expects device type: cpu"
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn


def read_ct_series(case_id, depth=16, size=32):
    # stands in for sitk.GetArrayFromImage(sitk.ReadImage(...)): int16 Hounsfield units
    rng = np.random.default_rng(case_id)
    return rng.integers(-1000, 2000, size=(depth, size, size), dtype=np.int16)


def load_volume(case_id):
    ct_array = read_ct_series(case_id)
    ct_array = np.clip(ct_array, -1000, 1000) / 1000.0
    return torch.FloatTensor(ct_array, device="cuda:0").unsqueeze(0)


class Seg3D(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv3d(1, 8, 3, padding=1), nn.ReLU(), nn.Conv3d(8, 2, 1))

    def forward(self, x):
        return self.net(x)


if __name__ == "__main__":
    model = Seg3D().cuda() if torch.cuda.is_available() else Seg3D()
    for case_id in [3, 7, 11]:
        vol = load_volume(case_id).unsqueeze(0)
        with torch.no_grad():
            mask = model(vol).argmax(1)
        print(case_id, vol.device, mask.float().mean().item())
