# A frame's numbers (`to_numpy()`, int64 or float64 by column) transposed, stacked and
# standardized are float64 either way: the windows reach the convolution as doubles.
import numpy as np
import pandas as pd
import torch
from torch import nn


def windows_before_events(tracks, events, cols, length=50):
    windows = []
    for event in events.itertuples():
        seq = tracks[tracks.frame <= event.frame].tail(length)
        windows.append(seq[cols].to_numpy().T)
    stacked = np.stack(windows)
    return (stacked - stacked.mean(axis=(0, 2), keepdims=True)) / stacked.std()


tracks = pd.read_csv("tracks.csv")
x = torch.from_numpy(windows_before_events(tracks, pd.read_csv("events.csv"), ["x", "y"]))  # expect: TL105:5 lines=21
model = nn.Sequential(nn.Conv1d(2, 16, 5), nn.ReLU(), nn.AdaptiveAvgPool1d(1))
print(model(x).shape)
