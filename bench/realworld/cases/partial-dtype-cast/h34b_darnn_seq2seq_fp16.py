# source: https://github.com/NVIDIA/apex/issues/667
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Half
# pattern: partial-dtype-cast
# shape: class, loader-loop, batch-dict
# bug-lines: 59, 68
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class WindowDataset(Dataset):
    def __init__(self, series, target, history=24, horizon=24):
        self.x, self.y, self.h, self.f = series, target, history, horizon

    def __len__(self):
        return len(self.x) - self.h - self.f

    def __getitem__(self, i):
        return {"x": torch.from_numpy(self.x[i:i + self.h]).float(),
                "y_history": torch.from_numpy(self.y[i:i + self.h]).float(),
                "y_future": torch.from_numpy(self.y[i + self.h:i + self.h + self.f]).float()}


class EncoderDecoder(nn.Module):
    def __init__(self, n_features, enc_hidden=64, dec_hidden=64, horizon=24):
        super().__init__()
        self.encoder = nn.LSTM(n_features, enc_hidden, batch_first=True)
        self.attn = nn.Sequential(nn.Linear(2 * dec_hidden + enc_hidden, enc_hidden), nn.Tanh(),
                                  nn.Linear(enc_hidden, 1))
        self.decoder = nn.LSTMCell(1, dec_hidden)
        self.fuse = nn.Linear(enc_hidden + 1, 1)
        self.out = nn.Linear(dec_hidden + enc_hidden, horizon)
        self.dec_hidden = dec_hidden

    def forward(self, x, y_history):
        enc_out, _ = self.encoder(x)
        b, T, _ = enc_out.shape
        h = enc_out.new_zeros(b, self.dec_hidden)
        c = enc_out.new_zeros(b, self.dec_hidden)
        for t in range(T):
            query = torch.cat((h.unsqueeze(1).expand(-1, T, -1), c.unsqueeze(1).expand(-1, T, -1), enc_out), dim=2)
            weights = torch.softmax(self.attn(query).squeeze(-1), dim=1)
            context = torch.bmm(weights.unsqueeze(1), enc_out).squeeze(1)
            y_tilde = self.fuse(torch.cat((context, y_history[:, t].unsqueeze(1)), dim=1))
            h, c = self.decoder(y_tilde, (h, c))
        return self.out(torch.cat((h, context), dim=1))


def train(csv_path="electricity.csv", epochs=30):
    data = np.loadtxt(csv_path, delimiter=",", dtype=np.float32)
    features, target = data[:, :-1], data[:, -1]
    loader = DataLoader(WindowDataset(features, target), batch_size=256, shuffle=True, drop_last=True)

    device = torch.device("cuda")
    model = EncoderDecoder(n_features=features.shape[1]).to(device)
    model.half()  # fp16 to fit longer windows on the card
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-4)
    criterion = nn.MSELoss()

    for epoch in range(epochs):
        for batch in loader:
            x = batch["x"].to(device).half()
            y_hist = batch["y_history"].to(device)
            y_true = batch["y_future"].to(device).half()
            y_pred = model(x, y_hist)
            loss = criterion(y_pred, y_true)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    train()
