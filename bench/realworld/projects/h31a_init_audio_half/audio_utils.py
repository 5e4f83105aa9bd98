# source: https://github.com/Stability-AI/stable-audio-3/issues/17
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, helper, class
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
import torch
import torchaudio


def prepare_audio(audio, in_sr, target_sr, target_length, target_channels, device):
    """Resample, fix channel count and pad/crop an init-audio clip; returns (1, C, T) on `device`."""
    audio = torch.as_tensor(audio, dtype=torch.float32)
    if audio.dim() == 1:
        audio = audio.unsqueeze(0)
    if in_sr != target_sr:
        audio = torchaudio.functional.resample(audio, in_sr, target_sr)
    if audio.shape[0] == 1 and target_channels == 2:
        audio = audio.repeat(2, 1)
    elif audio.shape[0] > target_channels:
        audio = audio[:target_channels]
    if audio.shape[-1] < target_length:
        audio = torch.nn.functional.pad(audio, (0, target_length - audio.shape[-1]))
    audio = audio[..., :target_length]
    return audio.unsqueeze(0).to(device)


def load_clip(path):
    wav, sr = torchaudio.load(path)
    return wav, sr
