# source: https://github.com/tenstorrent/tt-xla/issues/3335
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class, helper, loader-loop
# bug-lines: 35
# needs: torch
# cpu: no written where torch was not installed; not run
"""Handwritten text-line recognition: CNN feature columns -> transformer encoder -> CTC."""
import math

import torch
from torch import nn
from torch.utils.data import DataLoader


def sinusoid_table(length, dim, device=torch.device("cpu"), dtype=torch.float32):
    pos = torch.arange(length, device=device, dtype=dtype).unsqueeze(1)
    freq = torch.exp(torch.arange(0, dim, 2, device=device, dtype=dtype) * (-math.log(10000.0) / dim))
    table = torch.zeros(length, dim, device=device, dtype=dtype)
    table[:, 0::2] = torch.sin(pos * freq)
    table[:, 1::2] = torch.cos(pos * freq)
    return table


class ColumnPositionalEncoding(nn.Module):
    """Line images have very different widths, so tables are built lazily and memoised per width."""

    def __init__(self, dim):
        super().__init__()
        self.dim = dim
        self._tables = {}

    def table(self, width):
        if width not in self._tables:
            self._tables[width] = sinusoid_table(width, self.dim)
        return self._tables[width]

    def forward(self, cols):
        return cols + self.table(cols.size(1)).unsqueeze(0)


class LineRecognizer(nn.Module):
    def __init__(self, n_classes, dim=256):
        super().__init__()
        self.cnn = nn.Sequential(
            nn.Conv2d(1, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(128, dim, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d((1, None)),
        )
        self.pos = ColumnPositionalEncoding(dim)
        layer = nn.TransformerEncoderLayer(dim, nhead=8, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=4)
        self.classifier = nn.Linear(dim, n_classes + 1)  # + CTC blank

    def forward(self, lines):
        cols = self.cnn(lines).squeeze(2).transpose(1, 2)  # (B, W', C)
        return self.classifier(self.encoder(self.pos(cols))).log_softmax(-1)


def train_epoch(model, loader: DataLoader, opt, device):
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    model.train()
    for images, targets, target_lens in loader:
        images = images.to(device)
        log_probs = model(images).transpose(0, 1)  # (T, B, C)
        input_lens = torch.full((images.size(0),), log_probs.size(0), dtype=torch.long)
        loss = ctc(log_probs, targets, input_lens, target_lens)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = LineRecognizer(n_classes=79).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-4)
    dummy = [(torch.rand(8, 1, 64, 1024), torch.randint(1, 80, (8 * 30,)), torch.full((8,), 30))]
    print(train_epoch(model, dummy, opt, device))
