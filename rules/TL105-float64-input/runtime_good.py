# Runnable companion of good.py for the runtime check (docs/runtime.md): the numpy data
# is converted to the model's float32. Runs clean under simulated CUDA.
import io

import numpy as np
import torch
from torch import nn

CSV = "0.1,0.2,0.3,0.4\n0.5,0.6,0.7,0.8\n"


def fit_regressor(source, device):
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 1))
    model.to(device)
    features = torch.from_numpy(np.loadtxt(source, delimiter=",")).float().to(device)
    return model(features)


if __name__ == "__main__":
    print(fit_regressor(io.StringIO(CSV), torch.device("cuda")))
