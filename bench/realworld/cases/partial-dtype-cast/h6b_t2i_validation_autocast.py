# source: https://github.com/huggingface/diffusers/issues/1988
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: partial-dtype-cast
# looks-like: partial-dtype-cast
# shape: helper, class
# needs: torch, diffusers, transformers
# cpu: no written where torch was not installed; not run
"""Validation-image hook for a text-to-image fine-tune: trained unet fp32, frozen parts fp16."""
import os

import torch
from diffusers import AutoencoderKL, StableDiffusionPipeline, UNet2DConditionModel
from transformers import CLIPTextModel, CLIPTokenizer


class T2IFinetuneState:
    def __init__(self, model_id, device="cuda", mixed_precision="fp16"):
        self.model_id = model_id
        self.device = device
        self.weight_dtype = torch.float16 if mixed_precision == "fp16" else torch.float32
        self.tokenizer = CLIPTokenizer.from_pretrained(model_id, subfolder="tokenizer")
        self.text_encoder = CLIPTextModel.from_pretrained(model_id, subfolder="text_encoder")
        self.vae = AutoencoderKL.from_pretrained(model_id, subfolder="vae")
        self.unet = UNet2DConditionModel.from_pretrained(model_id, subfolder="unet")
        # frozen modules only need inference precision; the unet keeps fp32 master weights
        self.text_encoder.requires_grad_(False).to(device, dtype=self.weight_dtype)
        self.vae.requires_grad_(False).to(device, dtype=self.weight_dtype)
        self.unet.to(device)


def log_validation(state, prompts, step, out_dir="samples", seed=1234):
    pipeline = StableDiffusionPipeline.from_pretrained(
        state.model_id,
        text_encoder=state.text_encoder,
        vae=state.vae,
        unet=state.unet,
        tokenizer=state.tokenizer,
        safety_checker=None,
    )
    pipeline.set_progress_bar_config(disable=True)
    generator = torch.Generator(device=state.device).manual_seed(seed)
    os.makedirs(out_dir, exist_ok=True)
    state.unet.eval()
    # autocast runs every conv/linear in fp16 whatever dtype its weights were left in
    with torch.autocast("cuda", dtype=torch.float16):
        for i, prompt in enumerate(prompts):
            image = pipeline(prompt, num_inference_steps=30, generator=generator).images[0]
            image.save(os.path.join(out_dir, f"step{step:06d}_{i}.png"))
    state.unet.train()
    del pipeline
    torch.cuda.empty_cache()


if __name__ == "__main__":
    st = T2IFinetuneState("runwayml/stable-diffusion-v1-5")
    log_validation(st, ["a pokemon with blue eyes", "a green dragon, watercolor"], step=0)
