# source: https://github.com/tsugumi-sys/SA-ConvLSTM-Pytorch/pull/25
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, loader-loop
# bug-lines: 37, 42
# needs: torch
# cpu: no written where torch was not installed; not run
"""ConvLSTM sequence-to-sequence model for next-frame prediction (e.g. Moving MNIST)."""
import torch
from torch import nn


class ConvLSTMCell(nn.Module):
    def __init__(self, in_channels, hidden_channels, kernel_size=3):
        super().__init__()
        self.hidden_channels = hidden_channels
        self.gates = nn.Conv2d(in_channels + hidden_channels, 4 * hidden_channels,
                               kernel_size, padding=kernel_size // 2)

    def forward(self, x, h, c):
        i, f, g, o = torch.chunk(self.gates(torch.cat([x, h], dim=1)), 4, dim=1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        h = torch.sigmoid(o) * torch.tanh(c)
        return h, c


class Seq2SeqConvLSTM(nn.Module):
    def __init__(self, channels=1, hidden=64, frame_size=(64, 64)):
        super().__init__()
        self.hidden = hidden
        self.frame_size = frame_size
        self.cell = ConvLSTMCell(channels, hidden)
        self.out = nn.Conv2d(hidden, channels, kernel_size=1)

    def init_hidden(self, batch_size):
        shape = (batch_size, self.hidden, *self.frame_size)
        return torch.zeros(shape), torch.zeros(shape)

    def forward(self, frames, future=10):        # frames: (B, T, C, H, W)
        h, c = self.init_hidden(frames.size(0))
        for t in range(frames.size(1)):
            h, c = self.cell(frames[:, t], h, c)
        outputs, x = [], self.out(h)
        for _ in range(future):
            h, c = self.cell(x, h, c)
            x = torch.sigmoid(self.out(h))
            outputs.append(x)
        return torch.stack(outputs, dim=1)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = Seq2SeqConvLSTM().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.BCELoss()
    sequences = torch.rand(16, 20, 1, 64, 64)
    loader = torch.utils.data.DataLoader(sequences, batch_size=4, shuffle=True)
    for epoch in range(2):
        for seq in loader:
            seq = seq.to(device)
            pred = model(seq[:, :10], future=10)
            loss = criterion(pred, seq[:, 10:])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
