# source: https://github.com/NVIDIA/TensorRT-LLM/pull/7250
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: type-cast-without-device
# shape: class, batch-dict
# bug-lines: 42
# cpu: clean
# needs: torch
from typing import Dict, List

import torch
import torch.nn as nn


class VisionTransformer(nn.Module):
    def __init__(self, patch=2, dim=24):
        super().__init__()
        self.patch_embed = nn.Linear(3 * patch * patch, dim)
        self.blocks = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, dim), nn.GELU())

    @property
    def dtype(self):
        return self.patch_embed.weight.dtype

    def forward(self, pixel_values, grid_thw):
        return self.blocks(self.patch_embed(pixel_values))


class Qwen2VisionModelBase(nn.Module):
    def __init__(self, device, dtype):
        super().__init__()
        self.device = device
        self.visual = VisionTransformer().to(device=device, dtype=dtype).eval()

    @torch.inference_mode()
    def forward(self, multimodal_params: List[Dict[str, torch.Tensor]]):
        pixel_values = [p["pixel_values"] for p in multimodal_params if "pixel_values" in p]
        image_grid_thw = [p["image_grid_thw"] for p in multimodal_params if "image_grid_thw" in p]
        embeds = []
        if pixel_values:
            pixel_values = torch.cat(pixel_values, dim=0)
            image_grid_thw = torch.cat(image_grid_thw, dim=0)
            pixel_values = pixel_values.to(self.visual.dtype)
            embeds.append(self.visual(pixel_values, grid_thw=image_grid_thw))
        return embeds


def processor_outputs(n_images):
    # the HF processor returns CPU tensors
    return [{"pixel_values": torch.rand(16, 12), "image_grid_thw": torch.tensor([[1, 4, 4]])}
            for _ in range(n_images)]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
    encoder = Qwen2VisionModelBase(device, dtype)
    out = encoder(processor_outputs(2))
    print([e.shape for e in out])
