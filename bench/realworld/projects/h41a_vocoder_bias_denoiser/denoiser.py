# source: https://github.com/NVIDIA/DeepLearningExamples/issues/478
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: hard-coded-cuda
# shape: multi-file, class
# bug-lines: 19, 33
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from stft import ConvSTFT


class BiasDenoiser(nn.Module):
    """Subtracts the spectrum the vocoder produces for a silent mel (its constant hiss)."""

    def __init__(self, n_fft=1024, hop=256):
        super().__init__()
        self.stft = ConvSTFT(n_fft, hop).cuda()
        self.register_buffer("bias_profile", torch.zeros(1, n_fft // 2 + 1, 1))

    @torch.no_grad()
    def calibrate(self, vocoder, n_mels=80, frames=64):
        param = next(vocoder.parameters())
        silence = torch.full((1, n_mels, frames), -11.5, dtype=param.dtype, device=param.device)
        hiss = vocoder.infer(silence, sigma=0.0).float()
        magnitude, _ = self.stft.transform(hiss)
        self.bias_profile = magnitude.mean(dim=-1, keepdim=True)
        return self

    @torch.no_grad()
    def forward(self, audio, strength=0.1, floor=0.0):
        magnitude, phase = self.stft.transform(audio.cuda().float())
        cleaned = (magnitude - strength * self.bias_profile).clamp_min(floor)
        return self.stft.inverse(cleaned, phase)
