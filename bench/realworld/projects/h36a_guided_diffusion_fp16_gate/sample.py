# source: https://github.com/omriav/blended-diffusion/issues/14
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, loader-loop
# looks-like: half-on-cpu
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch

from model_setup import load_model, model_config


def blend_step(model, x, t, mask, background):
    eps = model(x, t)
    x = x - 0.02 * eps
    return mask * x + (1 - mask) * background


def main():
    parser = argparse.ArgumentParser(description="local image editing with a masked diffusion loop")
    parser.add_argument("--checkpoint", default=None)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--no-fp16", action="store_true")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    config = model_config(args.size, use_fp16=not args.no_fp16)
    model, dtype = load_model(args.checkpoint, device, config)

    background = torch.rand(1, 3, args.size, args.size, device=device, dtype=dtype) * 2 - 1
    mask = torch.zeros(1, 1, args.size, args.size, device=device, dtype=dtype)
    mask[..., args.size // 4: 3 * args.size // 4, args.size // 4: 3 * args.size // 4] = 1
    x = torch.randn(1, 3, args.size, args.size, device=device, dtype=dtype)
    with torch.no_grad():
        for i in reversed(range(args.steps)):
            t = torch.full((1,), i, device=device)
            x = blend_step(model, x, t, mask, background)
    out = ((x.float().clamp(-1, 1) + 1) / 2).cpu()
    torch.save(out, "edited.pt")
    print("saved edited.pt", tuple(out.shape), "dtype used:", dtype)


if __name__ == "__main__":
    main()
