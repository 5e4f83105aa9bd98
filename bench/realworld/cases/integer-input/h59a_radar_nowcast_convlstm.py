# source: https://github.com/tsugumi-sys/SA-ConvLSTM-Pytorch/issues/9
# error: RuntimeError: Found dtype Byte but expected Float
# pattern: integer-input
# shape: class, loader-loop, batch-dict
# bug-lines: 27, 28
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""ConvLSTM precipitation nowcasting on uint8 radar reflectivity sequences."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class RadarSequences(Dataset):
    """Each sample is 20 consecutive 64x64 reflectivity frames stored as uint8 (dBZ bins)."""

    def __init__(self, path, input_frames=10):
        self.data = torch.from_numpy(np.load(path))  # [S, 20, 64, 64], dtype uint8
        self.input_frames = input_frames

    def __len__(self):
        return self.data.shape[0]

    def __getitem__(self, idx):
        seq = self.data[idx].unsqueeze(1)  # [T, 1, H, W]
        past = seq[: self.input_frames]
        future = seq[self.input_frames:]
        return past, future


class ConvLSTMCell(nn.Module):
    def __init__(self, in_ch, hid_ch, k=3):
        super().__init__()
        self.hid_ch = hid_ch
        self.conv = nn.Conv2d(in_ch + hid_ch, 4 * hid_ch, k, padding=k // 2)

    def forward(self, x, state):
        h, c = state
        i, f, o, g = self.conv(torch.cat([x, h], dim=1)).chunk(4, dim=1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        h = torch.sigmoid(o) * torch.tanh(c)
        return h, c


class Nowcaster(nn.Module):
    def __init__(self, hid_ch=64, out_frames=10):
        super().__init__()
        self.cell = ConvLSTMCell(1, hid_ch)
        self.head = nn.Conv2d(hid_ch, 1, 1)
        self.out_frames = out_frames

    def forward(self, past):
        b, t, _, hgt, wid = past.shape
        h = torch.zeros(b, self.cell.hid_ch, hgt, wid, device=past.device)
        c = torch.zeros_like(h)
        for step in range(t):
            h, c = self.cell(past[:, step], (h, c))
        outs, x = [], self.head(h)
        for _ in range(self.out_frames):
            outs.append(x)
            h, c = self.cell(x, (h, c))
            x = self.head(h)
        return torch.stack(outs, dim=1)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(RadarSequences("data/radar_train_uint8.npy"), batch_size=8, shuffle=True)
    model = Nowcaster().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(5):
        for past, future in loader:
            past, future = past.to(device), future.to(device)
            pred = model(past)
            loss = nn.functional.mse_loss(pred, future)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: mse {loss.item():.3f}")
