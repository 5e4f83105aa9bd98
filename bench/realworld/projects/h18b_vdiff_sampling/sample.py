# source: https://github.com/crowsonkb/v-diffusion-pytorch/issues/13
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, multi-file
# bug-lines: 62
# needs: torch, pillow
# cpu: no written where torch was not installed; not run

import argparse

import torch
import torch.nn as nn

import utils


class TinyDenoiser(nn.Module):
    def __init__(self, ch=64):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(4, ch, 3, padding=1), nn.SiLU(),
            nn.Conv2d(ch, ch, 3, padding=1), nn.SiLU(),
            nn.Conv2d(ch, 3, 3, padding=1))

    def forward(self, x, t):
        t_map = t.view(-1, 1, 1, 1).expand(-1, 1, *x.shape[2:])
        return self.net(torch.cat([x, t_map], dim=1))


@torch.no_grad()
def sample(model, x, steps):
    ts = x.new_ones([x.shape[0]])
    t = torch.linspace(1, 0, steps + 1, device=x.device)[:-1]
    alphas, sigmas = utils.t_to_alpha_sigma(t)
    for i in range(steps):
        v = model(x, ts * t[i])
        pred = x * alphas[i] - v * sigmas[i]
        eps = x * sigmas[i] + v * alphas[i]
        if i < steps - 1:
            x = pred * alphas[i + 1] + eps * sigmas[i + 1]
    return pred


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=8)
    p.add_argument("--batch-size", type=int, default=4)
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--size", type=int, default=64)
    args = p.parse_args()

    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    print("Using device:", device)
    model = TinyDenoiser().to(device).eval()
    torch.manual_seed(0)

    for i in range(0, args.n, args.batch_size):
        cur = min(args.batch_size, args.n - i)
        x = torch.randn([cur, 3, args.size, args.size], device=device)
        outs = sample(model, x, args.steps)
        for j, out in enumerate(outs):
            utils.to_pil_image(out).save(f"out_{i + j:05}.png")


if __name__ == "__main__":
    main()
