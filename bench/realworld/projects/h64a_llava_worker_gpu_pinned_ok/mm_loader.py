# source: https://github.com/haotian-liu/LLaVA/pull/483
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1!
# pattern: current-gpu-mismatch
# shape: multi-file, helper
# looks-like: current-gpu-mismatch
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Loader for a LLaVA-style checkpoint; every part follows the language model's device."""
import torch
import torch.nn as nn
from transformers import AutoTokenizer, CLIPImageProcessor, CLIPVisionModel, LlamaForCausalLM


class VisionTower(nn.Module):
    def __init__(self, name, select_layer=-2):
        super().__init__()
        self.image_processor = CLIPImageProcessor.from_pretrained(name)
        self.model = CLIPVisionModel.from_pretrained(name)
        self.model.requires_grad_(False)
        self.select_layer = select_layer

    @property
    def device(self):
        return next(self.model.parameters()).device

    @torch.no_grad()
    def forward(self, images):
        out = self.model(images.to(self.device, dtype=self.model.dtype), output_hidden_states=True)
        return out.hidden_states[self.select_layer][:, 1:]


def load_pretrained_model(model_path, vision_name, device):
    tokenizer = AutoTokenizer.from_pretrained(model_path, use_fast=False)
    model = LlamaForCausalLM.from_pretrained(
        model_path, torch_dtype=torch.float16, low_cpu_mem_usage=True, device_map={"": device}
    )
    vision_tower = VisionTower(vision_name)
    vision_tower.to(device=model.device, dtype=torch.float16)
    hidden = model.config.hidden_size
    projector = nn.Sequential(
        nn.Linear(vision_tower.model.config.hidden_size, hidden), nn.GELU(), nn.Linear(hidden, hidden)
    ).to(device=model.device, dtype=torch.float16)
    return tokenizer, model, vision_tower, projector
