# source: https://github.com/NVIDIA/DeepLearningExamples/issues/478
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: hard-coded-cuda
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvSTFT(nn.Module):
    """STFT / inverse STFT as fixed 1-D convolutions, so it runs wherever its buffers live."""

    def __init__(self, n_fft=1024, hop=256):
        super().__init__()
        self.n_fft, self.hop = n_fft, hop
        fourier = torch.fft.rfft(torch.eye(n_fft), dim=-1)
        basis = torch.cat([fourier.real.T, fourier.imag.T], dim=0) * torch.hann_window(n_fft)
        self.register_buffer("forward_basis", basis.unsqueeze(1))
        self.register_buffer("inverse_basis", torch.linalg.pinv(basis).T.unsqueeze(1))

    def transform(self, audio):
        pad = self.n_fft // 2
        x = F.pad(audio.unsqueeze(1), (pad, pad), mode="reflect")
        spec = F.conv1d(x, self.forward_basis, stride=self.hop)
        real, imag = spec.chunk(2, dim=1)
        return torch.sqrt(real ** 2 + imag ** 2 + 1e-9), torch.atan2(imag, real)

    def inverse(self, magnitude, phase):
        spec = torch.cat([magnitude * torch.cos(phase), magnitude * torch.sin(phase)], dim=1)
        audio = F.conv_transpose1d(spec, self.inverse_basis, stride=self.hop)
        audio = audio * (self.hop / self.n_fft) * 2.0
        pad = self.n_fft // 2
        return audio[:, 0, pad:-pad]
