# source: https://github.com/kohya-ss/sd-scripts/issues/1562
# error: RuntimeError: Input type (float) and bias type (c10::BFloat16) should be the same
# pattern: input-dtype-mismatch
# shape: loader-loop, batch-dict, multi-file
# bug-lines: 42, 43
# needs: torch
# cpu: no written where torch was not installed; not run
"""Encode the training images once and store the latents next to them."""
import argparse
import os

import torch
from torch.utils.data import DataLoader

from autoencoder import load_autoencoder
from dataset import ImageCaptionDataset, collate_examples


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ae", required=True)
    parser.add_argument("--train-dir", required=True)
    parser.add_argument("--resolution", type=int, default=512)
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--mixed-precision", choices=["no", "fp16", "bf16"], default="bf16")
    return parser.parse_args()


def main():
    args = parse_args()
    device = torch.device("cuda")
    weight_dtype = {"no": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}[
        args.mixed_precision
    ]

    ae = load_autoencoder(args.ae, device, weight_dtype)
    dataset = ImageCaptionDataset(args.train_dir, args.resolution)
    loader = DataLoader(dataset, batch_size=args.batch_size, collate_fn=collate_examples,
                        num_workers=2)

    for step, batch in enumerate(loader):
        images = batch["images"].to(device)
        latents = ae.encode(images)
        for path, latent in zip(batch["paths"], latents.float().cpu()):
            torch.save(latent, os.path.splitext(path)[0] + "_latent.pt")
        if step % 50 == 0:
            print(f"cached {step * args.batch_size} / {len(dataset)}")


if __name__ == "__main__":
    main()
