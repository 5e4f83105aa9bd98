# source: https://github.com/alvinliu0/HumanGaussian/issues/25
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: class, multi-file
# bug-lines: 43, 44
# cpu: no needs a GPU
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F


class LatentAutoencoder(nn.Module):
    def __init__(self, channels=3, latent_channels=4):
        super().__init__()
        self.encoder = nn.Conv2d(channels, latent_channels, 3, stride=2, padding=1)
        self.decoder = nn.ConvTranspose2d(latent_channels, channels, 4, stride=2, padding=1)
        self.scaling_factor = 0.18215

    def encode(self, x):
        return self.encoder(x) * self.scaling_factor


class DenoiserUNet(nn.Module):
    def __init__(self, latent_channels=4, width=32):
        super().__init__()
        self.conv_in = nn.Conv2d(latent_channels, width, 3, padding=1)
        self.conv_out = nn.Conv2d(width, latent_channels, 3, padding=1)

    def forward(self, z, t):
        h = F.silu(self.conv_in(z))
        return self.conv_out(h) * (t.view(-1, 1, 1, 1) / 1000.0)


class DualBranchGuidance:
    def __init__(self, cfg, device):
        self.cfg = cfg
        self.device = device
        self.configure()

    def configure(self):
        self.weights_dtype = torch.float16 if self.cfg["half_precision_weights"] else torch.float32
        unet = DenoiserUNet().to(self.weights_dtype)
        vae = LatentAutoencoder().to(self.weights_dtype)
        self.vae = vae.eval()
        self.unet = unet.eval()
        for p in list(self.vae.parameters()) + list(self.unet.parameters()):
            p.requires_grad_(False)
        betas = torch.linspace(0.00085, 0.012, 1000)
        self.alphas = torch.cumprod(1.0 - betas, dim=0).to(self.device)
        self.min_step, self.max_step = 20, 980

    def encode_images(self, imgs):
        input_dtype = imgs.dtype
        imgs = imgs * 2.0 - 1.0
        latents = self.vae.encode(imgs.to(self.weights_dtype))
        return latents.to(input_dtype)

    def __call__(self, rgb):
        latents = self.encode_images(rgb)
        t = torch.randint(self.min_step, self.max_step, (latents.shape[0],), device=self.device)
        noise = torch.randn_like(latents)
        alpha = self.alphas[t].view(-1, 1, 1, 1)
        noisy = alpha.sqrt() * latents + (1 - alpha).sqrt() * noise
        with torch.no_grad():
            noise_pred = self.unet(noisy.to(self.weights_dtype), t.to(self.weights_dtype))
        grad = (1 - alpha) * (noise_pred.float() - noise)
        target = (latents - grad).detach()
        return 0.5 * F.mse_loss(latents, target, reduction="sum") / latents.shape[0]
