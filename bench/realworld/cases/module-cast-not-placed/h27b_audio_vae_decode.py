# source: https://github.com/Comfy-Org/ComfyUI/issues/7496
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: class
# bug-lines: 68, 81
# needs: torch, numpy
# cpu: clean
"""Text-to-music latent diffusion: denoise a latent sequence, then decode it with an audio VAE.

The VAE is kept off the GPU between requests to leave room for the denoiser."""
import numpy as np
import torch
import torch.nn as nn


class ResBlock1d(nn.Module):
    def __init__(self, ch, dilation):
        super().__init__()
        self.conv1 = nn.Conv1d(ch, ch, 7, padding=3 * dilation, dilation=dilation)
        self.conv2 = nn.Conv1d(ch, ch, 1)

    def forward(self, x):
        return x + self.conv2(torch.nn.functional.elu(self.conv1(torch.nn.functional.elu(x))))


class AudioVAEDecoder(nn.Module):
    def __init__(self, latent_dim=64, ch=128, strides=(2, 4, 4, 8), out_channels=2):
        super().__init__()
        layers = [nn.Conv1d(latent_dim, ch * 8, 7, padding=3)]
        c = ch * 8
        for s in strides:
            layers += [nn.ELU(), nn.ConvTranspose1d(c, c // 2, 2 * s, stride=s, padding=s // 2),
                       ResBlock1d(c // 2, 1), ResBlock1d(c // 2, 3)]
            c //= 2
        layers += [nn.ELU(), nn.Conv1d(c, out_channels, 7, padding=3), nn.Tanh()]
        self.net = nn.Sequential(*layers)

    def decode(self, z):
        return self.net(z)


class TinyDenoiser(nn.Module):
    def __init__(self, latent_dim=64, cond_dim=256, hidden=512):
        super().__init__()
        self.t_embed = nn.Sequential(nn.Linear(1, hidden), nn.SiLU(), nn.Linear(hidden, hidden))
        self.cond_proj = nn.Linear(cond_dim, hidden)
        self.inp = nn.Conv1d(latent_dim, hidden, 3, padding=1)
        self.out = nn.Conv1d(hidden, latent_dim, 3, padding=1)

    def forward(self, x, t, cond):
        h = self.inp(x) + (self.t_embed(t[:, None]) + self.cond_proj(cond))[..., None]
        return self.out(torch.nn.functional.silu(h))


class MusicPipeline:
    def __init__(self, device, dtype=torch.float16):
        self.device, self.dtype = device, dtype
        self.denoiser = TinyDenoiser().to(device=device, dtype=dtype).eval()
        self.vae = AudioVAEDecoder().eval()
        self.text_table = nn.Embedding(32000, 256).to(device=device, dtype=dtype)

    def load(self, denoiser_sd=None, vae_sd=None):
        if denoiser_sd is not None:
            self.denoiser.load_state_dict(denoiser_sd)
        if vae_sd is not None:
            self.vae.load_state_dict(vae_sd)
        # match the VAE precision to the denoiser; it is moved in only for decoding
        self.vae = self.vae.to(self.dtype)

    def encode_prompt(self, token_ids):
        ids = torch.as_tensor(token_ids, device=self.device).unsqueeze(0)
        return self.text_table(ids).mean(dim=1)

    @torch.no_grad()
    def generate(self, token_ids, seconds=10.0, steps=50, latent_rate=21.5):
        cond = self.encode_prompt(token_ids)
        x = torch.randn(1, 64, int(seconds * latent_rate), device=self.device, dtype=self.dtype)
        for t in torch.linspace(1.0, 0.0, steps + 1, device=self.device, dtype=self.dtype)[:-1]:
            eps = self.denoiser(x, t.expand(1), cond)
            x = x - eps / steps
        audio = self.vae.decode(x)
        return audio.float().cpu().numpy()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.float16 if device.type == "cuda" else torch.float32
    pipe = MusicPipeline(device, dtype)
    pipe.load()
    wav = pipe.generate(np.random.randint(0, 32000, size=16), seconds=2.0, steps=10)
    print("generated", wav.shape, "peak", np.abs(wav).max())
