# source: https://github.com/pollockjj/ComfyUI-MultiGPU/issues/196
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and bias type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: helper, class
# bug-lines: 31, 64
# needs: torch, torchaudio, safetensors
# cpu: no written where torch was not installed; not run
"""Text-to-music sampling with a latent diffusion model and an audio VAE."""

import argparse

import torch
import torchaudio
from safetensors.torch import load_file

from audio_models import AudioOobleckVAE, DiT, T5Conditioner


def pick_dtype(device):
    if device.type == "cuda" and torch.cuda.get_device_capability(device)[0] >= 7:
        return torch.float16
    return torch.float32


def load_audio_vae(path, dtype):
    """The VAE is large in activations but small in weights; keep it lean."""
    vae = AudioOobleckVAE(latent_dim=64, channels=2)
    sd = load_file(path)
    vae.load_state_dict({k[len("pretransform.model."):]: v for k, v in sd.items()
                         if k.startswith("pretransform.model.")})
    return vae.to(dtype=dtype).eval()


class MusicSampler:
    def __init__(self, ckpt_path, device):
        self.device = torch.device(device)
        self.dtype = pick_dtype(self.device)
        self.conditioner = T5Conditioner().to(self.device).eval()
        self.dit = DiT.from_checkpoint(ckpt_path).to(self.device, self.dtype).eval()
        self.vae = load_audio_vae(ckpt_path, self.dtype)
        self.sample_rate = 44100

    @torch.no_grad()
    def sample_latents(self, prompt, seconds, steps=100, cfg_scale=7.0):
        cond = self.conditioner([prompt], device=self.device)
        length = int(seconds * self.sample_rate / 2048)
        x = torch.randn(1, 64, length, device=self.device, dtype=self.dtype)
        sigmas = torch.linspace(1.0, 0.0, steps + 1, device=self.device)
        for i in range(steps):
            t = sigmas[i].expand(1)
            v_cond = self.dit(x, t, cond=cond)
            v_uncond = self.dit(x, t, cond=None)
            v = v_uncond + cfg_scale * (v_cond - v_uncond)
            x = x + (sigmas[i + 1] - sigmas[i]) * v
        return x

    @torch.no_grad()
    def generate(self, prompt, seconds=30.0, steps=100):
        latents = self.sample_latents(prompt, seconds, steps)
        return self.decode(latents)

    def decode(self, latents):
        latents = latents.to(self.device, self.dtype)
        audio = self.vae.decode(latents)
        return audio.float().clamp(-1, 1).cpu()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", required=True)
    parser.add_argument("--prompt", required=True)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    sampler = MusicSampler(args.ckpt, "cuda")
    wav = sampler.generate(args.prompt, args.seconds)
    torchaudio.save("out.wav", wav[0], sampler.sample_rate)
