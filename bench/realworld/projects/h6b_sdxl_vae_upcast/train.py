# source: https://github.com/huggingface/diffusers/issues/4619 https://github.com/huggingface/diffusers/pull/6231
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: partial-dtype-cast
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 51
# needs: torch, diffusers, transformers
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from components import load_components, place_for_training, resolve_weight_dtype
from data import CaptionedImages, collate


def encode_prompts(parts, prompts, device):
    embeds, pooled = [], None
    for tok, enc in zip(parts["tokenizers"], parts["text_encoders"]):
        ids = tok(prompts, padding="max_length", max_length=tok.model_max_length,
                  truncation=True, return_tensors="pt").input_ids.to(device)
        out = enc(ids, output_hidden_states=True)
        pooled = out[0]
        embeds.append(out.hidden_states[-2])
    return torch.cat(embeds, dim=-1), pooled


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="stabilityai/stable-diffusion-xl-base-1.0")
    p.add_argument("--vae", default=None)
    p.add_argument("--data", required=True)
    p.add_argument("--mixed_precision", default="fp16")
    p.add_argument("--resolution", type=int, default=1024)
    p.add_argument("--batch_size", type=int, default=1)
    p.add_argument("--lr", type=float, default=1e-5)
    args = p.parse_args()

    device = torch.device("cuda")
    weight_dtype = resolve_weight_dtype(args.mixed_precision)
    parts = place_for_training(load_components(args.model, args.vae), device,
                               weight_dtype, custom_vae=args.vae is not None)
    unet, vae, scheduler = parts["unet"], parts["vae"], parts["scheduler"]
    optimizer = torch.optim.AdamW(unet.parameters(), lr=args.lr)
    loader = DataLoader(CaptionedImages(args.data, args.resolution), shuffle=True,
                        batch_size=args.batch_size, collate_fn=collate)

    for step, batch in enumerate(loader):
        with torch.no_grad():
            pixel_values = batch["pixel_values"].to(device, dtype=weight_dtype)
            latents = vae.encode(pixel_values).latent_dist.sample()
            latents = (latents * vae.config.scaling_factor).to(weight_dtype)
            prompt_embeds, pooled = encode_prompts(parts, batch["prompts"], device)
        noise = torch.randn_like(latents)
        t = torch.randint(0, scheduler.config.num_train_timesteps, (latents.shape[0],), device=device)
        noisy = scheduler.add_noise(latents, noise, t)
        time_ids = torch.tensor([list(o) + list(c) + [args.resolution] * 2 for o, c in
                                 zip(batch["original_sizes"], batch["crop_top_lefts"])],
                                device=device, dtype=weight_dtype)
        with torch.autocast("cuda", dtype=weight_dtype):
            pred = unet(noisy, t, prompt_embeds,
                        added_cond_kwargs={"text_embeds": pooled, "time_ids": time_ids}).sample
        loss = F.mse_loss(pred.float(), noise.float())
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        if step % 50 == 0:
            print(f"step {step} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
