# source: https://github.com/deepbeepmeep/Wan2GP/issues/668
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: type-cast-without-device
# shape: class, helper
# bug-lines: 52, 56
# cpu: no needs a GPU
# needs: torch
import torch
import torch.nn as nn


class CausalVideoEncoder(nn.Module):
    def __init__(self, in_channels=3, z_dim=16):
        super().__init__()
        self.conv_in = nn.Conv3d(in_channels, 64, 3, padding=1)
        self.down = nn.Conv3d(64, 64, 3, stride=(1, 2, 2), padding=1)
        self.conv1 = nn.Conv3d(64, z_dim * 2, 1)

    def encode(self, x, scale):
        out = self.down(torch.nn.functional.silu(self.conv_in(x)))
        mu, log_var = self.conv1(out).chunk(2, dim=1)
        return (mu - scale[0]) * scale[1]

    def forward(self, x, scale):
        return self.encode(x, scale)


class OffloadManager:
    def __init__(self, execution_device):
        self.execution_device = execution_device
        self.models = []

    def register(self, model):
        model.register_forward_pre_hook(self._load_hook)
        self.models.append(model)

    def _load_hook(self, module, args):
        for other in self.models:
            if other is not module:
                other.to("cpu")
        module.to(self.execution_device)


class WanVAE:
    def __init__(self, z_dim=16, dtype=torch.float16, device="cuda"):
        self.dtype = dtype
        self.device = device
        mean = torch.zeros(z_dim, 1, 1, 1)
        std = torch.ones(z_dim, 1, 1, 1)
        self.scale = [mean.to(device), 1.0 / std.to(device)]
        self.model = CausalVideoEncoder(z_dim=z_dim).eval().requires_grad_(False)
        self.model = self.model.to(dtype)

    def encode(self, videos):
        return [
            self.model.encode(u.to(self.dtype).unsqueeze(0), self.scale).float().squeeze(0)
            for u in videos
        ]


def generate(input_video, device, offload):
    vae = WanVAE(dtype=torch.float16, device=device)
    offload.register(vae.model)
    source_latents = vae.encode([input_video])[0].unsqueeze(0)
    return source_latents


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    offload = OffloadManager(execution_device=device)
    video = torch.rand(3, 5, 32, 32, device=device) * 2 - 1
    latents = generate(video, device, offload)
    print(latents.shape, latents.dtype)
