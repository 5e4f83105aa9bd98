# source: https://github.com/tsugumi-sys/SA-ConvLSTM-Pytorch/pull/25
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, loader-loop
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
"""Radar-echo nowcasting with a stacked ConvGRU; hidden states follow the input's device."""
import torch
from torch import nn


class ConvGRUCell(nn.Module):
    def __init__(self, in_ch, hid_ch, k=3):
        super().__init__()
        self.hid_ch = hid_ch
        self.zr = nn.Conv2d(in_ch + hid_ch, 2 * hid_ch, k, padding=k // 2)
        self.cand = nn.Conv2d(in_ch + hid_ch, hid_ch, k, padding=k // 2)

    def forward(self, x, h):
        z, r = torch.sigmoid(self.zr(torch.cat([x, h], 1))).chunk(2, 1)
        n = torch.tanh(self.cand(torch.cat([x, r * h], 1)))
        return (1 - z) * h + z * n


class StackedConvGRU(nn.Module):
    def __init__(self, channels=1, hidden=(32, 64)):
        super().__init__()
        dims = (channels,) + tuple(hidden)
        self.cells = nn.ModuleList(ConvGRUCell(dims[i], dims[i + 1]) for i in range(len(hidden)))
        self.head = nn.Conv2d(hidden[-1], channels, 1)

    def init_hidden(self, frames):
        b, _, _, height, width = frames.shape
        return [torch.zeros(b, cell.hid_ch, height, width, device=frames.device, dtype=frames.dtype)
                for cell in self.cells]

    def forward(self, frames, horizon=6):         # frames: (B, T, C, H, W)
        hs = self.init_hidden(frames)
        x = frames[:, 0]
        for t in range(frames.size(1) + horizon):
            x = frames[:, t] if t < frames.size(1) else x
            inp = x
            for i, cell in enumerate(self.cells):
                hs[i] = cell(inp, hs[i])
                inp = hs[i]
            x = torch.sigmoid(self.head(inp))
            if t == frames.size(1) - 1:
                preds = []
            if t >= frames.size(1) - 1 and t < frames.size(1) + horizon - 1:
                preds.append(x)
        return torch.stack(preds, dim=1)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = StackedConvGRU().to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-4)
    echoes = torch.rand(8, 16, 1, 96, 96)
    for seq in torch.utils.data.DataLoader(echoes, batch_size=2):
        seq = seq.to(device)
        pred = model(seq[:, :10], horizon=6)
        loss = nn.functional.mse_loss(pred, seq[:, 10:])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
