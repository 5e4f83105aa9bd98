# source: https://github.com/mozilla/TTS/issues/619
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
"""Generator loss for a GAN vocoder: multi-scale STFT loss on the generated waveform."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class TorchSTFT(nn.Module):
    def __init__(self, n_fft, hop_length, win_length, window="hann_window"):
        super().__init__()
        self.n_fft = n_fft
        self.hop_length = hop_length
        self.win_length = win_length
        self.register_buffer("window", getattr(torch, window)(win_length), persistent=False)

    def forward(self, x):
        spec = torch.stft(x, self.n_fft, self.hop_length, self.win_length, self.window,
                          center=True, return_complex=True)
        return spec.abs().clamp(min=1e-8)


class MultiScaleSTFTLoss(nn.Module):
    def __init__(self, n_ffts=(1024, 2048, 512), hops=(120, 240, 50), wins=(600, 1200, 240)):
        super().__init__()
        self.stfts = nn.ModuleList(TorchSTFT(n, h, w) for n, h, w in zip(n_ffts, hops, wins))

    def forward(self, y_hat, y):
        loss = 0.0
        for stft in self.stfts:
            m_hat, m = stft(y_hat), stft(y)
            loss = loss + torch.norm(m - m_hat, p="fro") / torch.norm(m, p="fro")
            loss = loss + F.l1_loss(torch.log(m_hat), torch.log(m))
        return loss / len(self.stfts)


if __name__ == "__main__":
    generator = nn.Sequential(nn.ConvTranspose1d(80, 64, 16, 8, 4), nn.LeakyReLU(0.2),
                              nn.ConvTranspose1d(64, 1, 64, 32, 16), nn.Tanh())
    criterion_gen = MultiScaleSTFTLoss()
    generator.cuda()
    criterion_gen.cuda()
    optimizer = torch.optim.AdamW(generator.parameters(), lr=2e-4)
    loader = [(torch.randn(4, 80, 64), torch.randn(4, 64 * 256)) for _ in range(3)]
    for mel, wav in loader:
        mel, wav = mel.cuda(), wav.cuda()
        y_hat = generator(mel).squeeze(1)[:, : wav.shape[-1]]
        loss = criterion_gen(y_hat, wav)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
