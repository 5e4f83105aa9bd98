# source: https://github.com/kwuking/TimeMixer/issues/106
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-added-after-placement
# shape: multi-file, loader-loop, class
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Long-term forecasting experiment on ETTm1 with conv downsampling."""
from types import SimpleNamespace

import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

from model import Model


class ExpLongTermForecast:
    def __init__(self, args):
        self.args = args
        self.device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
        self.model = Model(args).float().to(self.device)

    def _get_loader(self, split):
        values = pd.read_csv(self.args.root_path).iloc[:, 1:].to_numpy(dtype=np.float32)
        n = len(values)
        bounds = {"train": (0, int(n * 0.7)), "val": (int(n * 0.7), int(n * 0.8))}[split]
        block = values[bounds[0]:bounds[1]]
        L, H = self.args.seq_len, self.args.pred_len
        xs = np.stack([block[i:i + L] for i in range(len(block) - L - H)])
        ys = np.stack([block[i + L:i + L + H] for i in range(len(block) - L - H)])
        ds = TensorDataset(torch.from_numpy(xs), torch.from_numpy(ys))
        return DataLoader(ds, batch_size=self.args.batch_size, shuffle=(split == "train"))

    def train(self):
        train_loader, val_loader = self._get_loader("train"), self._get_loader("val")
        optim = torch.optim.Adam(self.model.parameters(), lr=self.args.learning_rate)
        criterion = nn.MSELoss()
        for epoch in range(self.args.train_epochs):
            self.model.train()
            for batch_x, batch_y in train_loader:
                batch_x, batch_y = batch_x.to(self.device), batch_y.to(self.device)
                loss = criterion(self.model(batch_x), batch_y)
                optim.zero_grad()
                loss.backward()
                optim.step()
            self.model.eval()
            with torch.no_grad():
                val = np.mean([criterion(self.model(x.to(self.device)), y.to(self.device)).item()
                               for x, y in val_loader])
            print(f"epoch {epoch}: train {loss.item():.4f} val {val:.4f}")


if __name__ == "__main__":
    args = SimpleNamespace(root_path="dataset/ETT-small/ETTm1.csv", seq_len=96, pred_len=96,
                           enc_in=7, moving_avg=25, down_sampling_layers=3, down_sampling_window=2,
                           down_sampling_method="conv", batch_size=16, learning_rate=0.01,
                           train_epochs=10)
    ExpLongTermForecast(args).train()
