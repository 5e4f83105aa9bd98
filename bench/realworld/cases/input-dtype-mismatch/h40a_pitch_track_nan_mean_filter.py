# source: https://github.com/maxrmorrison/torchcrepe/issues/28
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.DoubleTensor) should be the same
# pattern: input-dtype-mismatch
# shape: helper, loader-loop
# bug-lines: 28
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Smooth frame-wise f0 tracks (melody transcription pre-step), ignoring unvoiced NaN frames."""
import glob
import os

import numpy as np
import torch
import torch.nn.functional as F

# cents conversions drift in float32 over long recordings, so keep the post-processing in double
torch.set_default_dtype(torch.float64)


def nan_mean(signals, win_length=9):
    assert signals.dim() == 2, "expected (batch, frames)"
    signals = signals.unsqueeze(1)
    mask = ~torch.isnan(signals)
    masked = torch.where(mask, signals, torch.zeros_like(signals))
    kernel = torch.ones(signals.size(1), 1, win_length, device=signals.device)
    pad = win_length // 2
    sums = F.conv1d(masked, kernel, padding=pad)
    counts = F.conv1d(mask.float(), kernel, padding=pad)
    smoothed = sums / counts.clamp(min=1)
    smoothed[smoothed == 0] = float("nan")
    return smoothed.squeeze(1)


def voiced_pitch(pitch, periodicity, threshold=0.21):
    pitch = pitch.clone()
    pitch[periodicity < threshold] = float("nan")
    return pitch


def to_cents(pitch_hz, ref_hz=10.0):
    return 1200.0 * torch.log2(pitch_hz / ref_hz)


def smooth_folder(track_dir, device, win_length=9):
    results = {}
    for path in sorted(glob.glob(os.path.join(track_dir, "*_f0.npz"))):
        arrays = np.load(path)
        pitch = torch.from_numpy(arrays["pitch"]).to(device)[None]
        periodicity = torch.from_numpy(arrays["periodicity"]).to(device)[None]
        pitch = voiced_pitch(pitch, periodicity)
        cents = nan_mean(to_cents(pitch), win_length)
        results[os.path.basename(path)] = cents.cpu().numpy()
    return results


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    out = smooth_folder("f0_tracks", dev)
    for name, cents in out.items():
        print(name, np.nanmean(cents))
