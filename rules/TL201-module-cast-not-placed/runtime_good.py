# Runnable companion of good.py for the runtime check (docs/runtime.md): the fix on
# record, placing the model where it is cast. Runs clean under simulated CUDA.
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


class TinyVLM(nn.Module):
    def __init__(self):
        super().__init__()
        self.vpm = VisionTower()
        self.head = nn.Linear(8, 8)

    def get_vision_embedding(self, pixel_values):
        dtype = self.vpm.pos_embed.data.dtype
        return self.vpm.forward_features(pixel_values.type(dtype))

    def forward(self, pixel_values):
        return self.head(self.get_vision_embedding(pixel_values))


def train(batches, local_rank=0):
    device = torch.device("cuda", local_rank)
    model = TinyVLM()
    model = model.to(device=device, dtype=torch.float16)
    for batch in batches:
        pixel_values = batch["pixel_values"].to(device)
        loss = model(pixel_values).float().pow(2).mean()
        loss.backward()


if __name__ == "__main__":
    train([{"pixel_values": torch.randn(2, 3, 8, 8)}])
