# Runnable companion of good.py for the runtime check (docs/runtime.md): the cast takes
# the device and the dtype from the weights it must match (`.to(device=..., dtype=...)`),
# and the vision tower is placed where it is cast. Runs clean under simulated CUDA.
import torch
from torch import nn


class VisionTower(nn.Module):
    def __init__(self):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, 8, kernel_size=4, stride=4)
        self.pos_embed = nn.Parameter(torch.zeros(1, 4, 8))

    def forward_features(self, pixel_values):
        x = self.patch_embed(pixel_values).flatten(2).transpose(1, 2)
        return x + self.pos_embed


class OmniLMM(nn.Module):
    def __init__(self):
        super().__init__()
        self.vpm = VisionTower()
        self.resampler = nn.Linear(8, 8)

    def get_vision_embedding(self, pixel_values):
        res = []
        pos_embed = self.vpm.pos_embed
        for pixel_value in pixel_values:
            x = pixel_value.unsqueeze(0).to(device=pos_embed.device, dtype=pos_embed.dtype)
            vision_embedding = self.vpm.forward_features(x)
            res.append(self.resampler(vision_embedding.float()))
        return torch.vstack(res)


if __name__ == "__main__":
    device = torch.device("cuda")
    model = OmniLMM()
    model.resampler.to(device)
    model.vpm.to(device=device, dtype=torch.float16)
    images = [torch.randn(3, 8, 8).to(device) for _ in range(2)]
    print(model.get_vision_embedding(images).shape)
