# source: https://github.com/DigitalPhonetics/IMS-Toucan/issues/46
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper
# bug-lines: 16
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Text-to-speech inference interface with an optional speech-enhancement post-filter."""
import numpy as np
import torch
import torch.nn as nn


def spectral_gate(wave, n_fft=512, hop=128, strength=1.5):
    """Simple noise gate on the STFT magnitude (numpy implementation)."""
    x = wave.numpy()
    frames = np.lib.stride_tricks.sliding_window_view(x, n_fft)[::hop] * np.hanning(n_fft)
    spec = np.fft.rfft(frames, axis=-1)
    mag = np.abs(spec)
    noise_floor = np.percentile(mag, 10, axis=0, keepdims=True)
    mask = (mag > strength * noise_floor).astype(np.float32)
    cleaned = np.fft.irfft(spec * mask, n=n_fft, axis=-1)
    out = np.zeros(len(x), dtype=np.float32)
    for i, frame in enumerate(cleaned):
        out[i * hop:i * hop + n_fft] += frame
    return torch.from_numpy(out)


class SpeechSynthInterface(nn.Module):
    def __init__(self, n_symbols=80, n_mels=80, device="cuda"):
        super().__init__()
        self.device = device
        self.acoustic = nn.Sequential(nn.Embedding(n_symbols, 256), nn.Linear(256, n_mels))
        self.vocoder = nn.Sequential(nn.Linear(n_mels, 256), nn.Tanh(), nn.Linear(256, 256))
        self.use_enhancement = True
        self.to(device)
        self.eval()

    @torch.no_grad()
    def forward(self, phoneme_ids):
        phoneme_ids = phoneme_ids.to(self.device)
        mel = self.acoustic(phoneme_ids)
        wave = self.vocoder(mel).flatten()
        if self.use_enhancement:
            wave = spectral_gate(wave)
        return wave


if __name__ == "__main__":
    tts = SpeechSynthInterface()
    ids = torch.randint(0, 80, (120,))
    audio = tts(ids)
    print(audio.shape)
