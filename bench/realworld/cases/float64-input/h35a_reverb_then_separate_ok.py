# source: https://github.com/christian-byrne/audio-separation-nodes-comfyui/issues/22
# error: RuntimeError: Input type (double) and bias type (float) should be the same
# pattern: float64-input
# shape: helper, class
# looks-like: float64-input
# needs: torch, torchaudio, numpy, scipy
# cpu: no written where torch was not installed; not run
"""Add a synthetic room reverb to a mix, then pull the vocals out again with Hybrid Demucs."""
import sys

import numpy as np
import torch
import torchaudio
from scipy.signal import fftconvolve
from torchaudio.pipelines import HDEMUCS_HIGH_MUSDB_PLUS


def synthetic_ir(sr, decay_s=1.2, seed=0):
    rng = np.random.default_rng(seed)
    n = int(sr * decay_s)
    envelope = np.exp(-6.9 * np.arange(n) / n)  # -60 dB over the decay time
    return rng.standard_normal(n) * envelope


def apply_reverb(waveform, sr, wet=0.3):
    dry = waveform.numpy()
    ir = synthetic_ir(sr)
    tail = np.stack([fftconvolve(ch, ir)[: dry.shape[1]] for ch in dry])  # float64 from scipy
    tail /= np.abs(tail).max() + 1e-9
    mixed = (1 - wet) * dry + wet * tail
    return torch.from_numpy(mixed).float()


class VocalExtractor:
    def __init__(self, device):
        self.device = device
        self.model = HDEMUCS_HIGH_MUSDB_PLUS.get_model().to(device).eval()
        self.sample_rate = HDEMUCS_HIGH_MUSDB_PLUS.sample_rate

    @torch.no_grad()
    def __call__(self, waveform, sr):
        waveform = waveform.float()
        if sr != self.sample_rate:
            waveform = torchaudio.functional.resample(waveform, sr, self.sample_rate)
        if waveform.shape[0] == 1:
            waveform = waveform.repeat(2, 1)
        ref = waveform.mean(0)
        mix = ((waveform - ref.mean()) / ref.std()).to(self.device)
        sources = self.model(mix[None])[0]
        vocals = sources[self.model.sources.index("vocals")]
        return (vocals * ref.std().to(self.device) + ref.mean().to(self.device)).cpu()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    waveform, sr = torchaudio.load(sys.argv[1])
    wet = apply_reverb(waveform, sr, wet=0.35)
    extractor = VocalExtractor(device)
    vocals = extractor(wet, sr)
    torchaudio.save("vocals_from_reverb_mix.wav", vocals, extractor.sample_rate)
