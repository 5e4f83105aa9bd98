# source: https://github.com/salesforce/LAVIS/pull/179
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper, loader-loop
# looks-like: half-on-cpu
# needs: torch, transformers, PIL
# cpu: no written where torch was not installed; not run
"""Caption a folder of product photos with BLIP; fp16 on GPU, fp32 when only a CPU is present."""
import argparse
import json
import os

import torch
from PIL import Image
from transformers import BlipForConditionalGeneration, BlipProcessor


def pick_precision(device):
    return torch.float16 if device.type == "cuda" else torch.float32


class Captioner:
    def __init__(self, checkpoint, device):
        self.device = device
        self.dtype = pick_precision(device)
        self.processor = BlipProcessor.from_pretrained(checkpoint)
        model = BlipForConditionalGeneration.from_pretrained(checkpoint, torch_dtype=self.dtype)
        self.model = model.to(self.device).eval()

    @torch.no_grad()
    def caption(self, images, prompt="a photo of", num_beams=3, max_new_tokens=30):
        inputs = self.processor(images=images, text=[prompt] * len(images), return_tensors="pt")
        inputs = inputs.to(self.device, self.dtype)
        out = self.model.generate(**inputs, num_beams=num_beams, max_new_tokens=max_new_tokens)
        return [t.strip() for t in self.processor.batch_decode(out, skip_special_tokens=True)]


def batched(items, size):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", default="data/catalog")
    parser.add_argument("--checkpoint", default="Salesforce/blip-image-captioning-large")
    parser.add_argument("--batch_size", type=int, default=8)
    parser.add_argument("--out", default="captions.json")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    captioner = Captioner(args.checkpoint, device)
    files = sorted(f for f in os.listdir(args.images) if f.lower().endswith((".jpg", ".png")))
    results = {}
    for names in batched(files, args.batch_size):
        images = [Image.open(os.path.join(args.images, n)).convert("RGB") for n in names]
        results.update(zip(names, captioner.caption(images)))
    with open(args.out, "w") as fh:
        json.dump(results, fh, indent=2)


if __name__ == "__main__":
    main()
