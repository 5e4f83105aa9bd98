import torch
from diffusers import AutoencoderKL, UNet2DConditionModel
from transformers import CLIPTextModel, CLIPTokenizer


def load_parts(repo):
    # The parts kept in a dict, the two text encoders in a tuple under one key.
    return {
        "tokenizer": CLIPTokenizer.from_pretrained(repo, subfolder="tokenizer"),
        "text_encoders": (
            CLIPTextModel.from_pretrained(repo, subfolder="text_encoder"),
            CLIPTextModel.from_pretrained(repo, subfolder="text_encoder_2"),
        ),
        "vae": AutoencoderKL.from_pretrained(repo, subfolder="vae"),
        "unet": UNet2DConditionModel.from_pretrained(repo, subfolder="unet"),
    }


def place(parts, device):
    # Moved in place through the dict (and each encoder through the loop): the
    # dict holds the moved parts.
    parts["unet"].to(device)
    parts["vae"].to(device)
    for encoder in parts["text_encoders"]:
        encoder.to(device)
    return parts


@torch.no_grad()
def step(repo, prompt, pixels):
    device = torch.device("cuda")
    parts = place(load_parts(repo), device)
    ids = parts["tokenizer"](prompt, return_tensors="pt").input_ids.to(device)
    states = [encoder(ids)[0] for encoder in parts["text_encoders"]]
    latents = parts["vae"].encode(pixels.to(device)).latent_dist.sample()
    t = torch.tensor([10], device=device)
    return parts["unet"](latents, t, encoder_hidden_states=torch.cat(states, -1)).sample
