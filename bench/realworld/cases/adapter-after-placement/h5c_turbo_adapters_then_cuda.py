# source: https://github.com/GaParmar/img2img-turbo/issues/17
# error: (no traceback in the thread) several LoRA adapters added to the UNet; order of add_adapter and placement
# pattern: adapter-after-placement
# shape: class, helper
# looks-like: adapter-after-placement
# needs: torch, diffusers, peft
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from diffusers import AutoencoderKL, UNet2DConditionModel
from peft import LoraConfig


def make_lora_config(rank, targets):
    return LoraConfig(r=rank, init_lora_weights="gaussian", target_modules=targets)


class Pix2PixTurbo(nn.Module):
    def __init__(self, base="stabilityai/sd-turbo", lora_rank_unet=8, lora_rank_vae=4):
        super().__init__()
        self.unet = UNet2DConditionModel.from_pretrained(base, subfolder="unet")
        self.vae = AutoencoderKL.from_pretrained(base, subfolder="vae")
        conf = make_lora_config(lora_rank_unet, ["to_k", "to_q", "to_v", "to_out.0"])
        for name in ("adapter_a", "adapter_b", "adapter_c"):
            self.unet.add_adapter(conf, adapter_name=name)
        self.unet.set_adapter(["adapter_a", "adapter_b", "adapter_c"])
        self.vae.add_adapter(make_lora_config(lora_rank_vae, ["conv1", "conv2"]), adapter_name="vae_skip")
        self.unet.to("cuda")
        self.vae.to("cuda")

    def forward(self, image, timesteps, prompt_embeds):
        latents = self.vae.encode(image).latent_dist.sample() * self.vae.config.scaling_factor
        noise_pred = self.unet(latents, timesteps, encoder_hidden_states=prompt_embeds).sample
        return self.vae.decode(noise_pred / self.vae.config.scaling_factor).sample


if __name__ == "__main__":
    model = Pix2PixTurbo()
    image = torch.rand(1, 3, 256, 256, device="cuda") * 2 - 1
    t = torch.tensor([999], device="cuda")
    emb = torch.randn(1, 77, 1024, device="cuda")
    print(model(image, t, emb).shape)
