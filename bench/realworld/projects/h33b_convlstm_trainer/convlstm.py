# source: https://github.com/tsugumi-sys/SA-ConvLSTM-Pytorch/pull/24
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class ConvLSTMCell(nn.Module):
    def __init__(self, in_channels, hidden_channels, kernel_size=3):
        super().__init__()
        self.hidden_channels = hidden_channels
        self.conv = nn.Conv2d(in_channels + hidden_channels, 4 * hidden_channels,
                              kernel_size, padding=kernel_size // 2)

    def forward(self, x, h, c):
        i, f, g, o = torch.chunk(self.conv(torch.cat([x, h], dim=1)), 4, dim=1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        h = torch.sigmoid(o) * torch.tanh(c)
        return h, c


class Seq2SeqConvLSTM(nn.Module):
    def __init__(self, in_channels=1, hidden_channels=64, num_layers=2, out_frames=10):
        super().__init__()
        self.out_frames = out_frames
        self.cells = nn.ModuleList(
            ConvLSTMCell(in_channels if i == 0 else hidden_channels, hidden_channels)
            for i in range(num_layers)
        )
        self.head = nn.Conv2d(hidden_channels, in_channels, kernel_size=1)

    def forward(self, x):
        b, t, _, height, width = x.shape
        states = [(x.new_zeros(b, cell.hidden_channels, height, width),
                   x.new_zeros(b, cell.hidden_channels, height, width)) for cell in self.cells]
        frame = None
        outputs = []
        for step in range(t + self.out_frames - 1):
            frame = x[:, step] if step < t else frame
            inp = frame
            for k, cell in enumerate(self.cells):
                h, c = cell(inp, *states[k])
                states[k] = (h, c)
                inp = h
            frame = torch.sigmoid(self.head(inp))
            if step >= t - 1:
                outputs.append(frame)
        return torch.stack(outputs, dim=1)
