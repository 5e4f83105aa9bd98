# source: https://github.com/huggingface/diffusers/issues/4860
# error: RuntimeError: mat1 and mat2 must have the same dtype
# pattern: partial-dtype-cast
# shape: helper, batch-dict
# bug-lines: 26
# needs: torch, diffusers, transformers
# cpu: no written where torch was not installed; not run
import torch
from diffusers import AutoencoderKL, ControlNetModel, DDIMScheduler, UNet2DConditionModel
from transformers import CLIPTextModel, CLIPTokenizer

BASE = "runwayml/stable-diffusion-v1-5"
CONTROLNET = "lllyasviel/sd-controlnet-canny"
device = torch.device("cuda")
dtype = torch.float16


def load_components(base=BASE, controlnet_path=CONTROLNET):
    parts = {
        "tokenizer": CLIPTokenizer.from_pretrained(base, subfolder="tokenizer"),
        "text_encoder": CLIPTextModel.from_pretrained(base, subfolder="text_encoder").to(device, dtype),
        "unet": UNet2DConditionModel.from_pretrained(base, subfolder="unet").to(device, dtype),
        "vae": AutoencoderKL.from_pretrained(base, subfolder="vae").to(device, dtype),
        "scheduler": DDIMScheduler.from_pretrained(base, subfolder="scheduler"),
    }
    parts["controlnet"] = ControlNetModel.from_pretrained(controlnet_path).to(device)
    return parts


@torch.no_grad()
def generate(parts, prompt, canny_image, steps=30, guidance=7.5):
    tok = parts["tokenizer"]
    ids = tok([prompt, ""], padding="max_length", max_length=tok.model_max_length, return_tensors="pt").input_ids
    cond, uncond = parts["text_encoder"](ids.to(device))[0].chunk(2)
    embeds = torch.cat([uncond, cond])
    control = torch.cat([canny_image] * 2).to(device, dtype)
    latents = torch.randn(1, 4, 64, 64, device=device, dtype=dtype)
    scheduler = parts["scheduler"]
    scheduler.set_timesteps(steps)
    for t in scheduler.timesteps:
        model_in = scheduler.scale_model_input(torch.cat([latents] * 2), t)
        down_res, mid_res = parts["controlnet"](model_in, t, encoder_hidden_states=embeds,
                                                controlnet_cond=control, return_dict=False)
        noise = parts["unet"](model_in, t, encoder_hidden_states=embeds,
                              down_block_additional_residuals=down_res,
                              mid_block_additional_residual=mid_res).sample
        noise_uncond, noise_text = noise.chunk(2)
        noise = noise_uncond + guidance * (noise_text - noise_uncond)
        latents = scheduler.step(noise, t, latents).prev_sample
    image = parts["vae"].decode(latents / parts["vae"].config.scaling_factor).sample
    return (image / 2 + 0.5).clamp(0, 1)


if __name__ == "__main__":
    components = load_components()
    edges = torch.zeros(1, 3, 512, 512)
    edges[:, :, 200:300, 100:400] = 1.0
    print(generate(components, "a modern house at dusk", edges).shape)
