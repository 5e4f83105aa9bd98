# source: https://github.com/lum3on/ComfyUI-StableAudioX/issues/4
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, batch-dict, helper
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Clip loading / resampling for the audio-captioning pipeline.

The GPU does resampling and loudness normalisation; the clip is handed on as an
``{"waveform": [1, C, T], "sample_rate": int}`` dict like the other nodes use.
"""
import torch
import torchaudio

TARGET_SR = 32000


def _peak_normalise(wav: torch.Tensor, headroom_db: float = 1.0) -> torch.Tensor:
    peak = wav.abs().amax(dim=-1, keepdim=True).clamp_min(1e-6)
    gain = 10 ** (-headroom_db / 20.0)
    return wav / peak * gain


def prepare_clip(path: str, device: torch.device) -> dict:
    wav, sr = torchaudio.load(path)
    wav = wav.to(device)
    if sr != TARGET_SR:
        resample = torchaudio.transforms.Resample(sr, TARGET_SR).to(device)
        wav = resample(wav)
    wav = _peak_normalise(wav)
    return {"waveform": wav.unsqueeze(0), "sample_rate": TARGET_SR}


def log_mel(audio: dict, n_mels: int = 64) -> torch.Tensor:
    wav = audio["waveform"].mean(dim=1)  # mono, [1, T]
    mel = torchaudio.transforms.MelSpectrogram(
        sample_rate=audio["sample_rate"], n_fft=1024, hop_length=320, n_mels=n_mels
    ).to(wav.device)
    return torch.log(mel(wav) + 1e-6)
