# source: https://github.com/ShivamShrirao/diffusers/issues/227
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: helper, loader-loop, batch-dict
# bug-lines: 29, 31
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from diffusers import AutoencoderKL, DDPMScheduler, UNet2DConditionModel
from torch.utils.data import DataLoader, Dataset


class InpaintDataset(Dataset):
    def __init__(self, n=64, size=512):
        self.n, self.size = n, size

    def __len__(self):
        return self.n

    def __getitem__(self, idx):
        image = torch.rand(3, self.size, self.size) * 2 - 1
        mask = (torch.rand(1, self.size, self.size) > 0.5).float()
        return {"pixel_values": image, "masks": mask, "masked_images": image * (mask < 0.5)}


def encode_batch(vae, batch, weight_dtype, device):
    pixel_values = batch["pixel_values"].to(device)
    masked_images = batch["masked_images"].to(device, dtype=weight_dtype)
    latents = vae.encode(pixel_values).latent_dist.sample() * vae.config.scaling_factor
    masked_latents = vae.encode(masked_images).latent_dist.sample() * vae.config.scaling_factor
    mask = F.interpolate(batch["masks"].to(device), size=latents.shape[-2:])
    return latents, masked_latents, mask


def main(model_id="runwayml/stable-diffusion-inpainting", mixed_precision="fp16"):
    device = torch.device("cuda")
    weight_dtype = torch.float16 if mixed_precision == "fp16" else torch.float32
    vae = AutoencoderKL.from_pretrained(model_id, subfolder="vae").to(device)
    unet = UNet2DConditionModel.from_pretrained(model_id, subfolder="unet").to(device)
    scheduler = DDPMScheduler.from_pretrained(model_id, subfolder="scheduler")
    vae.requires_grad_(False)
    optimizer = torch.optim.AdamW(unet.parameters(), lr=5e-6)
    loader = DataLoader(InpaintDataset(), batch_size=2, shuffle=True)
    text_embeds = torch.zeros(2, 77, 768, device=device)

    for batch in loader:
        with torch.no_grad():
            latents, masked_latents, mask = encode_batch(vae, batch, weight_dtype, device)
        noise = torch.randn_like(latents)
        t = torch.randint(0, scheduler.config.num_train_timesteps, (latents.shape[0],), device=device)
        noisy = scheduler.add_noise(latents, noise, t)
        model_in = torch.cat([noisy, mask, masked_latents], dim=1)
        pred = unet(model_in, t, text_embeds).sample
        loss = F.mse_loss(pred.float(), noise.float())
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()


if __name__ == "__main__":
    main()
