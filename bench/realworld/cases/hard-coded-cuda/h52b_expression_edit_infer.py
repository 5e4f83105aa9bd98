# source: https://github.com/albertpumarola/GANimation/issues/87
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper
# bug-lines: 54
# needs: torch, numpy, torchvision, PIL
# cpu: no written where torch was not installed; not run
"""Expression editing (image-to-image translation conditioned on action units).

python edit_faces.py --gpu_ids -1 --input face.jpg --aus target_aus.npy
"""
import argparse
import os

import numpy as np
import torch
import torch.nn as nn
from PIL import Image
from torchvision import transforms


class ConditionalGenerator(nn.Module):
    def __init__(self, cond_dim=17, ngf=64):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(3 + cond_dim, ngf, 7, padding=3), nn.InstanceNorm2d(ngf), nn.ReLU(True),
            nn.Conv2d(ngf, ngf * 2, 4, 2, 1), nn.InstanceNorm2d(ngf * 2), nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1), nn.InstanceNorm2d(ngf), nn.ReLU(True),
        )
        self.to_rgb = nn.Sequential(nn.Conv2d(ngf, 3, 7, padding=3), nn.Tanh())
        self.to_mask = nn.Sequential(nn.Conv2d(ngf, 1, 7, padding=3), nn.Sigmoid())

    def forward(self, img, cond):
        cond_map = cond[:, :, None, None].expand(-1, -1, img.size(2), img.size(3))
        feat = self.body(torch.cat([img, cond_map], dim=1))
        return self.to_rgb(feat), self.to_mask(feat)


class ExpressionEditor:
    def __init__(self, ckpt_path, gpu_ids):
        self.device = torch.device(f"cuda:{gpu_ids[0]}") if gpu_ids else torch.device("cpu")
        self.generator = ConditionalGenerator()
        state = torch.load(ckpt_path, map_location="cpu")
        self.generator.load_state_dict(state)
        self.generator.to(self.device).eval()
        self.tf = transforms.Compose([
            transforms.Resize((128, 128)),
            transforms.ToTensor(),
            transforms.Normalize([0.5] * 3, [0.5] * 3),
        ])

    def _prepare_cond(self, aus):
        cond = torch.from_numpy(np.asarray(aus, dtype=np.float32) / 5.0)
        return cond.unsqueeze(0).cuda()

    @torch.no_grad()
    def edit(self, image, aus):
        real = self.tf(image).unsqueeze(0).to(self.device)
        cond = self._prepare_cond(aus)
        color, attention = self.generator(real, cond)
        fake = attention * real + (1 - attention) * color
        out = (fake[0].cpu().permute(1, 2, 0).numpy() + 1) * 127.5
        return Image.fromarray(out.clip(0, 255).astype(np.uint8))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu_ids", type=str, default="0")
    parser.add_argument("--checkpoint", default="checkpoints/net_G.pth")
    parser.add_argument("--input", required=True)
    parser.add_argument("--aus", required=True)
    parser.add_argument("--output_dir", default="./output")
    opt = parser.parse_args()
    opt.gpu_ids = [int(g) for g in opt.gpu_ids.split(",") if int(g) >= 0]

    editor = ExpressionEditor(opt.checkpoint, opt.gpu_ids)
    target = np.load(opt.aus)
    face = Image.open(opt.input).convert("RGB")
    os.makedirs(opt.output_dir, exist_ok=True)
    for i, aus in enumerate(target):
        editor.edit(face, aus).save(os.path.join(opt.output_dir, f"frame_{i:03d}.png"))


if __name__ == "__main__":
    main()
