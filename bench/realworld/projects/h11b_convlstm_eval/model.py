# source: https://github.com/tsugumi-sys/SA-ConvLSTM-Pytorch/issues/41
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""ConvLSTM frame predictor for Moving-MNIST style sequences."""
import torch
import torch.nn as nn

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class ConvLSTMCell(nn.Module):
    def __init__(self, in_ch, hidden_ch, kernel_size=3):
        super().__init__()
        self.hidden_ch = hidden_ch
        self.conv = nn.Conv2d(in_ch + hidden_ch, 4 * hidden_ch, kernel_size, padding=kernel_size // 2)

    def forward(self, x, state):
        h, c = state
        i, f, o, g = torch.chunk(self.conv(torch.cat([x, h], dim=1)), 4, dim=1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        h = torch.sigmoid(o) * torch.tanh(c)
        return h, c


class Seq2SeqConvLSTM(nn.Module):
    """Input/label tensors are (batch, channels, frames, height, width)."""

    def __init__(self, in_ch=1, hidden_ch=64, frame_size=(64, 64), out_frames=10):
        super().__init__()
        self.frame_size = frame_size
        self.out_frames = out_frames
        self.cell = ConvLSTMCell(in_ch, hidden_ch)
        self.head = nn.Conv2d(hidden_ch, in_ch, kernel_size=1)

    def forward(self, x):
        b, _, t, hgt, wdt = x.shape
        h = x.new_zeros(b, self.cell.hidden_ch, hgt, wdt)
        c = torch.zeros_like(h)
        for step in range(t):
            h, c = self.cell(x[:, :, step], (h, c))
        frame, outputs = x[:, :, -1], []
        for _ in range(self.out_frames):
            h, c = self.cell(frame, (h, c))
            frame = torch.sigmoid(self.head(h))
            outputs.append(frame)
        return torch.stack(outputs, dim=2)
