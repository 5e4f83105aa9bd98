# source: https://github.com/lhotse-speech/lhotse/pull/1171
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Two-stem (vocals / accompaniment) mask estimator on top of the framing front-end."""
import torch
import torch.nn as nn

from frontend import Wav2Frames


class FrameMaskSeparator(nn.Module):
    def __init__(self, frame_length=1024, frame_shift=256, hidden=256, n_stems=2):
        super().__init__()
        self.frontend = Wav2Frames(frame_length, frame_shift)
        n_bins = frame_length // 2 + 1
        self.n_stems = n_stems
        self.rnn = nn.LSTM(n_bins, hidden, num_layers=2, batch_first=True, bidirectional=True)
        self.mask = nn.Sequential(nn.Linear(2 * hidden, n_stems * n_bins), nn.Sigmoid())

    def forward(self, wav):
        length = wav.shape[-1]
        spec = self.frontend(wav)
        feats = torch.log1p(spec.abs())
        h, _ = self.rnn(feats)
        masks = self.mask(h).view(*spec.shape[:-1], self.n_stems, spec.shape[-1])
        masks = masks.transpose(-2, -3)
        stems = self.frontend.inverse(masks * spec.unsqueeze(-3), length)
        return stems
