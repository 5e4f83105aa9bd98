# source: https://github.com/alen-smajic/Stable-Diffusion-Latent-Space-Explorer/issues/3
# error: RuntimeError: Input type (double) and bias type (c10::Half) should be the same
# pattern: float64-input
# shape: multi-file, loader-loop
# needs: torch, torchvision, pyyaml
# cpu: no written where torch was not installed; not run
"""Walk between two prompts (and two noise seeds) and save every frame."""
import argparse
import os

import yaml
from torchvision.utils import save_image

from interp_utils import interpolate
from sd_model import SDModel


def run_interpolation(cfg, model, out_dir):
    prompts = cfg["prompts"]
    seeds = cfg["seeds"]
    n_between = cfg.get("interpolation_steps", 8)
    method = cfg.get("method", "slerp")

    uncond = model.encode_prompt("")
    start_embed = model.encode_prompt(prompts[0])
    end_embed = model.encode_prompt(prompts[1])
    start_noise = model.random_latents(seeds[0])
    end_noise = model.random_latents(seeds[1])

    embeds = interpolate(start_embed, end_embed, n_between, method)
    noises = interpolate(start_noise, end_noise, n_between, method)

    print(f"Interpolating {len(prompts)} prompts over {len(embeds)} frames.")
    for i, (embed, noise) in enumerate(zip(embeds, noises)):
        image = model.generate(embed, noise, uncond, steps=cfg.get("steps", 25))
        save_image(image, os.path.join(out_dir, f"frame-{i:03d}.png"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("exp_config")
    parser.add_argument("--out", default="experiments/interpolation")
    args = parser.parse_args()
    with open(args.exp_config) as f:
        cfg = yaml.safe_load(f)
    os.makedirs(args.out, exist_ok=True)
    model = SDModel(cfg.get("model_id", "runwayml/stable-diffusion-v1-5"))
    run_interpolation(cfg, model, args.out)


if __name__ == "__main__":
    main()
