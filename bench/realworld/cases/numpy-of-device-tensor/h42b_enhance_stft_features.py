# source: https://github.com/Rikorose/DeepFilterNet/pull/666
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 29
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn

SR = 48000
N_FFT = 960
HOP = 480


def stft_analysis(wave: np.ndarray) -> np.ndarray:
    """Numpy STFT, [C, T] -> [C, frames, freqs] complex."""
    window = np.sqrt(np.hanning(N_FFT + 1)[:-1]).astype(np.float32)
    n_frames = 1 + (wave.shape[-1] - N_FFT) // HOP
    idx = np.arange(N_FFT)[None, :] + HOP * np.arange(n_frames)[:, None]
    frames = wave[:, idx] * window
    return np.fft.rfft(frames, axis=-1)


def spectral_features(audio: torch.Tensor, nb_erb: int, device):
    """Build the ERB-like magnitude feature and complex spec the enhancer expects."""
    audio = audio / audio.abs().amax(dim=-1, keepdim=True).clamp_min(1e-6)
    spec = stft_analysis(audio.numpy())
    mag = np.abs(spec)
    bands = np.array_split(np.arange(mag.shape[-1]), nb_erb)
    erb = np.stack([mag[..., b].mean(-1) for b in bands], axis=-1)
    erb_feat = torch.from_numpy(np.log10(erb + 1e-10)).float().to(device)
    spec_t = torch.view_as_real(torch.from_numpy(spec)).float().to(device)
    return spec_t.unsqueeze(1), erb_feat.unsqueeze(1)


class GainEstimator(nn.Module):
    def __init__(self, nb_erb=32, hidden=128):
        super().__init__()
        self.gru = nn.GRU(nb_erb, hidden, batch_first=True)
        self.out = nn.Linear(hidden, N_FFT // 2 + 1)

    def forward(self, erb_feat):
        h, _ = self.gru(erb_feat.squeeze(1))
        return torch.sigmoid(self.out(h)).unsqueeze(1).unsqueeze(-1)


@torch.no_grad()
def enhance_batch(model, noisy_clips, device, nb_erb=32):
    enhanced = []
    for audio in noisy_clips:
        audio = audio.to(device)
        audio = audio - audio.mean(dim=-1, keepdim=True)
        spec, erb_feat = spectral_features(audio, nb_erb, device)
        gains = model(erb_feat)
        enhanced.append(spec * gains)
    return enhanced


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = GainEstimator().to(device).eval()
    clips = [torch.randn(1, SR * 2) for _ in range(3)]
    out = enhance_batch(model, clips, device)
    print([o.shape for o in out])
