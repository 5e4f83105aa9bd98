# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL105 --confirm rules/TL105-float64-input/runtime_bad.py
# numpy reads a CSV as float64; `torch.from_numpy` keeps the dtype, and the float32
# model fails on it ("mat1 and mat2 must have the same dtype").
import io

import numpy as np
import torch
from torch import nn

CSV = "0.1,0.2,0.3,0.4\n0.5,0.6,0.7,0.8\n"


def fit_regressor(source, device):
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 1))
    model.to(device)
    features = torch.from_numpy(np.loadtxt(source, delimiter=",")).to(device)  # expect: TL105:16 lines=18
    return model(features)


if __name__ == "__main__":
    print(fit_regressor(io.StringIO(CSV), torch.device("cuda")))
