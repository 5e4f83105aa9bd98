# source: https://github.com/shiyegao/DDA/issues/3
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: module-cast-not-placed
# shape: helper, loader-loop, batch-dict
# bug-lines: 36, 46
# needs: torch, torchvision, guided_diffusion
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms, utils

from guided_diffusion.script_util import create_model_and_diffusion, model_and_diffusion_defaults

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def parse_args():
    p = argparse.ArgumentParser("diffusion-driven input adaptation")
    p.add_argument("--model_path", required=True)
    p.add_argument("--corrupted_dir", required=True)
    p.add_argument("--out_dir", default="adapted")
    p.add_argument("--use_fp16", action="store_true")
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--batch_size", type=int, default=8)
    return p.parse_args()


def load_diffusion(args):
    opts = model_and_diffusion_defaults()
    opts.update(image_size=256, use_fp16=args.use_fp16)
    model, diffusion = create_model_and_diffusion(**opts)
    model.load_state_dict(torch.load(args.model_path, map_location="cpu"))
    if args.use_fp16:
        model.half()
    model.eval()
    return model, diffusion


@torch.no_grad()
def refine(model, diffusion, batch, steps):
    x = batch["noisy"]
    for i in reversed(range(steps)):
        t = torch.full((x.shape[0],), i, device=x.device, dtype=torch.long)
        eps = model(x, t)
        x = diffusion.ddim_step(eps, x, t, ref=batch["ref_img"])
    return x


def main():
    args = parse_args()
    model, diffusion = load_diffusion(args)
    tfm = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(256), transforms.ToTensor()])
    loader = DataLoader(datasets.ImageFolder(args.corrupted_dir, tfm), batch_size=args.batch_size)
    dtype = torch.float16 if args.use_fp16 else torch.float32
    for step, (images, _) in enumerate(loader):
        ref = (images * 2 - 1).to(DEVICE, dtype)
        noisy = diffusion.q_sample(ref, torch.full((ref.shape[0],), args.steps - 1, device=DEVICE))
        batch = {"ref_img": ref, "noisy": noisy}
        adapted = refine(model, diffusion, batch, args.steps)
        utils.save_image(adapted.float() * 0.5 + 0.5, f"{args.out_dir}/batch_{step:04d}.png")


if __name__ == "__main__":
    main()
