# The standardized features (float64, as scikit-learn hands them back) are cast to
# float32 before torch.from_numpy, so the batches match the network.
import numpy as np
import pandas as pd
import torch
from sklearn.preprocessing import StandardScaler
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


def loader(features, target):
    tensors = [torch.from_numpy(features), torch.from_numpy(target.astype(np.float32))]
    return DataLoader(TensorDataset(*tensors), batch_size=256, shuffle=True)


def train(path, device):
    frame = pd.read_csv(path)
    features = StandardScaler().fit_transform(frame.drop(columns=["target"])).astype(np.float32)
    model = nn.Sequential(nn.Linear(features.shape[1], 64), nn.ReLU(), nn.Linear(64, 1))
    model.to(device)
    opt = torch.optim.Adam(model.parameters())
    for xb, yb in loader(features, frame["target"].values):
        xb, yb = xb.to(device), yb.to(device)
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(xb).squeeze(1), yb)
        loss.backward()
        opt.step()
