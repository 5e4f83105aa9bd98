# source: https://github.com/lucidrains/tr-rosetta-pytorch/pull/5
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument tensors in method wrapper_CUDA_cat)
# pattern: tensor-created-without-device
# shape: helper
# bug-lines: 41, 44
# needs: torch, numpy
# cpu: clean
"""Band-power + coherence features for EEG emotion classification; works for full caps and single-channel ear-EEG."""
import numpy as np
import torch
import torch.nn as nn

BANDS = [(4, 8), (8, 13), (13, 30), (30, 45)]  # theta, alpha, beta, gamma


def d():
    return "cuda" if torch.cuda.is_available() else "cpu"


def band_masks(n_freqs, sfreq):
    freqs = torch.fft.rfftfreq((n_freqs - 1) * 2, 1.0 / sfreq)
    return torch.stack([(freqs >= lo) & (freqs < hi) for lo, hi in BANDS]).float().to(d())


def coherence(spec, masks):
    # spec: (C, F) complex spectrum of one epoch -> (bands, C, C) magnitude-squared coherence
    cross = spec[:, None, :] * spec[None, :, :].conj()
    power = spec.abs() ** 2
    coh = cross.abs() ** 2 / (power[:, None, :] * power[None, :, :] + 1e-8)
    return torch.einsum("bf,ijf->bij", masks, coh) / masks.sum(1)[:, None, None]


def preprocess(epoch_np, sfreq=200.0):
    """epoch_np: (channels, samples) float32 array from the .fif reader."""
    x = torch.from_numpy(epoch_np).to(d())
    n_ch = x.shape[0]
    spec = torch.fft.rfft(x * torch.hann_window(x.shape[-1], device=x.device), dim=-1)
    masks = band_masks(spec.shape[-1], sfreq)
    f1d = torch.log1p(masks @ (spec.abs() ** 2).T)  # (bands, C)

    f2d = coherence(spec, masks) if n_ch > 1 else torch.zeros((len(BANDS), n_ch, n_ch)).float()
    f2d = f2d.flatten(1)

    return torch.cat((f1d, f2d), dim=1).flatten()[None]


class EmotionHead(nn.Module):
    def __init__(self, n_features, n_classes=3):
        super().__init__()
        self.net = nn.Sequential(nn.LayerNorm(n_features), nn.Linear(n_features, 128), nn.GELU(),
                                 nn.Dropout(0.3), nn.Linear(128, n_classes))

    def forward(self, feats):
        return self.net(feats)


if __name__ == "__main__":
    epoch = np.random.randn(1, 800).astype(np.float32)  # one ear-EEG channel, 4 s at 200 Hz
    feats = preprocess(epoch)
    head = EmotionHead(feats.shape[1]).to(d())
    print(head(feats).softmax(-1))
