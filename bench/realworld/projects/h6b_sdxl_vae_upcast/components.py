# source: https://github.com/huggingface/diffusers/issues/4619 https://github.com/huggingface/diffusers/pull/6231
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: partial-dtype-cast
# shape: multi-file, helper
# bug-lines: 47
# needs: torch, diffusers, transformers
# cpu: no written where torch was not installed; not run
"""Loads the SDXL pieces and places them for mixed-precision fine-tuning."""
import torch
from diffusers import AutoencoderKL, DDPMScheduler, UNet2DConditionModel
from transformers import AutoTokenizer, CLIPTextModel, CLIPTextModelWithProjection


def resolve_weight_dtype(mixed_precision):
    if mixed_precision == "fp16":
        return torch.float16
    if mixed_precision == "bf16":
        return torch.bfloat16
    return torch.float32


def load_components(model_id, vae_id=None):
    tok_one = AutoTokenizer.from_pretrained(model_id, subfolder="tokenizer", use_fast=False)
    tok_two = AutoTokenizer.from_pretrained(model_id, subfolder="tokenizer_2", use_fast=False)
    te_one = CLIPTextModel.from_pretrained(model_id, subfolder="text_encoder")
    te_two = CLIPTextModelWithProjection.from_pretrained(model_id, subfolder="text_encoder_2")
    vae = AutoencoderKL.from_pretrained(vae_id or model_id,
                                        subfolder=None if vae_id else "vae")
    unet = UNet2DConditionModel.from_pretrained(model_id, subfolder="unet")
    scheduler = DDPMScheduler.from_pretrained(model_id, subfolder="scheduler")
    return {"tokenizers": (tok_one, tok_two), "text_encoders": (te_one, te_two),
            "vae": vae, "unet": unet, "scheduler": scheduler}


def place_for_training(parts, device, weight_dtype, custom_vae):
    """Frozen modules go to the GPU in weight_dtype; the unet stays fp32 (it is trained)."""
    parts["unet"].to(device)
    parts["unet"].enable_gradient_checkpointing()
    for encoder in parts["text_encoders"]:
        encoder.requires_grad_(False)
        encoder.to(device, dtype=weight_dtype)
    parts["vae"].requires_grad_(False)
    if custom_vae:
        parts["vae"].to(device, dtype=weight_dtype)
    else:
        # the stock SDXL VAE overflows in fp16, keep it in full precision
        parts["vae"].to(device, dtype=torch.float32)
    return parts
