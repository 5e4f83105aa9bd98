"""A LoRA fine-tune of a vision-language model, trimmed to the lines that matter."""

import torch
from torch import nn


class VisionLanguageModel(nn.Module):
    def __init__(self, vpm: nn.Module, llm: nn.Module) -> None:
        super().__init__()
        self.vpm = vpm
        self.llm = llm

    def get_vision_embedding(self, pixel_values):
        dtype = self.vpm.pos_embed.data.dtype
        res = []
        for pixel_value in pixel_values:
            # The cast fixes the dtype, not the device: crashes when the vision
            # tower was cast with .half() but never moved to the GPU.
            res.append(self.vpm.forward_features(pixel_value.unsqueeze(0).type(dtype)))
        return torch.cat(res)

    def mask_for(self, x):
        return (x > 0).type(torch.cuda.FloatTensor)
