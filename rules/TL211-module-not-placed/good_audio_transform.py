import torch
import torchaudio


def resample_all(waves, device="cuda"):
    resampler = torchaudio.transforms.Resample(orig_freq=44100, new_freq=16000).to(device)
    return [resampler(wave.to(device)) for wave in waves]


def fade_all(waves, device="cuda"):
    # Fade holds no tensors: it works on the input's device as it is.
    fade = torchaudio.transforms.Fade(fade_in_len=400, fade_out_len=400)
    gain = torchaudio.transforms.Vol(0.5)
    return [gain(fade(wave.to(device))) for wave in waves]
