# source: https://github.com/huggingface/diffusers/pull/8391
# error: RuntimeError: Input type (c10::BFloat16) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, class, loader-loop
# bug-lines: 37
# cpu: raises "Input type (c10::BFloat16) and bias type (float)"
# needs: torch
import argparse

import torch

from components import load_components


class PixArtSigmaPipeline:
    def __init__(self, transformer, vae, text_encoder):
        self.transformer, self.vae, self.text_encoder = transformer, vae, text_encoder

    def to(self, device):
        for m in (self.transformer, self.vae, self.text_encoder):
            m.to(device)
        self.device = torch.device(device)
        return self

    def encode_prompt(self, prompts):
        ids = torch.tensor([[hash(w) % 100 for w in p.split()[:6]] + [0] * (6 - len(p.split()[:6]))
                            for p in prompts], device=self.device)
        return self.text_encoder(ids)

    @torch.no_grad()
    def __call__(self, prompts, num_inference_steps=3):
        prompt_embeds = self.encode_prompt(prompts)
        latents = torch.randn(len(prompts), 4, 8, 8, device=self.device, dtype=prompt_embeds.dtype)
        for t in range(num_inference_steps):
            noise_pred = self.transformer(latents, t, encoder_hidden_states=prompt_embeds)
            latents = latents - 0.1 * noise_pred
        image = self.vae.decode(latents / self.vae.config.scaling_factor, return_dict=False)[0]
        return (image / 2 + 0.5).clamp(0, 1).float().cpu()


def generate_images(pipeline, prompts, batch_size=2):
    images = []
    for i in range(0, len(prompts), batch_size):
        images.append(pipeline(prompts[i:i + batch_size]))
    return torch.cat(images)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_path", default="PixArt-alpha/PixArt-Sigma-XL-2-1024-MS")
    parser.add_argument("--vae_path", default="stabilityai/sdxl-vae")
    parser.add_argument("--mixed_precision", default="bf16")
    args = parser.parse_args()
    pipe = PixArtSigmaPipeline(**load_components(args))
    pipe = pipe.to("cuda" if torch.cuda.is_available() else "cpu")
    print(generate_images(pipe, ["a red fox in snow", "a lighthouse at dusk", "an old bicycle"]).shape)
