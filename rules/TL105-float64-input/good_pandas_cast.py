# pandas' numbers cast to float32 with `.astype(np.float32)`, then standardized with
# their own float32 statistics: float32 all the way into the Linear layer.
import numpy as np
import pandas as pd
import torch
from torch import nn


def load_features(csv_path):
    frame = pd.read_csv(csv_path)
    values = frame.select_dtypes(include=[np.number]).fillna(0.0).values.astype(np.float32)
    values = (values - values.mean(0)) / (values.std(0) + 1e-6)
    return torch.from_numpy(values)


def embed(csv_path, device):
    features = load_features(csv_path).to(device)
    encoder = nn.Linear(features.shape[1], 16).to(device)
    return encoder(features)
