# source: https://github.com/continue-revolution/sd-webui-animatediff/issues/292
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: module-added-after-placement
# shape: multi-file, class, helper
# bug-lines: 22
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch

from motion_module import inject_motion_modules, load_motion_modules
from unet import TinyUNet


def build_unet(unet_ckpt, motion_ckpt, device):
    unet = TinyUNet()
    unet.load_state_dict(torch.load(unet_ckpt, map_location="cpu"))
    unet.to(device).eval()
    if motion_ckpt:
        bank = load_motion_modules(motion_ckpt, TinyUNet.block_channels)
        inject_motion_modules(unet, bank)
    return unet


@torch.no_grad()
def sample(unet, num_frames, steps, device):
    latents = torch.randn(num_frames, 4, 64, 64, device=device)
    for _ in range(steps):
        noise_pred = unet(latents, num_frames)
        latents = latents - noise_pred / steps
    return latents


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--unet", default="unet.pt")
    parser.add_argument("--motion-module", default="mm_sd_v15_v2.pt")
    parser.add_argument("--frames", type=int, default=16)
    args = parser.parse_args()
    device = torch.device("cuda")
    unet = build_unet(args.unet, args.motion_module, device)
    video_latents = sample(unet, args.frames, steps=25, device=device)
    torch.save(video_latents.cpu(), "animation_latents.pt")
