# source: https://github.com/hirofumi0810/neural_sp/pull/329
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
"""BLSTM-CTC acoustic model."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class BLSTMCTC(nn.Module):
    def __init__(self, n_mels=80, hidden=320, n_layers=4, vocab=500):
        super().__init__()
        self.subsample = nn.Sequential(
            nn.Conv1d(n_mels, hidden, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv1d(hidden, hidden, 3, stride=2, padding=1), nn.ReLU(),
        )
        self.rnn = nn.LSTM(hidden, hidden, n_layers, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, vocab)

    def forward(self, feats, feat_lens, ys, y_lens):
        x = self.subsample(feats.transpose(1, 2)).transpose(1, 2)
        x, _ = self.rnn(x)
        logp = F.log_softmax(self.out(x), dim=-1).transpose(0, 1)
        enc_lens = torch.div(feat_lens + 3, 4, rounding_mode="floor").clamp(max=x.shape[1])
        return F.ctc_loss(logp, ys, enc_lens, y_lens, zero_infinity=True)
