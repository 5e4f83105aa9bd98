# source: https://github.com/Weizhi-Zhong/IP_LAP/issues/44
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Conv + transformer encoder for 4-class motor-imagery EEG (22 channels, 250 Hz, 4 s windows)."""
import torch
import torch.nn as nn


class MIConformer(nn.Module):
    def __init__(self, n_channels=22, n_classes=4, d_model=40, nhead=5, nlayers=4, dropout=0.3):
        super().__init__()
        self.patch = nn.Sequential(
            nn.Conv2d(1, d_model, (1, 25)),
            nn.Conv2d(d_model, d_model, (n_channels, 1)),
            nn.BatchNorm2d(d_model),
            nn.ELU(),
            nn.AvgPool2d((1, 75), (1, 15)),
            nn.Dropout(dropout),
        )
        layer = nn.TransformerEncoderLayer(d_model, nhead, 4 * d_model, dropout, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, nlayers)
        self.head = nn.Sequential(nn.LayerNorm(d_model), nn.Linear(d_model, n_classes))

    def forward(self, x):  # x: (B, channels, samples)
        tokens = self.patch(x.unsqueeze(1)).squeeze(2).transpose(1, 2)
        return self.head(self.encoder(tokens).mean(1))
