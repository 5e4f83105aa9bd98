# source: https://github.com/NVIDIA/waveglow/issues/112
# error: RuntimeError: expected type torch.cuda.FloatTensor but got torch.FloatTensor
# pattern: legacy-tensor-constructor
# shape: class, helper
# bug-lines: 42, 43
# needs: torch, numpy, librosa, scipy
# cpu: no written where torch was not installed; not run
"""Remove the vocoder's constant hiss by subtracting its bias spectrum."""
import numpy as np
import torch
import torch.nn.functional as F
from librosa.filters import window_sumsquare
from scipy.signal import get_window


class STFT(torch.nn.Module):
    def __init__(self, filter_length=1024, hop_length=256, win_length=1024):
        super().__init__()
        self.filter_length, self.hop_length, self.win_length = filter_length, hop_length, win_length
        fourier = np.fft.fft(np.eye(filter_length))
        cutoff = filter_length // 2 + 1
        basis = np.vstack([np.real(fourier[:cutoff]), np.imag(fourier[:cutoff])])
        window = get_window("hann", win_length, fftbins=True)
        forward_basis = torch.from_numpy(basis[:, None, :] * window).float()
        inverse_basis = torch.from_numpy(np.linalg.pinv(filter_length / hop_length * basis).T[:, None, :] * window).float()
        self.register_buffer("forward_basis", forward_basis)
        self.register_buffer("inverse_basis", inverse_basis)

    def transform(self, audio):
        x = F.pad(audio.unsqueeze(1), (self.filter_length // 2, self.filter_length // 2), mode="reflect")
        spec = F.conv1d(x, self.forward_basis, stride=self.hop_length)
        cutoff = self.filter_length // 2 + 1
        real, imag = spec[:, :cutoff], spec[:, cutoff:]
        return torch.sqrt(real ** 2 + imag ** 2), torch.atan2(imag, real)

    def inverse(self, magnitude, phase):
        spec = torch.cat([magnitude * torch.cos(phase), magnitude * torch.sin(phase)], dim=1)
        out = F.conv_transpose1d(spec, self.inverse_basis, stride=self.hop_length)
        wsum = window_sumsquare("hann", magnitude.size(-1), hop_length=self.hop_length,
                                win_length=self.win_length, n_fft=self.filter_length, dtype=np.float32)
        nonzero = torch.from_numpy(np.where(wsum > 1e-11)[0])
        wsum = torch.FloatTensor(wsum)
        out[:, :, nonzero] /= wsum[nonzero]
        out *= float(self.filter_length) / self.hop_length
        half = self.filter_length // 2
        return out[:, :, half:-half]


class Denoiser(torch.nn.Module):
    def __init__(self, vocoder, device, n_mels=80, frames=88):
        super().__init__()
        self.device = device
        self.stft = STFT().to(device)
        with torch.no_grad():
            silent_mel = torch.zeros((1, n_mels, frames), device=device)
            bias_audio = vocoder.infer(silent_mel, sigma=0.0).float()
            bias_spec, _ = self.stft.transform(bias_audio)
        self.register_buffer("bias_spec", bias_spec[:, :, 0][:, :, None])

    def forward(self, audio, strength=0.1):
        spec, angles = self.stft.transform(audio.to(self.device).float())
        denoised = torch.clamp(spec - self.bias_spec * strength, 0.0)
        return self.stft.inverse(denoised, angles)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    waveglow = torch.load("waveglow_256channels.pt", map_location=device)["model"].to(device).eval()
    denoiser = Denoiser(waveglow, device)
    mel = torch.load("mel_spectrograms/LJ001-0015.pt", map_location=device)
    with torch.no_grad():
        audio = waveglow.infer(mel.unsqueeze(0), sigma=0.666)
        clean = denoiser(audio, strength=0.05)
    np.save("LJ001-0015_denoised.npy", clean.squeeze().cpu().numpy())
