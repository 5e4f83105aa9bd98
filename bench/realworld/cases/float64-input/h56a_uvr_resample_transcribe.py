# source: https://github.com/jhj0517/Whisper-WebUI/issues/634
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: class, helper
# bug-lines: 27, 52
# needs: torch, torchaudio, numpy, soundfile
# cpu: no written where torch was not installed; not run
"""Separate vocals from background music, then resample for transcription."""

import os
import tempfile
from typing import Tuple

import numpy as np
import soundfile as sf
import torch
import torchaudio

WHISPER_SR = 16000


def read_separated_stem(path: str) -> Tuple[torch.Tensor, int]:
    """Load the vocal stem written by the separator (fallback branch)."""
    audio, sr = sf.read(path, always_2d=False)
    if audio.ndim == 2:
        audio = audio.mean(axis=1)
    return torch.from_numpy(audio), sr


class TranscriptionPipeline:
    def __init__(self, separator, asr_model):
        self.separator = separator
        self.asr_model = asr_model
        self._resamplers = {}

    def _resampler(self, orig_sr: int) -> torchaudio.transforms.Resample:
        if orig_sr not in self._resamplers:
            self._resamplers[orig_sr] = torchaudio.transforms.Resample(
                orig_freq=orig_sr, new_freq=WHISPER_SR)
        return self._resamplers[orig_sr]

    def separate_bgm(self, audio_path: str) -> Tuple[torch.Tensor, int]:
        out_dir = tempfile.mkdtemp(prefix="uvr_")
        vocal_path = os.path.join(out_dir, "vocals.wav")
        self.separator.separate(audio_path, vocals_out=vocal_path)
        return read_separated_stem(vocal_path)

    def resample_audio(self, audio: torch.Tensor, original_sample_rate: int) -> np.ndarray:
        if original_sample_rate == WHISPER_SR:
            return audio.numpy()
        resampler = self._resampler(original_sample_rate)
        return resampler(audio).numpy()

    def run(self, audio_path: str, use_bgm_separation: bool = True):
        if use_bgm_separation:
            audio, sr = self.separate_bgm(audio_path)
            audio = self.resample_audio(audio=audio, original_sample_rate=sr)
        else:
            wav, sr = torchaudio.load(audio_path)
            audio = self.resample_audio(wav.mean(dim=0), original_sample_rate=sr)
        return self.asr_model.transcribe(audio.astype(np.float32))
