# source: https://github.com/IrisRainbowNeko/DreamArtist-sd-webui-extension/issues/1
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: loader-loop, batch-dict, helper
# bug-lines: 41, 61
# needs: torch, torchvision, diffusers, pillow
# cpu: no written where torch was not installed; not run
"""Textual-inversion style embedding training with a reconstruction term through the VAE decoder."""
import glob

import torch
import torch.nn.functional as F
import torchvision.transforms as T
from diffusers import StableDiffusionPipeline
from PIL import Image

device = torch.device("cuda")
pipe = StableDiffusionPipeline.from_pretrained("runwayml/stable-diffusion-v1-5")
pipe.tokenizer.add_tokens("<my-style>")
pipe.text_encoder.resize_token_embeddings(len(pipe.tokenizer))
pipe = pipe.to(device)
vae, unet, scheduler = pipe.vae, pipe.unet, pipe.scheduler
tf = T.Compose([T.Resize(512), T.CenterCrop(512), T.ToTensor(), T.Normalize([0.5], [0.5])])


@torch.no_grad()
def cache_latents(paths):
    items = []
    for p in paths:
        pixels = tf(Image.open(p).convert("RGB")).unsqueeze(0).to(device)
        items.append({"latent": vae.encode(pixels).latent_dist.mean * 0.18215, "pixels": pixels})
    return items


def predict_x0(noisy, eps, t):
    alpha = scheduler.alphas_cumprod.to(device)[t].view(-1, 1, 1, 1)
    return (noisy - (1 - alpha).sqrt() * eps) / alpha.sqrt()


dataset = cache_latents(sorted(glob.glob("train_images/*.png")))
vae.to("cpu")  # "unload models when training" to free VRAM, latents are cached already
torch.cuda.empty_cache()

unet.requires_grad_(False)
pipe.text_encoder.requires_grad_(False)
embeddings = pipe.text_encoder.get_input_embeddings()
embeddings.weight.requires_grad_(True)
optimizer = torch.optim.AdamW([embeddings.weight], lr=3e-3)
token_ids = pipe.tokenizer("a painting in <my-style> style", padding="max_length",
                           max_length=77, return_tensors="pt").input_ids.to(device)

for step in range(1000):
    entry = dataset[step % len(dataset)]
    latents = entry["latent"]
    noise = torch.randn_like(latents)
    t = torch.randint(0, scheduler.config.num_train_timesteps, (1,), device=device)
    noisy = scheduler.add_noise(latents, noise, t)
    cond = pipe.text_encoder(token_ids)[0]
    eps = unet(noisy, t, cond).sample
    loss = F.mse_loss(eps, noise)
    recon = vae.decode(predict_x0(noisy, eps, t) / 0.18215).sample
    loss = loss + 0.1 * F.l1_loss(recon, entry["pixels"])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if step % 100 == 0:
        print(step, loss.item())
