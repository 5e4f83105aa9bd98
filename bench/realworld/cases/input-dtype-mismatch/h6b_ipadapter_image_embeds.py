# source: https://github.com/cubiq/ComfyUI_IPAdapter_plus/issues/140
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: float != c10::Half
# pattern: input-dtype-mismatch
# shape: class, helper
# bug-lines: 41, 42, 53
# needs: torch, transformers, diffusers, pillow
# cpu: no written where torch was not installed; not run
"""Image-prompt adapter: CLIP image embeddings -> extra cross-attention tokens."""
import torch
import torch.nn as nn
from diffusers import StableDiffusionPipeline
from PIL import Image
from transformers import CLIPImageProcessor, CLIPVisionModelWithProjection


class ImageProjModel(nn.Module):
    def __init__(self, cross_attention_dim=768, clip_embeddings_dim=1024, extra_tokens=4):
        super().__init__()
        self.extra_tokens = extra_tokens
        self.cross_attention_dim = cross_attention_dim
        self.proj = nn.Linear(clip_embeddings_dim, extra_tokens * cross_attention_dim)
        self.norm = nn.LayerNorm(cross_attention_dim)

    def forward(self, image_embeds):
        tokens = self.proj(image_embeds)
        tokens = tokens.reshape(-1, self.extra_tokens, self.cross_attention_dim)
        return self.norm(tokens)


class IPAdapterRunner:
    def __init__(self, sd_repo, encoder_repo, ip_ckpt, device="cuda", dtype=torch.float16):
        self.device = device
        self.dtype = dtype
        self.pipe = StableDiffusionPipeline.from_pretrained(sd_repo, torch_dtype=dtype).to(device)
        self.image_proj_model = ImageProjModel(
            cross_attention_dim=self.pipe.unet.config.cross_attention_dim)
        state = torch.load(ip_ckpt, map_location="cpu")
        self.image_proj_model.load_state_dict(state["image_proj"])
        self.image_proj_model.to(device, dtype=dtype)
        self.processor = CLIPImageProcessor()
        self.image_encoder = CLIPVisionModelWithProjection.from_pretrained(
            encoder_repo, subfolder="models/image_encoder").to(device)

    @torch.no_grad()
    def get_image_embeds(self, pil_images):
        pixel_values = self.processor(images=pil_images, return_tensors="pt").pixel_values
        clip_embeds = self.image_encoder(pixel_values.to(self.device)).image_embeds
        return self._project(clip_embeds)

    def _project(self, clip_embeds):
        cond = clip_embeds
        uncond = torch.zeros_like(clip_embeds)
        return self.image_proj_model(cond), self.image_proj_model(uncond)

    @torch.no_grad()
    def generate(self, pil_image, prompt, steps=30, scale=7.5, seed=0):
        cond_tokens, uncond_tokens = self.get_image_embeds([pil_image])
        prompt_embeds, negative_embeds = self.pipe.encode_prompt(
            prompt, self.device, 1, True, negative_prompt="")
        prompt_embeds = torch.cat([prompt_embeds, cond_tokens], dim=1)
        negative_embeds = torch.cat([negative_embeds, uncond_tokens], dim=1)
        gen = torch.Generator(self.device).manual_seed(seed)
        return self.pipe(prompt_embeds=prompt_embeds, negative_prompt_embeds=negative_embeds,
                         num_inference_steps=steps, guidance_scale=scale, generator=gen).images[0]


if __name__ == "__main__":
    runner = IPAdapterRunner("runwayml/stable-diffusion-v1-5",
                             "h94/IP-Adapter", "models/ip-adapter_sd15.bin")
    result = runner.generate(Image.open("reference.png").convert("RGB"), "best quality, a cat")
    result.save("ip_result.png")
