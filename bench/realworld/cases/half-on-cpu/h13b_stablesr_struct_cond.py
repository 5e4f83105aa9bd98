# source: https://github.com/IceClear/StableSR/issues/92
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 43, 46, 50
# needs: torch, omegaconf, ldm, Pillow, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from ldm.util import instantiate_from_config
from omegaconf import OmegaConf
from PIL import Image


class StructCondEncoder(nn.Module):
    def __init__(self, in_ch=4, ch=64, levels=3):
        super().__init__()
        self.stem = nn.Conv2d(in_ch, ch, 3, padding=1)
        self.downs = nn.ModuleList(nn.Conv2d(ch, ch, 3, stride=2, padding=1) for _ in range(levels))
        self.time_proj = nn.Linear(1, ch)

    def forward(self, latent, t):
        h = self.stem(latent) + self.time_proj(t[:, None].to(latent.dtype))[:, :, None, None]
        feats = {h.shape[-1]: h}
        for down in self.downs:
            h = torch.nn.functional.silu(down(h))
            feats[h.shape[-1]] = h
        return feats


def load_host_model(config_path, ckpt_path, device):
    model = instantiate_from_config(OmegaConf.load(config_path).model)
    model.load_state_dict(torch.load(ckpt_path, map_location="cpu")["state_dict"], strict=False)
    model = model.half() if device.type == "cuda" else model.float()
    return model.to(device).eval()


class StableSRHook:
    def __init__(self, sd_model, struct_cond_path, device):
        self.sd_model = sd_model
        self.device = device
        self.dtype = torch.float16
        self.struct_cond = StructCondEncoder()
        self.struct_cond.load_state_dict(torch.load(struct_cond_path, map_location="cpu"))
        self.struct_cond.to(device=self.device, dtype=self.dtype).eval()
        print(f"[StableSR] struct_cond dtype: {self.dtype}, device: {self.device}")

    def encode_lowres(self, image):
        image = image.to(self.device, dtype=self.dtype) * 2.0 - 1.0
        posterior = self.sd_model.first_stage_model.encode(image)
        return posterior.sample() * self.sd_model.scale_factor

    @torch.no_grad()
    def upscale(self, image, steps=200):
        latent_lr = self.encode_lowres(image)
        x = torch.randn_like(latent_lr)
        for t in reversed(range(0, 1000, 1000 // steps)):
            ts = torch.full((x.shape[0],), t, device=self.device, dtype=torch.long)
            feats = self.struct_cond(latent_lr, ts)
            x = self.sd_model.p_sample(x, None, ts, struct_cond=feats)
        return self.sd_model.decode_first_stage(x)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    sd = load_host_model("configs/stableSRNew/v2-finetune_text_T_512.yaml", "ckpt/stablesr_000117.ckpt", device)
    hook = StableSRHook(sd, "ckpt/struct_cond.pth", device)
    lr = np.asarray(Image.open("inputs/test_lr.png").convert("RGB").resize((512, 512)), dtype=np.float32)
    out = hook.upscale(torch.from_numpy(lr / 255.0).permute(2, 0, 1)[None])
    print(out.shape)
