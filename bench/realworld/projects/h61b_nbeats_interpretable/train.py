# source: https://github.com/unit8co/darts/pull/345
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Train interpretable N-BEATS on monthly retail series (M4-style windows)."""
import numpy as np
import pandas as pd
import torch
from torch.utils.data import DataLoader, TensorDataset

from nbeats import InterpretableNBeats

INPUT_LEN, OUTPUT_LEN = 36, 18


def build_windows(frame):
    xs, ys = [], []
    for _, series in frame.items():
        values = series.dropna().to_numpy(np.float32)
        values = values / (np.abs(values).max() + 1e-8)
        for end in range(INPUT_LEN, len(values) - OUTPUT_LEN + 1):
            xs.append(values[end - INPUT_LEN : end])
            ys.append(values[end : end + OUTPUT_LEN])
    return TensorDataset(torch.from_numpy(np.stack(xs)), torch.from_numpy(np.stack(ys)))


def smape(pred, target):
    return (2 * (pred - target).abs() / (pred.abs() + target.abs() + 1e-8)).mean()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    frame = pd.read_csv("retail_monthly.csv", index_col="month")
    loader = DataLoader(build_windows(frame), batch_size=1024, shuffle=True)
    model = InterpretableNBeats(INPUT_LEN, OUTPUT_LEN).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(100):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = smape(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
        if epoch % 10 == 0:
            print(epoch, loss.item())
