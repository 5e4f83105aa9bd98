# source: https://github.com/GaParmar/img2img-turbo/issues/88 https://github.com/GaParmar/img2img-turbo/issues/71
# error: RuntimeError: Input type (float) and bias type (c10::Half) should be the same
# pattern: input-dtype-mismatch
# shape: class
# bug-lines: 53, 58
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
import torchvision.transforms.functional as TF
from PIL import Image


class ResidualTranslator(nn.Module):
    def __init__(self, channels=64, n_blocks=6):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, channels, 7, padding=3), nn.SiLU())
        self.blocks = nn.ModuleList(
            nn.Sequential(nn.Conv2d(channels, channels, 3, padding=1), nn.GroupNorm(8, channels), nn.SiLU())
            for _ in range(n_blocks)
        )
        self.out = nn.Conv2d(channels, 3, 7, padding=3)

    def forward(self, x):
        h = self.stem(x)
        for block in self.blocks:
            h = h + block(h)
        return torch.tanh(self.out(h) + x)


class DayToNightPipeline:
    def __init__(self, weights_path, use_fp16=False, device="cuda"):
        self.device = torch.device(device)
        self.net = ResidualTranslator()
        state = torch.load(weights_path, map_location="cpu")
        self.net.load_state_dict(state["model"])
        self.net.to(self.device).eval()
        if use_fp16:
            self.net.half()
        self.use_fp16 = use_fp16

    @staticmethod
    def _fit_to_multiple(image, multiple=8):
        w, h = image.size
        return image.resize((w - w % multiple, h - h % multiple), Image.LANCZOS)

    def preprocess(self, image):
        image = self._fit_to_multiple(image.convert("RGB"))
        x = TF.to_tensor(image)
        x = TF.normalize(x, mean=[0.5] * 3, std=[0.5] * 3)
        return x.unsqueeze(0).to(self.device)

    @torch.no_grad()
    def __call__(self, image):
        x = self.preprocess(image)
        y = self.net(x)
        y = (y[0].float().clamp(-1, 1) * 0.5 + 0.5).cpu()
        return TF.to_pil_image(y)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--input_image", required=True)
    parser.add_argument("--weights", default="checkpoints/day_to_night.pkl")
    parser.add_argument("--output", default="night.png")
    parser.add_argument("--use_fp16", action="store_true")
    args = parser.parse_args()
    pipe = DayToNightPipeline(args.weights, use_fp16=args.use_fp16)
    pipe(Image.open(args.input_image)).save(args.output)
