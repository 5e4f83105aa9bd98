# Scaled numeric columns and one-hot columns (cast to float: float64) are joined
# with pd.concat; the joined frame's values are float64.
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
    x = torch.tensor(table.values)  # expect: TL105:9 lines=19
    model = nn.Sequential(nn.Linear(x.shape[1], 16), nn.ReLU(), nn.Linear(16, 1))
    return model(x)
