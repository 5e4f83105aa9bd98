# source: https://github.com/rohitgandikota/sliders/issues/20
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, loader-loop
# bug-lines: 25, 32
# needs: torch, diffusers, transformers
# cpu: no written where torch was not installed; not run
import torch
from diffusers import EulerAncestralDiscreteScheduler, UNet2DConditionModel
from transformers import CLIPTextModel, CLIPTokenizer

BASE = "CompVis/stable-diffusion-v1-4"
DEVICE = torch.device("cuda")


def encode_prompts(tokenizer, text_encoder, prompts):
    ids = tokenizer(prompts, padding="max_length", max_length=tokenizer.model_max_length,
                    truncation=True, return_tensors="pt").input_ids
    with torch.no_grad():
        return text_encoder(ids.to(DEVICE))[0]


def get_random_noise(n_imgs, height, width, generator=None):
    # latent space is 8x smaller than pixel space
    return torch.randn((n_imgs, 4, height // 8, width // 8), generator=generator)


def get_initial_latents(scheduler, n_imgs, height, width, n_prompts, generator=None):
    noise = get_random_noise(n_imgs, height, width, generator=generator).repeat(n_prompts, 1, 1, 1)
    # for euler_a the sigma lives on the device passed to set_timesteps
    sigma = scheduler.init_noise_sigma
    return noise * sigma


def train(prompt_pairs, steps=500, height=512, width=512, total_timesteps=50):
    tokenizer = CLIPTokenizer.from_pretrained(BASE, subfolder="tokenizer")
    text_encoder = CLIPTextModel.from_pretrained(BASE, subfolder="text_encoder").to(DEVICE)
    unet = UNet2DConditionModel.from_pretrained(BASE, subfolder="unet").to(DEVICE)
    scheduler = EulerAncestralDiscreteScheduler.from_pretrained(BASE, subfolder="scheduler")
    unet.requires_grad_(False)
    scheduler.set_timesteps(total_timesteps, device=DEVICE)

    for step in range(steps):
        positive, negative = prompt_pairs[step % len(prompt_pairs)]
        cond = encode_prompts(tokenizer, text_encoder, [positive, negative])
        latents = get_initial_latents(scheduler, 1, height, width, 2)
        t = scheduler.timesteps[torch.randint(0, total_timesteps, (1,)).item()]
        with torch.no_grad():
            model_in = scheduler.scale_model_input(latents, t)
            pred = unet(model_in, t, encoder_hidden_states=cond).sample
        print(step, pred.float().std().item())


if __name__ == "__main__":
    train([("a photo of a smiling person", "a photo of a frowning person")], steps=4)
