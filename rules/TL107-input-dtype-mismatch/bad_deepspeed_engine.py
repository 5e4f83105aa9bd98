# DeepSpeed's bf16 recipes cast the model before `deepspeed.initialize`; the engine it
# hands back runs the model's forward, so its inputs must be cast too (the engine
# casts nothing of what it is given).
import deepspeed
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class Regressor(nn.Module):
    def __init__(self, features=32):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(features, 128), nn.GELU(), nn.Linear(128, 1))

    def forward(self, x):
        return self.net(x)


def train(path, config):
    data = np.load(path)
    loader = DataLoader(TensorDataset(torch.from_numpy(data["x"]).float(), torch.from_numpy(data["y"]).float()))  # expect: TL107:39 lines=27,18,24
    model = Regressor().to(torch.bfloat16)
    engine, _, _, _ = deepspeed.initialize(model=model, model_parameters=model.parameters(), config=config)
    for x, y in loader:
        pred = engine(x.to(engine.device))
        loss = F.mse_loss(pred.float(), y.to(engine.device))
        engine.backward(loss)
        engine.step()
