# source: https://github.com/haoosz/ConceptExpress/issues/5
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: helper, loader-loop, batch-dict
# bug-lines: 42, 43
# needs: torch, transformers, diffusers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from diffusers import AutoencoderKL, DDPMScheduler, UNet2DConditionModel
from torch.utils.data import DataLoader, Dataset
from transformers import CLIPTextModel, CLIPTokenizer

MODEL = "stabilityai/stable-diffusion-2-1-base"


class ConceptImageDataset(Dataset):
    def __init__(self, images, concept_tokens):
        self.images = images  # (N, 3, 512, 512) in [-1, 1]
        self.concept_tokens = concept_tokens

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        token = self.concept_tokens[idx % len(self.concept_tokens)]
        return {"pixel_values": self.images[idx], "prompt": f"a photo of {token}"}


def tokenize_prompt(tokenizer, prompt):
    return tokenizer(prompt, padding="max_length", truncation=True,
                     max_length=tokenizer.model_max_length, return_tensors="pt").input_ids


def training_step(batch, vae, unet, text_encoder, tokenizer, scheduler, device, weight_dtype):
    pixel_values = batch["pixel_values"].to(device, dtype=weight_dtype)
    latents = vae.encode(pixel_values).latent_dist.sample() * vae.config.scaling_factor
    noise = torch.randn_like(latents)
    timesteps = torch.randint(0, scheduler.config.num_train_timesteps,
                              (latents.shape[0],), device=latents.device)
    noisy_latents = scheduler.add_noise(latents, noise, timesteps)
    prompt_ids = tokenize_prompt(tokenizer, batch["prompt"])
    encoder_hidden_states = text_encoder(prompt_ids)[0].to(dtype=weight_dtype)
    model_pred = unet(noisy_latents, timesteps, encoder_hidden_states).sample
    return F.mse_loss(model_pred.float(), noise.float())


def main():
    device, weight_dtype = torch.device("cuda"), torch.float16
    tokenizer = CLIPTokenizer.from_pretrained(MODEL, subfolder="tokenizer")
    concept_tokens = ["<asset0>", "<asset1>"]
    tokenizer.add_tokens(concept_tokens)
    text_encoder = CLIPTextModel.from_pretrained(MODEL, subfolder="text_encoder")
    text_encoder.resize_token_embeddings(len(tokenizer))
    vae = AutoencoderKL.from_pretrained(MODEL, subfolder="vae").to(device, dtype=weight_dtype)
    unet = UNet2DConditionModel.from_pretrained(MODEL, subfolder="unet").to(device, dtype=weight_dtype)
    scheduler = DDPMScheduler.from_pretrained(MODEL, subfolder="scheduler")
    vae.requires_grad_(False)
    unet.requires_grad_(False)
    text_encoder.to(device)

    embeddings = text_encoder.get_input_embeddings()
    optimizer = torch.optim.AdamW(embeddings.parameters(), lr=5e-4)
    dataset = ConceptImageDataset(torch.rand(16, 3, 512, 512) * 2 - 1, concept_tokens)
    loader = DataLoader(dataset, batch_size=2, shuffle=True)
    for step, batch in enumerate(loader):
        loss = training_step(batch, vae, unet, text_encoder, tokenizer, scheduler,
                             device, weight_dtype)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        print(f"step {step}: loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
