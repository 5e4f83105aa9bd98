# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL101 --confirm rules/TL101-type-cast-without-device/runtime_bad.py
# The MiniCPM-V crash with tiny stand-in modules: the vision tower is cast to half but
# left on the CPU, the images arrive on the GPU, and `.type(dtype)` changes their dtype
# but not their device. Under simulated CUDA the patch embedding fails with the error
# of the original report.
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
        dtype = self.vpm.pos_embed.data.dtype
        for pixel_value in pixel_values:
            vision_embedding = self.vpm.forward_features(pixel_value.unsqueeze(0).type(dtype))  # expect: TL101:83 lines=30
            res.append(self.resampler(vision_embedding.float()))
        return torch.vstack(res)


if __name__ == "__main__":
    device = torch.device("cuda")
    model = OmniLMM()
    model.resampler.to(device)
    model.vpm.half()  # cast for memory, never placed
    images = [torch.randn(3, 8, 8).to(device) for _ in range(2)]
    print(model.get_vision_embedding(images).shape)
