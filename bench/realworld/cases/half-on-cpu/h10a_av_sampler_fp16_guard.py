# source: https://github.com/researchmm/MM-Diffusion/issues/22
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# shape: helper, class
# looks-like: half-on-cpu
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn


class TinyVideoUNet(nn.Module):
    def __init__(self, channels=3, width=64):
        super().__init__()
        self.time_embed = nn.Sequential(nn.Linear(1, width), nn.SiLU(), nn.Linear(width, width))
        self.inp = nn.Conv2d(channels, width, 3, padding=1)
        self.mid = nn.Conv2d(width, width, 3, padding=1)
        self.out = nn.Conv2d(width, channels, 3, padding=1)

    def forward(self, x, t):
        emb = self.time_embed(t[:, None])[:, :, None, None]
        h = torch.relu(self.inp(x) + emb)
        return self.out(torch.relu(self.mid(h)))


def pick_device(name):
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def load_sampler_model(ckpt, device, use_fp16):
    model = TinyVideoUNet()
    if ckpt:
        model.load_state_dict(torch.load(ckpt, map_location="cpu"))
    model.to(device).eval()
    # fp16 kernels for conv only exist on the GPU; keep fp32 everywhere else
    use_fp16 = use_fp16 and device.type == "cuda"
    if use_fp16:
        model.half()
    return model, (torch.float16 if use_fp16 else torch.float32)


@torch.no_grad()
def sample(model, dtype, device, steps=50, shape=(1, 3, 64, 64)):
    x = torch.randn(shape, device=device, dtype=dtype)
    for i in reversed(range(steps)):
        t = torch.full((shape[0],), i / steps, device=device, dtype=dtype)
        eps = model(x, t)
        x = x - eps / steps
    return x.float().clamp(-1, 1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--use_fp16", action="store_true")
    args = parser.parse_args()
    device = pick_device(args.device)
    model, dtype = load_sampler_model(args.ckpt, device, args.use_fp16)
    video = sample(model, dtype, device)
    print(video.shape, video.dtype, video.device)
