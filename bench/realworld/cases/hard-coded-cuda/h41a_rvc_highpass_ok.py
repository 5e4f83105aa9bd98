# source: https://github.com/CircuitCM/RVC-inference/issues/3
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: top-level, helper
# looks-like: hard-coded-cuda
# needs: torch, torchaudio, scipy, soundfile
# cpu: no written where torch was not installed; not run
import sys

import soundfile as sf
import torch
import torchaudio.functional as AF
from scipy import signal

_device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# 5th-order Butterworth high-pass at 48 Hz, run on every clip before pitch extraction
_b, _a = signal.butter(N=5, Wn=48, btype="high", fs=16000)
bh = torch.from_numpy(_b).float().to(_device, non_blocking=True)
ah = torch.from_numpy(_a).float().to(_device, non_blocking=True)


def load_16k(path):
    audio, sr = sf.read(path, dtype="float32", always_2d=True)
    audio = torch.from_numpy(audio.mean(axis=1))
    if sr != 16000:
        audio = AF.resample(audio, sr, 16000)
    return audio.to(_device, non_blocking=True)


def highpass(audio):
    return AF.lfilter(audio, ah, bh, clamp=False)


def frame_energy(audio, frame=400, hop=160):
    frames = audio.unfold(-1, frame, hop)
    return frames.pow(2).mean(-1).clamp_min(1e-10).log10()


def voiced_mask(audio, threshold_db=-4.5):
    return frame_energy(highpass(audio)) > threshold_db


if __name__ == "__main__":
    clip = load_16k(sys.argv[1])
    mask = voiced_mask(clip)
    print(f"{mask.float().mean().item():.1%} of frames voiced on {_device}")
