import torch
import torchaudio


def resample_all(waves, device="cuda"):
    # Resample keeps its sinc kernel as a buffer: on the CPU unless moved.
    resampler = torchaudio.transforms.Resample(orig_freq=44100, new_freq=16000)  # expect: TL211:17 lines=10,10
    out = []
    for wave in waves:
        out.append(resampler(wave.to(device)))
    return out
