# source: https://github.com/thuml/Time-Series-Library/issues/695
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: class, loader-loop
# looks-like: inputs-not-moved
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Validation step of a traffic-flow forecaster (PEMS08 style encoder-decoder)."""
import numpy as np
import torch
import torch.nn as nn


class TrafficForecastExp:
    def __init__(self, model, label_len=48, pred_len=12, features="M"):
        self.device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
        self.model = model.to(self.device)
        self.label_len = label_len
        self.pred_len = pred_len
        self.features = features
        self.criterion = nn.MSELoss()

    def _decoder_input(self, batch_y):
        dec_inp = torch.zeros_like(batch_y[:, -self.pred_len:, :]).float()
        dec_inp = torch.cat([batch_y[:, :self.label_len, :], dec_inp], dim=1)
        return dec_inp.float().to(self.device)

    def vali(self, vali_loader):
        total_loss = []
        self.model.eval()
        with torch.no_grad():
            for batch_x, batch_y, batch_x_mark, batch_y_mark in vali_loader:
                batch_x = batch_x.float().to(self.device)
                batch_y = batch_y.float()
                batch_x_mark = batch_x_mark.float().to(self.device)
                batch_y_mark = batch_y_mark.float().to(self.device)

                dec_inp = self._decoder_input(batch_y)
                outputs = self.model(batch_x, batch_x_mark, dec_inp, batch_y_mark)
                f_dim = -1 if self.features == "MS" else 0
                outputs = outputs[:, -self.pred_len:, f_dim:]
                batch_y = batch_y[:, -self.pred_len:, f_dim:]

                pred = outputs.detach().cpu()
                true = batch_y.detach().cpu()
                total_loss.append(self.criterion(pred, true).item())
        self.model.train()
        return float(np.average(total_loss))


class TinyEncDec(nn.Module):
    def __init__(self, n_nodes=170, d_model=64):
        super().__init__()
        self.enc = nn.GRU(n_nodes, d_model, batch_first=True)
        self.dec = nn.GRU(n_nodes, d_model, batch_first=True)
        self.proj = nn.Linear(d_model, n_nodes)

    def forward(self, x, x_mark, dec_inp, y_mark):
        _, h = self.enc(x)
        out, _ = self.dec(dec_inp, h)
        return self.proj(out)


if __name__ == "__main__":
    n = 170
    fake = [(torch.randn(4, 96, n), torch.randn(4, 60, n), torch.randn(4, 96, 4), torch.randn(4, 60, 4))
            for _ in range(3)]
    exp = TrafficForecastExp(TinyEncDec(n_nodes=n))
    print("vali MSE:", exp.vali(fake))
