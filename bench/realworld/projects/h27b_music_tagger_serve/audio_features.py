# source: https://github.com/pytorch/serve/pull/256
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, class, batch-dict
# needs: torch, torchaudio, numpy, soundfile
# cpu: no written where torch was not installed; not run
"""Request bytes -> fixed-length log-mel chunks, computed on the serving device."""
import io

import numpy as np
import soundfile as sf
import torch
import torchaudio

SAMPLE_RATE = 16000
CHUNK_SECONDS = 3.69


class LogMelFrontend:
    def __init__(self, device, n_mels=128):
        self.device = device
        self.mel = torchaudio.transforms.MelSpectrogram(
            SAMPLE_RATE, n_fft=512, hop_length=256, n_mels=n_mels).to(device)
        self.to_db = torchaudio.transforms.AmplitudeToDB()
        self.resamplers = {}

    def _resample(self, wave, sr):
        if sr == SAMPLE_RATE:
            return wave
        if sr not in self.resamplers:
            self.resamplers[sr] = torchaudio.transforms.Resample(sr, SAMPLE_RATE).to(self.device)
        return self.resamplers[sr](wave)

    def __call__(self, raw_bytes):
        data, sr = sf.read(io.BytesIO(raw_bytes), dtype="float32", always_2d=True)
        wave = torch.from_numpy(np.ascontiguousarray(data.mean(axis=1))).to(self.device)
        wave = self._resample(wave, sr)
        chunk = int(CHUNK_SECONDS * SAMPLE_RATE)
        n_chunks = max(1, wave.numel() // chunk)
        wave = torch.nn.functional.pad(wave, (0, max(0, n_chunks * chunk - wave.numel())))
        chunks = wave[: n_chunks * chunk].view(n_chunks, chunk)
        return self.to_db(self.mel(chunks))
