# source: https://github.com/kijai/ComfyUI-WanVideoWrapper/issues/1440
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: helper, class
# looks-like: module-cast-not-placed
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run
import torch
from diffusers import AutoencoderKLWan


class VAEStage:
    """Keeps the Wan VAE offloaded and brings it onto the compute device only for encode/decode."""

    def __init__(self, model_dir, dtype=torch.float16, offload_device="cpu"):
        self.dtype = dtype
        self.offload_device = torch.device(offload_device)
        self.vae = AutoencoderKLWan.from_pretrained(model_dir, subfolder="vae")
        self.vae.requires_grad_(False).eval()
        self.vae.to(device=self.offload_device, dtype=dtype)

    def _load(self, device):
        self.vae.to(device=device, dtype=self.dtype)

    def _offload(self):
        self.vae.to(self.offload_device)
        if torch.cuda.is_available():
            torch.cuda.empty_cache()

    @torch.no_grad()
    def encode(self, video, device):
        """video: (B, 3, T, H, W) in [-1, 1]."""
        self._load(device)
        try:
            latents = self.vae.encode(video.to(device=device, dtype=self.dtype)).latent_dist.mode()
        finally:
            self._offload()
        return latents

    @torch.no_grad()
    def decode(self, latents, device):
        self._load(device)
        try:
            frames = self.vae.decode(latents.to(device=device, dtype=self.dtype)).sample
        finally:
            self._offload()
        return frames.float().clamp(-1, 1).cpu()


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    stage = VAEStage("Wan-AI/Wan2.1-T2V-1.3B-Diffusers",
                     dtype=torch.float16 if dev.type == "cuda" else torch.float32)
    clip = torch.rand(1, 3, 17, 480, 832) * 2 - 1
    lat = stage.encode(clip, dev)
    print(lat.shape, stage.decode(lat, dev).shape)
