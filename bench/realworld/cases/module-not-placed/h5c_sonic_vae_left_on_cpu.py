# source: https://github.com/smthemex/ComfyUI_Sonic/pull/25
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: class
# bug-lines: 46, 63
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class AudioEncoder(nn.Module):
    def __init__(self, dim=64):
        super().__init__()
        self.proj = nn.Linear(128, dim)

    def forward(self, mel):
        return self.proj(mel)


class Denoiser(nn.Module):
    def __init__(self, dim=64):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)
        self.cond = nn.Linear(dim, 4)

    def forward(self, latents, audio_emb):
        scale = self.cond(audio_emb.mean(1))[:, :, None, None]
        return self.conv(latents) * scale


class TinyVAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.decoder = nn.Sequential(nn.ConvTranspose2d(4, 16, 4, stride=2, padding=1), nn.ReLU(),
                                     nn.Conv2d(16, 3, 3, padding=1))

    def decode(self, z):
        return self.decoder(z / 0.18215)


class SonicPipeline:
    def __init__(self):
        self.audio_encoder = AudioEncoder()
        self.denoiser = Denoiser()
        self.vae = TinyVAE()

    def to_device(self, device):
        self.device = device
        self.audio_encoder.to(device)
        self.denoiser.to(device)
        return self

    @torch.no_grad()
    def __call__(self, mel, steps=4):
        audio_emb = self.audio_encoder(mel.to(self.device))
        latents = torch.randn(1, 4, 32, 32, device=self.device)
        for _ in range(steps):
            latents = latents - 0.25 * self.denoiser(latents, audio_emb)
        return self.decode_latents(latents)

    def decode_latents(self, latents):
        frames = self.vae.decode(latents)
        return (frames.clamp(-1, 1) + 1) / 2


if __name__ == "__main__":
    pipe = SonicPipeline().to_device(torch.device("cuda"))
    video = pipe(torch.randn(1, 50, 128))
    print(video.shape)
