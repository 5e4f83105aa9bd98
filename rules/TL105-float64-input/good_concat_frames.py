# Scaled numeric columns and one-hot columns are joined with pd.concat, and the
# joined frame is made float32 before it becomes a tensor.
import pandas as pd
import torch
from torch import nn


def features(frame, numeric, categorical):
    scaled = (frame[numeric] - frame[numeric].mean()) / frame[numeric].std()
    onehot = pd.get_dummies(frame[categorical]).astype(float)
    return pd.concat([scaled, onehot], axis=1)


def train(path):
    frame = pd.read_csv(path)
    table = features(frame, ["age", "income"], ["city"])
    x = torch.tensor(table.values.astype("float32"))
    model = nn.Sequential(nn.Linear(x.shape[1], 16), nn.ReLU(), nn.Linear(16, 1))
    return model(x)
