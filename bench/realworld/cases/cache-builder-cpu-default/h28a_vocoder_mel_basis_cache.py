# source: https://github.com/pytorch/audio/pull/77
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: helper, top-level, loader-loop
# looks-like: cache-builder-cpu-default
# needs: torch, librosa
# cpu: no written where torch was not installed; not run
"""Mel-spectrogram L1 loss for vocoder training, with per-device filterbank/window caches."""
import torch
import torch.nn.functional as F
from librosa.filters import mel as librosa_mel_fn

mel_basis = {}
hann_window = {}


def _cache_key(fmax, device):
    return f"{fmax}_{device}"


def build_mel_basis(sampling_rate, n_fft, num_mels, fmin, fmax, device):
    key = _cache_key(fmax, device)
    if key not in mel_basis:
        fb = librosa_mel_fn(sr=sampling_rate, n_fft=n_fft, n_mels=num_mels, fmin=fmin, fmax=fmax)
        mel_basis[key] = torch.from_numpy(fb).float().to(device)
        hann_window[str(device)] = torch.hann_window(n_fft, device=device)
    return mel_basis[key], hann_window[str(device)]


def mel_spectrogram(y, n_fft=1024, num_mels=80, sampling_rate=22050, hop_size=256,
                    fmin=0, fmax=8000):
    basis, window = build_mel_basis(sampling_rate, n_fft, num_mels, fmin, fmax, y.device)
    pad = (n_fft - hop_size) // 2
    y = F.pad(y.unsqueeze(1), (pad, pad), mode="reflect").squeeze(1)
    spec = torch.stft(y, n_fft, hop_length=hop_size, win_length=n_fft, window=window,
                      center=False, return_complex=True)
    spec = torch.sqrt(spec.real.pow(2) + spec.imag.pow(2) + 1e-9)
    return torch.log(torch.clamp(torch.matmul(basis, spec), min=1e-5))


def train_step(generator, optim_g, mel, wav):
    y_g_hat = generator(mel)
    y_g_hat_mel = mel_spectrogram(y_g_hat.squeeze(1))
    target_mel = mel_spectrogram(wav)
    loss_mel = F.l1_loss(y_g_hat_mel, target_mel) * 45
    optim_g.zero_grad()
    loss_mel.backward()
    optim_g.step()
    return loss_mel.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    generator = torch.nn.Sequential(
        torch.nn.Conv1d(80, 64, 7, padding=3), torch.nn.LeakyReLU(0.1),
        torch.nn.ConvTranspose1d(64, 1, 256, stride=256), torch.nn.Tanh(),
    ).to(device)
    optim_g = torch.optim.AdamW(generator.parameters(), lr=2e-4)
    for _ in range(5):
        wav = torch.rand(4, 256 * 32, device=device) * 2 - 1
        mel = mel_spectrogram(wav)
        print(train_step(generator, optim_g, mel[..., :32], wav))
