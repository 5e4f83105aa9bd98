# source: https://github.com/speechbrain/speechbrain/issues/910
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, helper
# looks-like: module-not-placed
# needs: torch
# cpu: no written where torch was not installed; not run
"""Intelligibility-style validation metric (band-envelope correlation at 10 kHz)."""
import torch

from resample import SincResampler


def envelope_bands(x, n_fft=256, hop=128, n_bands=15):
    window = torch.hann_window(n_fft, device=x.device)
    mag = torch.stft(x, n_fft, hop, window=window, return_complex=True).abs()
    bands = torch.tensor_split(mag, n_bands, dim=1)
    return torch.stack([b.pow(2).sum(1).sqrt() for b in bands], dim=1)


def stoi_score(y_pred, y_true, sample_rate=16000):
    resampler = SincResampler(sample_rate, 10000).to(y_true.device)
    y_true, y_pred = resampler(y_true), resampler(y_pred)
    e_true, e_pred = envelope_bands(y_true), envelope_bands(y_pred)
    e_true = e_true - e_true.mean(-1, keepdim=True)
    e_pred = e_pred - e_pred.mean(-1, keepdim=True)
    corr = (e_true * e_pred).sum(-1) / (e_true.norm(dim=-1) * e_pred.norm(dim=-1) + 1e-8)
    return corr.mean(dim=1)


class MetricStats:
    def __init__(self, metric):
        self.metric, self.scores = metric, []

    def append(self, *args, **kwargs):
        self.scores.extend(self.metric(*args, **kwargs).detach().cpu().tolist())

    def summarize(self):
        return sum(self.scores) / max(len(self.scores), 1)
