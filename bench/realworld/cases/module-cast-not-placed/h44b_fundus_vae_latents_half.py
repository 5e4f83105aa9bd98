# source: https://github.com/AUTOMATIC1111/stable-diffusion-webui/issues/9785
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: helper, loader-loop
# bug-lines: 46, 55
# needs: torch
# cpu: no written where torch was not installed; not run
"""Pre-computes VAE latents of retinal fundus photographs so that the latent
diffusion augmenter can be trained without re-encoding every epoch.  The VAE
is run in fp16 to save memory."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class FundusCrops(Dataset):
    def __init__(self, n=64, size=256):
        self.images = torch.rand(n, 3, size, size)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        return self.images[i] * 2.0 - 1.0


class TinyVAEEncoder(nn.Module):
    def __init__(self, latent_ch=4):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(3, 64, 3, stride=2, padding=1), nn.SiLU(),
            nn.Conv2d(64, 128, 3, stride=2, padding=1), nn.SiLU(),
            nn.Conv2d(128, 2 * latent_ch, 3, stride=2, padding=1),
        )

    def forward(self, x):
        mean, logvar = self.net(x).chunk(2, dim=1)
        return mean + torch.randn_like(mean) * torch.exp(0.5 * logvar)


def load_first_stage(ckpt_path, half=True):
    vae = TinyVAEEncoder()
    vae.load_state_dict(torch.load(ckpt_path, map_location="cpu"))
    vae.eval().requires_grad_(False)
    if half:
        vae = vae.half()
    return vae


def cache_latents(vae, loader, device, scale=0.18215):
    cached = []
    with torch.no_grad():
        for batch in loader:
            batch = batch.to(device, dtype=torch.float16)
            latents = vae(batch) * scale
            cached.append(latents.float().cpu())
    return torch.cat(cached)


if __name__ == "__main__":
    device = torch.device("cuda")
    first_stage = load_first_stage("checkpoints/fundus_vae_encoder.pt", half=True)
    loader = DataLoader(FundusCrops(), batch_size=8)
    latents = cache_latents(first_stage, loader, device)
    torch.save(latents, "fundus_latents.pt")
