# The features are standardized with scikit-learn, which hands back float64, and
# torch.from_numpy keeps that dtype: the float32 network refuses the batches.
import numpy as np
import pandas as pd
import torch
from sklearn.preprocessing import StandardScaler
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


def loader(features, target):
    tensors = [torch.from_numpy(features), torch.from_numpy(target.astype(np.float32))]  # expect: TL105:16 lines=25
    return DataLoader(TensorDataset(*tensors), batch_size=256, shuffle=True)


def train(path, device):
    frame = pd.read_csv(path)
    features = StandardScaler().fit_transform(frame.drop(columns=["target"]))
    model = nn.Sequential(nn.Linear(features.shape[1], 64), nn.ReLU(), nn.Linear(64, 1))
    model.to(device)
    opt = torch.optim.Adam(model.parameters())
    for xb, yb in loader(features, frame["target"].values):
        xb, yb = xb.to(device), yb.to(device)
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(xb).squeeze(1), yb)
        loss.backward()
        opt.step()
