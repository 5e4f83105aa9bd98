# source: https://github.com/huggingface/diffusers/issues/7572
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: partial-dtype-cast
# shape: class, helper
# bug-lines: 36, 71
# needs: torch, diffusers, transformers, numpy, PIL
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from diffusers import AsymmetricAutoencoderKL, ControlNetModel, DDPMScheduler, UNet2DConditionModel
from PIL import Image
from transformers import CLIPTextModel, CLIPTokenizer

BASE = "stablediffusionapi/majicmix7"
POSE_NET = "lllyasviel/control_v11p_sd15_openpose"
VAE_ID = "cross-attention/asymmetric-autoencoder-kl-x-1-5"


class PoseRenderer:
    def __init__(self, device="cuda", dtype=torch.float16, steps=30):
        self.device = device
        self.dtype = dtype
        self.steps = steps
        self.tokenizer = CLIPTokenizer.from_pretrained(BASE, subfolder="tokenizer")
        self.text_encoder = CLIPTextModel.from_pretrained(BASE, subfolder="text_encoder")
        self.unet = UNet2DConditionModel.from_pretrained(BASE, subfolder="unet")
        self.controlnet = ControlNetModel.from_pretrained(POSE_NET)
        self.vae = AsymmetricAutoencoderKL.from_pretrained(VAE_ID)
        self.scheduler = DDPMScheduler.from_pretrained(BASE, subfolder="scheduler")
        self._place()

    def _place(self):
        for module in (self.text_encoder, self.unet, self.controlnet):
            module.to(self.device, dtype=self.dtype)
            module.eval()
        self.vae.to(self.device)
        self.vae.eval()

    def _embed(self, prompts):
        ids = self.tokenizer(prompts, padding="max_length", truncation=True,
                             max_length=self.tokenizer.model_max_length, return_tensors="pt").input_ids
        return self.text_encoder(ids.to(self.device))[0]

    def _pose_tensor(self, pose_img, size):
        arr = np.asarray(pose_img.convert("RGB").resize(size), dtype=np.float32) / 255.0
        return torch.from_numpy(arr).permute(2, 0, 1)[None].to(self.device, self.dtype)

    @torch.no_grad()
    def __call__(self, prompt, negative, pose_img, width=512, height=768, cfg=7.0, seed=0):
        cond = self._embed([negative, prompt])
        pose = self._pose_tensor(pose_img, (width, height)).repeat(2, 1, 1, 1)
        gen = torch.Generator(device=self.device).manual_seed(seed)
        latents = torch.randn((1, 4, height // 8, width // 8), generator=gen,
                              device=self.device, dtype=self.dtype)
        self.scheduler.set_timesteps(self.steps, device=self.device)
        latents = latents * self.scheduler.init_noise_sigma
        for t in self.scheduler.timesteps:
            inp = self.scheduler.scale_model_input(torch.cat([latents] * 2), t)
            down, mid = self.controlnet(inp, t, encoder_hidden_states=cond,
                                        controlnet_cond=pose, return_dict=False)
            eps = self.unet(inp, t, encoder_hidden_states=cond,
                            down_block_additional_residuals=down,
                            mid_block_additional_residual=mid).sample
            uncond, text = eps.chunk(2)
            eps = uncond + cfg * (text - uncond)
            latents = self.scheduler.step(eps, t, latents, generator=gen).prev_sample
        return self.decode(latents)

    def decode(self, latents):
        latents = latents / self.vae.config.scaling_factor
        image = self.vae.decode(latents).sample
        image = (image / 2 + 0.5).clamp(0, 1)[0].permute(1, 2, 0).float().cpu().numpy()
        return Image.fromarray((image * 255).round().astype(np.uint8))


if __name__ == "__main__":
    renderer = PoseRenderer()
    out = renderer("portrait of a dancer, studio light", "lowres, bad hands", Image.open("pose.png"))
    out.save("dancer.png")
