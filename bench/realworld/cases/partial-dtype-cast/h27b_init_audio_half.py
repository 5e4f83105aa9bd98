# source: https://github.com/Stability-AI/stable-audio-tools/issues/80 https://github.com/diontimmer/audio-diffusion-gradio/issues/4
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: partial-dtype-cast
# shape: helper
# bug-lines: 75, 88
# needs: torch
# cpu: clean
"""Prompt + init-audio (audio-to-audio) generation with a latent audio diffusion model."""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F


class Autoencoder1d(nn.Module):
    """Waveform <-> latent pretransform (downsamples by 256)."""

    def __init__(self, channels=2, latent_dim=32, width=64):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv1d(channels, width, 7, padding=3), nn.SiLU(),
            nn.Conv1d(width, width * 2, 16, stride=16), nn.SiLU(),
            nn.Conv1d(width * 2, latent_dim, 16, stride=16))
        self.decoder = nn.Sequential(
            nn.ConvTranspose1d(latent_dim, width * 2, 16, stride=16), nn.SiLU(),
            nn.ConvTranspose1d(width * 2, width, 16, stride=16), nn.SiLU(),
            nn.Conv1d(width, channels, 7, padding=3), nn.Tanh())

    def encode(self, audio):
        return self.encoder(audio)

    def decode(self, z):
        return self.decoder(z)


class PromptConditioner(nn.Module):
    def __init__(self, vocab=8192, dim=256):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, ids):
        return self.proj(self.embed(ids).mean(dim=1))


class LatentDenoiser(nn.Module):
    def __init__(self, latent_dim=32, cond_dim=256, hidden=384):
        super().__init__()
        self.inp = nn.Conv1d(latent_dim, hidden, 3, padding=1)
        self.film = nn.Linear(cond_dim + 1, 2 * hidden)
        self.mid = nn.Conv1d(hidden, hidden, 3, padding=1)
        self.out = nn.Conv1d(hidden, latent_dim, 3, padding=1)

    def forward(self, x, t, cond):
        scale, shift = self.film(torch.cat([cond, t[:, None]], dim=-1)).chunk(2, dim=-1)
        h = F.silu(self.inp(x) * (1 + scale[..., None]) + shift[..., None])
        return self.out(F.silu(self.mid(h)))


class AudioDiffusionModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.conditioner = PromptConditioner()
        self.pretransform = Autoencoder1d()
        self.model = LatentDenoiser()


def load_model(ckpt_path, device, model_half):
    model = AudioDiffusionModel()
    if ckpt_path:
        model.load_state_dict(torch.load(ckpt_path, map_location="cpu")["state_dict"])
    model = model.to(device).eval().requires_grad_(False)
    if model_half:
        model.model.half()
    return model


@torch.no_grad()
def generate(model, prompt_ids, init_audio=None, init_noise_level=0.7, steps=50, device="cpu"):
    dtype = next(model.model.parameters()).dtype
    cond = model.conditioner(prompt_ids.to(device)).to(dtype)
    if init_audio is None:
        x = torch.randn(1, 32, 256, device=device, dtype=dtype)
        t_start = 1.0
    else:
        init_audio = init_audio.to(device=device, dtype=dtype)  # converting init audio to model precision
        z0 = model.pretransform.encode(init_audio)
        x = z0 + init_noise_level * torch.randn_like(z0)
        t_start = init_noise_level
    for t in torch.linspace(t_start, 0.0, steps + 1, device=device)[:-1]:
        x = x - model.model(x, t.to(dtype).expand(x.shape[0]), cond) / steps
    return model.pretransform.decode(x.float())


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--ckpt", default=None)
    p.add_argument("--model-half", action="store_true")
    args = p.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = load_model(args.ckpt, device, args.model_half or device.type == "cuda")
    prompt = torch.randint(0, 8192, (1, 12))
    init = torch.randn(1, 2, 65536).clamp(-1, 1)
    out = generate(model, prompt, init_audio=init, steps=20, device=device)
    print("audio", tuple(out.shape))
