# source: https://github.com/huggingface/diffusers/pull/8391
# error: RuntimeError: Input type (c10::BFloat16) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, helper
# bug-lines: 49
# cpu: clean
# needs: torch
from types import SimpleNamespace

import torch
import torch.nn as nn


class AutoencoderKL(nn.Module):
    def __init__(self):
        super().__init__()
        self.config = SimpleNamespace(scaling_factor=0.13025)
        self.post_quant_conv = nn.Conv2d(4, 4, 1)
        self.decoder = nn.Sequential(nn.ConvTranspose2d(4, 8, 2, stride=2), nn.SiLU(),
                                     nn.Conv2d(8, 3, 3, padding=1))

    @classmethod
    def from_pretrained(cls, path, subfolder=None, torch_dtype=None):
        model = cls()
        return model.to(torch_dtype) if torch_dtype is not None else model

    def decode(self, z, return_dict=False):
        return (self.decoder(self.post_quant_conv(z)),)


class Transformer2DModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Conv2d(4, 4, 3, padding=1)
        self.cond = nn.Linear(8, 4)

    @classmethod
    def from_pretrained(cls, path, subfolder=None, torch_dtype=None):
        return cls().to(torch_dtype or torch.float32)

    def forward(self, latents, timestep, encoder_hidden_states):
        return self.proj(latents) + self.cond(encoder_hidden_states).mean(1)[:, :, None, None]


def load_components(args):
    weight_dtype = torch.bfloat16 if args.mixed_precision == "bf16" else torch.float32
    transformer = Transformer2DModel.from_pretrained(args.model_path, subfolder="transformer",
                                                     torch_dtype=weight_dtype)
    vae = AutoencoderKL.from_pretrained(args.vae_path)
    text_encoder = nn.Embedding(100, 8).to(weight_dtype)
    return {"transformer": transformer, "vae": vae, "text_encoder": text_encoder}
