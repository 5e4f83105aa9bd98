# source: https://github.com/Shakker-Labs/ComfyUI-IPAdapter-Flux/issues/47
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: adapter-after-placement
# shape: multi-file, class, helper
# bug-lines: 37
# needs: torch
# cpu: no written where torch was not installed; not run

import argparse

import torch

from ip_adapter import load_ip_adapter
from model import TinyFluxTransformer


def parse_args():
    parser = argparse.ArgumentParser(description="Sample latents with an image prompt adapter")
    parser.add_argument("--weights", required=True)
    parser.add_argument("--ip-adapter", required=True)
    parser.add_argument("--image-embeds", required=True)
    parser.add_argument("--prompt-embeds", required=True)
    parser.add_argument("--scale", type=float, default=0.7)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--out", default="latents.pt")
    return parser.parse_args()


def main():
    args = parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    transformer = TinyFluxTransformer()
    transformer.load_state_dict(torch.load(args.weights, map_location="cpu"))
    transformer.to(device).eval()

    image_proj = load_ip_adapter(transformer, args.ip_adapter, scale=args.scale).to(device)

    clip_embeds = torch.load(args.image_embeds, map_location="cpu").to(device)
    context = torch.load(args.prompt_embeds, map_location="cpu").to(device)
    latents = torch.randn(1, 64, 16, device=device)

    with torch.no_grad():
        image_tokens = image_proj(clip_embeds)
        for _ in range(args.steps):
            noise_pred = transformer(latents, context, image_emb=image_tokens)
            latents = latents - noise_pred / args.steps

    torch.save(latents.cpu(), args.out)


if __name__ == "__main__":
    main()
