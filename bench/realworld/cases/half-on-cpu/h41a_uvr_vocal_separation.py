# source: https://github.com/RVC-Project/Retrieval-based-Voice-Conversion-WebUI/issues/242
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 46, 54
# needs: torch, numpy, librosa, soundfile
# cpu: no written where torch was not installed; not run
import sys

import librosa
import numpy as np
import soundfile as sf
import torch
import torch.nn as nn


class RuntimeConfig:
    def __init__(self):
        self.is_half = True
        if torch.cuda.is_available():
            self.device = "cuda:0"
        else:
            print("no supported NVIDIA card found, separating on CPU")
            self.device = "cpu"


class MaskNet(nn.Module):
    def __init__(self, ch=32):
        super().__init__()
        self.enc = nn.Sequential(
            nn.Conv2d(2, ch, 3, padding=1), nn.ReLU(),
            nn.Conv2d(ch, ch, 3, padding=1), nn.ReLU(),
        )
        self.head = nn.Conv2d(ch, 2, 1)

    def forward(self, mag):
        return torch.sigmoid(self.head(self.enc(mag)))


class VocalSeparator:
    def __init__(self, weights_path, config):
        self.config = config
        self.net = MaskNet()
        self.net.load_state_dict(torch.load(weights_path, map_location="cpu"))
        if config.is_half:
            self.net = self.net.half()
        self.net = self.net.to(config.device).eval()

    def _predict_windows(self, mag, window=256):
        masks = []
        for start in range(0, mag.shape[-1], window):
            chunk = np.ascontiguousarray(mag[None, :, :, start:start + window])
            x = torch.from_numpy(chunk).to(self.config.device)
            x = x.half() if self.config.is_half else x.float()
            with torch.no_grad():
                masks.append(self.net(x)[0].float().cpu().numpy())
        return np.concatenate(masks, axis=-1)

    def separate(self, wav_path):
        audio, sr = librosa.load(wav_path, sr=44100, mono=False)
        spec = np.stack([librosa.stft(ch, n_fft=2048, hop_length=1024) for ch in audio])
        mask = self._predict_windows(np.abs(spec).astype(np.float32))
        vocal_spec = spec * mask
        vocals = np.stack([librosa.istft(ch, hop_length=1024) for ch in vocal_spec])
        return vocals, audio[:, :vocals.shape[-1]] - vocals, sr


if __name__ == "__main__":
    separator = VocalSeparator(sys.argv[1], RuntimeConfig())
    vocals, instrumental, sr = separator.separate(sys.argv[2])
    sf.write("vocals.wav", vocals.T, sr)
    sf.write("instrumental.wav", instrumental.T, sr)
