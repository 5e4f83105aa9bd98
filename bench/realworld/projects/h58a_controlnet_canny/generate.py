# source: https://github.com/modl-org/modl/issues/122
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-not-placed
# shape: multi-file, helper, class
# bug-lines: 37
# needs: torch, diffusers, transformers, pillow
# cpu: no written where torch was not installed; not run

import torch
from diffusers import AutoencoderKL, DDIMScheduler, UNet2DConditionModel
from PIL import Image
from transformers import CLIPTextModel, CLIPTokenizer

from control_adapter import PendingControl, edge_map, get_controlnet

BASE = "runwayml/stable-diffusion-v1-5"
device, dtype = "cuda", torch.float16

tokenizer = CLIPTokenizer.from_pretrained(BASE, subfolder="tokenizer")
text_encoder = CLIPTextModel.from_pretrained(BASE, subfolder="text_encoder", torch_dtype=dtype).to(device)
unet = UNet2DConditionModel.from_pretrained(BASE, subfolder="unet", torch_dtype=dtype).to(device)
vae = AutoencoderKL.from_pretrained(BASE, subfolder="vae", torch_dtype=dtype).to(device)
scheduler = DDIMScheduler.from_pretrained(BASE, subfolder="scheduler")


@torch.no_grad()
def encode_prompt(prompt):
    ids = tokenizer(prompt, padding="max_length", max_length=tokenizer.model_max_length,
                    truncation=True, return_tensors="pt").input_ids.to(device)
    return text_encoder(ids)[0]


@torch.no_grad()
def generate(prompt, control_image, steps=30, seed=44):
    text_embeds = encode_prompt(prompt)
    hint = edge_map(control_image, (512, 512)).to(device, dtype)
    control = PendingControl(get_controlnet("lllyasviel/sd-controlnet-canny", dtype), hint)
    generator = torch.Generator(device).manual_seed(seed)
    latents = torch.randn((1, 4, 64, 64), generator=generator, device=device, dtype=dtype)
    scheduler.set_timesteps(steps, device=device)
    for t in scheduler.timesteps:
        down, mid = control.residuals(latents, t, text_embeds)
        noise = unet(latents, t, encoder_hidden_states=text_embeds,
                     down_block_additional_residuals=down, mid_block_additional_residual=mid).sample
        latents = scheduler.step(noise, t, latents).prev_sample
    image = vae.decode(latents / vae.config.scaling_factor).sample
    return ((image / 2 + 0.5).clamp(0, 1)[0].permute(1, 2, 0).float().cpu().numpy() * 255).astype("uint8")


if __name__ == "__main__":
    out = generate("a watercolor painting of an apple", Image.open("apple.png"))
    Image.fromarray(out).save("apple_canny.png")
