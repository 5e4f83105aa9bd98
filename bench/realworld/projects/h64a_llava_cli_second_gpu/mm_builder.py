# source: https://github.com/haotian-liu/LLaVA/issues/1516
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1! (when checking argument for argument weight in method wrapper_CUDA__cudnn_convolution)
# pattern: current-gpu-mismatch
# shape: multi-file, helper
# bug-lines: 47
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Loads a LLaVA-style checkpoint: language model + CLIP vision tower + projector."""
import torch
import torch.nn as nn
from transformers import (
    AutoTokenizer,
    BitsAndBytesConfig,
    CLIPImageProcessor,
    CLIPVisionModel,
    LlamaForCausalLM,
)


class VisionTower(nn.Module):
    def __init__(self, name, select_layer=-2):
        super().__init__()
        self.name = name
        self.select_layer = select_layer
        self.image_processor = CLIPImageProcessor.from_pretrained(name)
        self.model = CLIPVisionModel.from_pretrained(name)
        self.model.requires_grad_(False)

    @torch.no_grad()
    def forward(self, images):
        out = self.model(images, output_hidden_states=True)
        return out.hidden_states[self.select_layer][:, 1:]


def load_pretrained_model(model_path, vision_name, load_4bit=False, device="cuda"):
    kwargs = {"device_map": {"": device}, "torch_dtype": torch.float16}
    if load_4bit:
        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True,
            bnb_4bit_compute_dtype=torch.float16,
            bnb_4bit_quant_type="nf4",
        )
    tokenizer = AutoTokenizer.from_pretrained(model_path, use_fast=False)
    model = LlamaForCausalLM.from_pretrained(model_path, low_cpu_mem_usage=True, **kwargs)

    vision_tower = VisionTower(vision_name)
    vision_tower = vision_tower.cuda().half()
    hidden = vision_tower.model.config.hidden_size
    projector = nn.Sequential(
        nn.Linear(hidden, model.config.hidden_size),
        nn.GELU(),
        nn.Linear(model.config.hidden_size, model.config.hidden_size),
    ).to(device=model.device, dtype=torch.float16)
    return tokenizer, model, vision_tower, projector
