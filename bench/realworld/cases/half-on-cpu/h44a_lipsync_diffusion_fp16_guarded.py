# source: https://github.com/soumik-kanad/diff2lip/issues/10
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, loader-loop
# looks-like: half-on-cpu
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Diffusion-based lip-sync inference: fp16 is only enabled when the denoiser runs on a GPU."""
import argparse

import numpy as np
import torch
import torch.nn as nn


class MouthDenoiser(nn.Module):
    """Tiny stand-in for the audio-conditioned guided-diffusion UNet."""

    def __init__(self, audio_dim=80, ch=64):
        super().__init__()
        self.inp = nn.Conv2d(6, ch, 3, padding=1)
        self.audio_proj = nn.Linear(audio_dim * 16, ch)
        self.mid = nn.Sequential(nn.GroupNorm(8, ch), nn.SiLU(), nn.Conv2d(ch, ch, 3, padding=1))
        self.out = nn.Conv2d(ch, 3, 3, padding=1)

    def forward(self, x_t, ref, mel):
        h = self.inp(torch.cat([x_t, ref], dim=1))
        h = h + self.audio_proj(mel.flatten(1))[:, :, None, None]
        return self.out(self.mid(h))


def sample_batch(model, ref_frames, mel_chunks, steps, dtype, device):
    ref = torch.from_numpy(ref_frames).permute(0, 3, 1, 2).to(device=device, dtype=dtype) / 127.5 - 1
    mel = torch.from_numpy(mel_chunks).to(device=device, dtype=dtype)
    x = torch.randn_like(ref)
    for t in range(steps, 0, -1):
        eps = model(x, ref, mel)
        x = x - eps / steps
    return ((x.clamp(-1, 1) + 1) * 127.5).to(torch.uint8).permute(0, 2, 3, 1).cpu().numpy()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", default="cache/face_crops.npy")     # (N, 128, 128, 3) uint8
    parser.add_argument("--mels", default="cache/mel_chunks.npy")       # (N, 80, 16) float32
    parser.add_argument("--ckpt", default="checkpoints/diff2lip_small.pt")
    parser.add_argument("--use_fp16", action="store_true")
    parser.add_argument("--steps", type=int, default=25)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    use_fp16 = args.use_fp16 and device.type == "cuda"
    dtype = torch.float16 if use_fp16 else torch.float32

    model = MouthDenoiser()
    model.load_state_dict(torch.load(args.ckpt, map_location="cpu"))
    model = model.to(device=device, dtype=dtype).eval()

    frames, mels = np.load(args.frames), np.load(args.mels)
    outputs = []
    with torch.no_grad():
        for i in range(0, len(frames), 8):
            outputs.append(sample_batch(model, frames[i:i + 8], mels[i:i + 8], args.steps, dtype, device))
    np.save("results/generated_mouths.npy", np.concatenate(outputs))


if __name__ == "__main__":
    main()
