# source: https://github.com/baaivision/See3D/issues/11
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: partial-dtype-cast
# shape: class, helper
# bug-lines: 40, 48
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn


class TinyUNet(nn.Module):
    def __init__(self, ch=64):
        super().__init__()
        self.down = nn.Conv2d(4 + ch, ch, 3, padding=1)
        self.up = nn.Conv2d(ch, 4, 3, padding=1)

    def forward(self, latents, cond):
        return self.up(torch.relu(self.down(torch.cat([latents, cond], dim=1))))


class MaskedViewEncoder(nn.Module):
    def __init__(self, ch=64):
        super().__init__()
        self.proj = nn.Conv2d(5, ch, 3, padding=1)

    def forward(self, ref_latents, mask):
        return self.proj(torch.cat([ref_latents, mask], dim=1))


class MultiViewPipeline(nn.Module):
    def __init__(self):
        super().__init__()
        self.unet = TinyUNet()
        self.view_encoder = MaskedViewEncoder()
        self.dtype = torch.float32

    def enable_fp16(self):
        self.unet.half()
        self.dtype = torch.float16
        return self

    @torch.no_grad()
    def sample(self, ref_latents, mask, steps=25):
        ref_latents = ref_latents.to(self.dtype)
        mask = mask.to(self.dtype)
        cond = self.view_encoder(ref_latents, mask)
        latents = torch.randn_like(ref_latents)
        for t in range(steps, 0, -1):
            eps = self.unet(latents, cond)
            latents = latents - eps / steps
        return latents


def run_novel_view(ref_latents, mask, device="cuda", fp16=True):
    pipe = MultiViewPipeline().to(device)
    if fp16:
        pipe.enable_fp16()
    return pipe.sample(ref_latents.to(device), mask.to(device))


if __name__ == "__main__":
    ref = torch.randn(2, 4, 64, 64)
    m = torch.ones(2, 1, 64, 64)
    print(run_novel_view(ref, m).shape)
