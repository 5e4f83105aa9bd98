# source: https://github.com/mpariente/pytorch_stoi/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, class
# bug-lines: 33, 34
# needs: torch
# cpu: no written where torch was not installed; not run
"""Transformer encoder that reconstructs a waveform-domain signal from a degraded spectrogram."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from stoi_loss import NegSTOILoss


class SpectReconstructor(nn.Module):
    def __init__(self, n_freq=257, d_model=256, n_layers=4, hop=128):
        super().__init__()
        self.hop = hop
        self.proj_in = nn.Linear(n_freq, d_model)
        layer = nn.TransformerEncoderLayer(d_model, nhead=4, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, n_layers)
        self.proj_out = nn.Linear(d_model, hop)

    def forward(self, spect):
        h = self.encoder(self.proj_in(spect))
        return self.proj_out(h).flatten(1)

    def loss_fn(self, pred, ground_truth):
        pred_flat = pred.reshape(-1, pred.size(-1))
        truth_flat = ground_truth.reshape(-1, ground_truth.size(-1))
        l1 = F.l1_loss(pred_flat, truth_flat)
        stoi = NegSTOILoss(sample_rate=16000)
        stoi_loss = stoi(pred_flat, truth_flat)
        return l1 + 0.1 * stoi_loss
