# source: https://github.com/tencent-ailab/IP-Adapter/issues/448
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class
# bug-lines: 46, 47, 51
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class PatchImageEncoder(nn.Module):
    def __init__(self, patch=16, width=256, embed_dim=512):
        super().__init__()
        self.patchify = nn.Conv2d(3, width, kernel_size=patch, stride=patch)
        self.norm = nn.LayerNorm(width)
        self.proj = nn.Linear(width, embed_dim)

    def forward(self, pixels):
        tokens = self.patchify(pixels).flatten(2).transpose(1, 2)
        return self.proj(self.norm(tokens).mean(dim=1))


class ImageProjModel(nn.Module):
    """Maps one image embedding to a few extra context tokens for the UNet."""

    def __init__(self, embed_dim=512, cross_dim=768, num_tokens=4):
        super().__init__()
        self.num_tokens = num_tokens
        self.cross_dim = cross_dim
        self.proj = nn.Linear(embed_dim, num_tokens * cross_dim)
        self.norm = nn.LayerNorm(cross_dim)

    def forward(self, image_embeds):
        tokens = self.proj(image_embeds).reshape(-1, self.num_tokens, self.cross_dim)
        return self.norm(tokens)


class ImagePromptAdapter:
    def __init__(self, encoder_ckpt, proj_ckpt, device):
        self.device = device
        encoder = PatchImageEncoder()
        encoder.load_state_dict(torch.load(encoder_ckpt, map_location="cpu"))
        proj = ImageProjModel()
        proj.load_state_dict(torch.load(proj_ckpt, map_location="cpu"))
        self.image_encoder = encoder.to(self.device, dtype=torch.float16)
        self.image_proj_model = proj.to(self.device, dtype=torch.float16)

    @torch.inference_mode()
    def get_image_embeds(self, pixels):
        pixels = pixels.to(self.device, dtype=torch.float16)
        image_embeds = self.image_encoder(pixels)
        prompt_tokens = self.image_proj_model(image_embeds)
        uncond_tokens = self.image_proj_model(torch.zeros_like(image_embeds))
        return prompt_tokens, uncond_tokens


if __name__ == "__main__":
    # demo notebook cell: no NVIDIA GPU on this laptop, so it falls back to the CPU
    device = "cuda" if torch.cuda.is_available() else "cpu"
    adapter = ImagePromptAdapter("models/image_encoder.bin", "models/ip_proj.bin", device)
    reference = torch.rand(1, 3, 224, 224)
    cond, uncond = adapter.get_image_embeds(reference)
    print(cond.shape, uncond.shape)
