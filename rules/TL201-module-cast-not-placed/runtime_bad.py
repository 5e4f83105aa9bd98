# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL201 --confirm rules/TL201-module-cast-not-placed/runtime_bad.py
# The MiniCPM-V shape with tiny stand-in modules: the model is cast to half and never
# placed, the batch is moved to the GPU. Under simulated CUDA the call fails with the
# error of the original report, in the vision tower's patch embedding.
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
    model = model.half()  # expect: TL201:13 lines=40,41
    for batch in batches:
        pixel_values = batch["pixel_values"].to(device)
        loss = model(pixel_values).float().pow(2).mean()
        loss.backward()


if __name__ == "__main__":
    train([{"pixel_values": torch.randn(2, 3, 8, 8)}])
