# source: https://github.com/CompVis/stable-diffusion/issues/691
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: input-dtype-mismatch
# shape: helper, class
# bug-lines: 40, 59
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
"""img2img: encode an init image with the first-stage autoencoder, then noise + denoise."""
import argparse

import numpy as np
import torch
import torch.nn as nn
from PIL import Image


class FirstStageEncoder(nn.Module):
    """KL-autoencoder encoder half: image in [-1, 1] -> 4-channel latent at 1/8 resolution."""

    def __init__(self, ch=128, z_ch=4):
        super().__init__()
        self.conv_in = nn.Conv2d(3, ch, 3, padding=1)
        self.down = nn.Sequential(
            nn.Conv2d(ch, ch, 3, stride=2, padding=1), nn.SiLU(),
            nn.Conv2d(ch, 2 * ch, 3, stride=2, padding=1), nn.SiLU(),
            nn.Conv2d(2 * ch, 4 * ch, 3, stride=2, padding=1), nn.SiLU(),
        )
        self.conv_out = nn.Conv2d(4 * ch, 2 * z_ch, 3, padding=1)

    def encode_first_stage(self, x):
        moments = self.conv_out(self.down(self.conv_in(x)))
        mean, logvar = torch.chunk(moments, 2, dim=1)
        return mean + torch.exp(0.5 * logvar) * torch.randn_like(mean)


def load_img(path):
    image = Image.open(path).convert("RGB")
    w, h = (d - d % 64 for d in image.size)
    image = image.resize((w, h), resample=Image.LANCZOS)
    arr = np.asarray(image).astype(np.float16) / 255.0  # HWC in [0, 1]
    tensor = torch.from_numpy(arr).permute(2, 0, 1).unsqueeze(0)
    return tensor * 2.0 - 1.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--init-img", required=True)
    parser.add_argument("--ckpt", default="models/first_stage/kl-f8.ckpt")
    parser.add_argument("--strength", type=float, default=0.75)
    opt = parser.parse_args()

    device = torch.device("cuda")
    model = FirstStageEncoder()
    model.load_state_dict(torch.load(opt.ckpt, map_location="cpu"))
    model = model.to(device).eval()

    init_image = load_img(opt.init_img).to(device)
    with torch.no_grad():
        init_latent = 0.18215 * model.encode_first_stage(init_image)
    noise = torch.randn_like(init_latent)
    noised = (1 - opt.strength) ** 0.5 * init_latent + opt.strength ** 0.5 * noise
    torch.save(noised.cpu(), "init_latent.pt")


if __name__ == "__main__":
    main()
