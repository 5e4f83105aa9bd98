# source: https://github.com/christian-byrne/audio-separation-nodes-comfyui/pull/31
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: multi-file, helper
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Small waveform helpers shared by the remix tools."""
import torch
import torchaudio


def get_device():
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def ensure_stereo(waveform):
    if waveform.dim() == 1:
        waveform = waveform.unsqueeze(0)
    if waveform.shape[0] == 1:
        waveform = waveform.repeat(2, 1)
    return waveform[:2]


def resample_on_device(waveform, orig_sr, new_sr, device):
    """Resampling long stems is much faster on the GPU; the result stays there."""
    resampler = torchaudio.transforms.Resample(orig_sr, new_sr).to(device)
    return resampler(waveform.to(device).float())


def match_length(a, b):
    n = min(a.shape[-1], b.shape[-1])
    return a[..., :n], b[..., :n]


def peak_normalize(waveform, headroom_db=1.0):
    peak = waveform.abs().max().clamp(min=1e-8)
    return waveform / peak * (10 ** (-headroom_db / 20))
