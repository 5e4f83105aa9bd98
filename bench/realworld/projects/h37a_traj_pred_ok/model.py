# source: https://github.com/BenMSK/trajectory_prediction_TraPHic/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: multi-file, class
# looks-like: discarded-tensor-move
# needs: torch
# cpu: no written where torch was not installed; not run
"""LSTM encoder-decoder with max-pooled neighbour context."""
import torch
import torch.nn as nn


class SocialEncoderDecoder(nn.Module):
    def __init__(self, hidden=64, fut_len=25):
        super().__init__()
        self.fut_len = fut_len
        self.embed = nn.Linear(2, 32)
        self.ego_enc = nn.LSTM(32, hidden, batch_first=True)
        self.nbr_enc = nn.LSTM(32, hidden, batch_first=True)
        self.dec = nn.LSTM(2 * hidden, hidden, batch_first=True)
        self.out = nn.Linear(hidden, 2)

    def forward(self, hist, nbrs):
        b, n, t, _ = nbrs.shape
        _, (h_ego, _) = self.ego_enc(torch.relu(self.embed(hist)))
        _, (h_nb, _) = self.nbr_enc(torch.relu(self.embed(nbrs.reshape(b * n, t, 2))))
        context = h_nb[-1].reshape(b, n, -1).max(dim=1).values
        enc = torch.cat([h_ego[-1], context], dim=-1)
        dec_in = enc.unsqueeze(1).repeat(1, self.fut_len, 1)
        h, _ = self.dec(dec_in)
        return self.out(h)
