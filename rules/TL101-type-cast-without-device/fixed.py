# The crash that started torchlint: a MiniCPM-V-style vision-language model whose
# vision tower was cast with .half() in the fine-tuning script but never moved to the
# GPU. The batch arrives on cuda:0; `.type(dtype)` makes it half but leaves it there:
# "Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be
# the same".
import torch
import torch as th
from torch import nn


class OmniLMM(nn.Module):
    def __init__(self, vpm: nn.Module, llm: nn.Module, resampler: nn.Module) -> None:
        super().__init__()
        self.vpm = vpm
        self.llm = llm
        self.resampler = resampler

    def get_vision_embedding(self, pixel_values):
        res = []
        dtype = self.vpm.pos_embed.data.dtype
        for pixel_value in pixel_values:
            vision_embedding = self.vpm.forward_features(pixel_value.unsqueeze(0).type(dtype))  # expect: TL101:83 lines=20
            res.append(self.resampler(vision_embedding))
        return torch.vstack(res)

    def embed_images(self, images, device):
        # A `device` parameter is in scope: the fix uses it.
        return self.vpm(images.type(th.float16))  # expect: TL101:32


class LlavaProjector(nn.Module):
    def __init__(self, vision_tower: nn.Module, hidden: int) -> None:
        super().__init__()
        self.vision_tower = vision_tower
        self.mm_projector = nn.Linear(1024, hidden)

    def encode_images(self, images):
        # `.dtype` of a parameter: the fix can take the device from the same tensor.
        features = self.vision_tower(images.type(self.mm_projector.weight.dtype))  # expect: TL101:45
        return self.mm_projector(features)

    def encode_videos(self, frames, dtype):
        # A dtype parameter known only by its name: the fix is unsafe (it could be a
        # legacy type string, which `.to()` does not accept).
        return self.vision_tower(frames.type(dtype))  # expect: TL101:41


def extract_features(model, pixel_values, dtype=torch.bfloat16):
    vpm = model.vpm
    return vpm.forward_features(pixel_values.type(dtype))  # expect: TL101:46


class SiglipEmbedder(nn.Module):
    def __init__(self, encoder: nn.Module) -> None:
        super().__init__()
        self.encoder = encoder

    def forward(self, pixel_values):
        # No device anywhere in sight: the fix keeps behaviour (`.to(dtype)`) for a
        # tensor, but `pixel_values` could be anything with a `.type()`: unsafe.
        return self.encoder(pixel_values.type(torch.float16))  # expect: TL101:42

    def embed_mean(self, pixel_values):
        # `.detach()` only exists on tensors: `.to(dtype)` does the same, safe.
        return self.encoder(pixel_values.detach().to(torch.float16))  # expect: TL101:51
