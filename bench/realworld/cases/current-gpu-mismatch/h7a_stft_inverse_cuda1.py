# source: https://github.com/NVIDIA/DeepLearningExamples/pull/1432
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: class, helper
# bug-lines: 48
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from scipy.signal import get_window


def window_sumsquare(window, n_frames, hop_length, win_length, n_fft):
    n = n_fft + hop_length * (n_frames - 1)
    x = np.zeros(n, dtype=np.float32)
    win_sq = get_window(window, win_length, fftbins=True).astype(np.float32) ** 2
    win_sq = np.pad(win_sq, (0, n_fft - win_length))
    for i in range(n_frames):
        s = i * hop_length
        x[s:min(n, s + n_fft)] += win_sq[: max(0, min(n_fft, n - s))]
    return x


class STFT(nn.Module):
    def __init__(self, filter_length=1024, hop_length=256, win_length=1024, window="hann"):
        super().__init__()
        self.filter_length, self.hop_length = filter_length, hop_length
        self.win_length, self.window = win_length, window
        fourier = np.fft.fft(np.eye(filter_length))
        cutoff = filter_length // 2 + 1
        basis = np.vstack([np.real(fourier[:cutoff]), np.imag(fourier[:cutoff])])
        win = get_window(window, win_length, fftbins=True)
        inverse = np.linalg.pinv(filter_length / hop_length * basis).T * win
        self.register_buffer("inverse_basis", torch.tensor(inverse[:, None, :], dtype=torch.float32))

    def inverse(self, magnitude, phase):
        recombined = torch.cat([magnitude * torch.cos(phase), magnitude * torch.sin(phase)], dim=1)
        out = F.conv_transpose1d(recombined, self.inverse_basis, stride=self.hop_length)
        wsum = window_sumsquare(self.window, magnitude.size(-1), self.hop_length,
                                self.win_length, self.filter_length)
        nonzero = torch.from_numpy(np.where(wsum > np.finfo(np.float32).tiny)[0])
        wsum = torch.from_numpy(wsum)
        if magnitude.is_cuda:
            wsum = wsum.cuda()
            nonzero = nonzero.to(magnitude.device)
        out[:, :, nonzero] /= wsum[nonzero]
        out *= float(self.filter_length) / self.hop_length
        half = self.filter_length // 2
        return out[:, :, half:-half]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1")
    args = parser.parse_args()
    device = torch.device(args.device)
    stft = STFT().to(device)
    mag = torch.rand(1, 513, 200, device=device)
    phase = torch.rand(1, 513, 200, device=device) * 2 * np.pi
    audio = stft.inverse(mag, phase)
    print(audio.shape, audio.device)
