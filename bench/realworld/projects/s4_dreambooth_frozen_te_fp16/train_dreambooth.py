# source: https://github.com/d8ahazard/sd_dreambooth_extension/pull/70
# error: RuntimeError: expected scalar type Half but found Float
# pattern: partial-dtype-cast
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 31, 49, 50
# cpu: raises "mat1 and mat2 must have the same dtype"
# needs: torch
import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from models import TextEncoder, UNet, VAEEncoder


def collate_fn(examples):
    pixel_values = torch.stack([e["instance_images"] for e in examples]).float()
    input_ids = torch.stack([e["instance_prompt_ids"] for e in examples])
    return {"input_ids": input_ids, "pixel_values": pixel_values}


def main(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    weight_dtype = torch.float16 if args.mixed_precision == "fp16" else torch.float32
    text_encoder, vae, unet = TextEncoder(), VAEEncoder(), UNet()

    vae.to(device, dtype=weight_dtype)
    if not args.train_text_encoder:
        # frozen text encoder: keep it in half precision to save memory
        text_encoder.to(device, dtype=weight_dtype)
    else:
        text_encoder.to(device)
    unet.to(device)  # trained weights stay fp32

    params = list(unet.parameters()) + (list(text_encoder.parameters()) if args.train_text_encoder else [])
    optimizer = torch.optim.AdamW(params, lr=5e-6)
    data = [{"instance_images": torch.rand(3, 32, 32),
             "instance_prompt_ids": torch.randint(0, 100, (8,))} for _ in range(4)]
    loader = DataLoader(data, batch_size=2, collate_fn=collate_fn)

    for batch in loader:
        with torch.no_grad():
            pixel_values = batch["pixel_values"].to(device, dtype=weight_dtype)
            latents = vae.encode(pixel_values).float()
        noise = torch.randn_like(latents)
        timesteps = torch.randint(0, 1000, (latents.shape[0],), device=device)
        noisy_latents = latents + noise
        encoder_hidden_states = text_encoder(batch["input_ids"].to(device))[0]
        model_pred = unet(noisy_latents, timesteps, encoder_hidden_states)
        loss = F.mse_loss(model_pred.float(), noise.float())
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--mixed_precision", default="fp16")
    p.add_argument("--train_text_encoder", action="store_true")
    main(p.parse_args([]))
