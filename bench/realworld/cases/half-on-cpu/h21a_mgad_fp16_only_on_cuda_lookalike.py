# source: https://github.com/haha-lisa/MGAD-multimodal-guided-artwork-diffusion/issues/1
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, top-level
# looks-like: half-on-cpu
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn


class TinyUNet(nn.Module):
    def __init__(self, ch=64):
        super().__init__()
        self.inp = nn.Conv2d(3, ch, 3, padding=1)
        self.t_emb = nn.Linear(1, ch)
        self.mid = nn.Sequential(nn.SiLU(), nn.Conv2d(ch, ch, 3, padding=1), nn.SiLU())
        self.out = nn.Conv2d(ch, 3, 3, padding=1)

    def forward(self, x, t):
        h = self.inp(x) + self.t_emb(t.view(-1, 1))[:, :, None, None]
        return self.out(self.mid(h))


def load_diffusion_model(path, device, fp16):
    model = TinyUNet()
    model.load_state_dict(torch.load(path, map_location="cpu"))
    model.requires_grad_(False).eval().to(device)
    if fp16:
        model.half()
    return model


@torch.no_grad()
def sample(model, steps, size, device):
    dtype = next(model.parameters()).dtype
    x = torch.randn(1, 3, size, size, device=device, dtype=dtype)
    for i in reversed(range(steps)):
        t = torch.full((1,), i / steps, device=device, dtype=dtype)
        x = x - model(x, t) / steps
    return x.float().clamp(-1, 1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_path", default="models/256x256_diffusion_uncond.pt")
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--fp32", action="store_true", help="disable half precision")
    args = parser.parse_args()

    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    use_fp16 = not args.fp32 and device.type == "cuda"
    model = load_diffusion_model(args.model_path, device, use_fp16)
    image = sample(model, args.steps, args.size, device)
    print(image.shape, image.dtype)
