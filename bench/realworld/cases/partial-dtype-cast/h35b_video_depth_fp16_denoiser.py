# source: https://github.com/akatz-ai/ComfyUI-DepthCrafter-Nodes/issues/2
# error: RuntimeError: Input type (struct c10::Half) and bias type (float) should be the same
# pattern: partial-dtype-cast
# shape: class, helper
# bug-lines: 46, 57
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class FrameEncoder(nn.Module):
    def __init__(self, latent_ch=4):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(3, 64, 4, 2, 1), nn.SiLU(), nn.Conv2d(64, latent_ch, 4, 2, 1))

    def forward(self, x):
        return self.net(x)


class DepthDecoder(nn.Module):
    def __init__(self, latent_ch=4):
        super().__init__()
        self.net = nn.Sequential(
            nn.ConvTranspose2d(latent_ch, 64, 4, 2, 1), nn.SiLU(), nn.ConvTranspose2d(64, 1, 4, 2, 1)
        )

    def forward(self, z):
        return self.net(z)


class VideoDepthPipeline(nn.Module):
    def __init__(self, latent_ch=4):
        super().__init__()
        self.encoder = FrameEncoder(latent_ch)
        self.denoiser = nn.Sequential(
            nn.Conv2d(latent_ch, 128, 3, padding=1), nn.SiLU(), nn.Conv2d(128, latent_ch, 3, padding=1)
        )
        self.decoder = DepthDecoder(latent_ch)

    @torch.no_grad()
    def forward(self, frames, steps=5):
        latents = self.encoder(frames).to(self.denoiser[0].weight.dtype)
        for _ in range(steps):
            latents = latents - 0.1 * self.denoiser(latents)
        depth = self.decoder(latents)
        return depth.clamp(0, 1)


def load_pipeline(ckpt_path, device, use_fp16=True):
    pipe = VideoDepthPipeline()
    state = torch.load(ckpt_path, map_location="cpu")
    pipe.load_state_dict(state)
    pipe.eval()
    if use_fp16:
        # keep the VAE parts in fp32 for quality, only the heavy denoiser runs in half
        pipe.denoiser.half()
    return pipe.to(device)


def process_clip(pipe, frames, window=16):
    device = next(pipe.parameters()).device
    out = []
    for start in range(0, frames.shape[0], window):
        chunk = frames[start:start + window].to(device)
        out.append(pipe(chunk).float().cpu())
    return torch.cat(out)
