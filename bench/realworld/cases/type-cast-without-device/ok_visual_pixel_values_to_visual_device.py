# source: https://github.com/NVIDIA/TensorRT-LLM/pull/7250
# error: none (correct: pixel values moved to the vision model's device and dtype in one call)
# shape: class, batch-dict
# looks-like: type-cast-without-device
# cpu: clean
# needs: torch
from typing import Dict, List

import torch
import torch.nn as nn


class VisionTransformer(nn.Module):
    def __init__(self, dim=24):
        super().__init__()
        self.patch_embed = nn.Linear(12, dim)
        self.norm = nn.LayerNorm(dim)

    def forward(self, pixel_values, grid_thw):
        return self.norm(self.patch_embed(pixel_values))


class VisionEncoder(nn.Module):
    def __init__(self, device, dtype):
        super().__init__()
        self.visual = VisionTransformer().to(device=device, dtype=dtype).eval()

    @torch.inference_mode()
    def forward(self, multimodal_params: List[Dict[str, torch.Tensor]]):
        pixel_values = torch.cat([p["pixel_values"] for p in multimodal_params])
        grid_thw = torch.cat([p["image_grid_thw"] for p in multimodal_params])
        ref = next(self.visual.parameters())
        pixel_values = pixel_values.to(device=ref.device, dtype=ref.dtype)
        return self.visual(pixel_values, grid_thw=grid_thw)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
    encoder = VisionEncoder(device, dtype)
    params = [{"pixel_values": torch.rand(16, 12), "image_grid_thw": torch.tensor([[1, 4, 4]])}
              for _ in range(2)]
    print(encoder(params).shape)
