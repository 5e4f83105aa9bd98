# source: https://github.com/kijai/ComfyUI-WanVideoWrapper/issues/35
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: loader-loop, batch-dict, helper
# bug-lines: 54, 64, 65
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Pre-encode training clips into VAE latents for video diffusion fine-tuning."""
import os

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class CausalVideoVAEEncoder(nn.Module):
    def __init__(self, z_dim=16):
        super().__init__()
        self.conv_in = nn.Conv3d(3, 96, kernel_size=3, padding=1)
        self.down = nn.Conv3d(96, 192, kernel_size=3, stride=(1, 2, 2), padding=1)
        self.conv_out = nn.Conv3d(192, 2 * z_dim, kernel_size=1)

    def forward(self, video):
        h = torch.nn.functional.silu(self.conv_in(video))
        h = torch.nn.functional.silu(self.down(h))
        mu, logvar = self.conv_out(h).chunk(2, dim=1)
        return mu, logvar


class ClipFolder(Dataset):
    def __init__(self, root, num_frames=17):
        self.files = sorted(os.path.join(root, f) for f in os.listdir(root) if f.endswith(".npy"))
        self.num_frames = num_frames

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        clip = np.load(self.files[idx])[: self.num_frames]           # (T, H, W, 3) uint8
        frames = clip.astype(np.float32) / 127.5 - 1.0
        frames = torch.from_numpy(frames).permute(3, 0, 1, 2)        # (3, T, H, W)
        return {"frames": frames, "name": os.path.basename(self.files[idx])}


def load_vae(ckpt_path, device):
    vae = CausalVideoVAEEncoder()
    vae.load_state_dict(torch.load(ckpt_path, map_location="cpu"))
    return vae.to(device).half().eval()


@torch.no_grad()
def encode_clip(vae, frames, scale=0.18215):
    mu, _ = vae(frames)
    return mu * scale


def main(root="data/clips", out_dir="data/latents", ckpt="wan_vae_encoder.pth"):
    device = torch.device("cuda")
    vae = load_vae(ckpt, device)
    loader = DataLoader(ClipFolder(root), batch_size=2, num_workers=4)
    os.makedirs(out_dir, exist_ok=True)
    for batch in loader:
        frames = batch["frames"].to(device, non_blocking=True)
        latents = encode_clip(vae, frames)
        for name, lat in zip(batch["name"], latents):
            torch.save(lat.cpu(), os.path.join(out_dir, name.replace(".npy", ".pt")))


if __name__ == "__main__":
    main()
