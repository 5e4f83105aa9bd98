# source: https://github.com/Muzammal-Naseer/IPViT/pull/9
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, top-level
# looks-like: hard-coded-cuda
# needs: torch, torchvision, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Visualise the foreground mask a self-supervised ViT's [CLS] attention gives for each image."""
import argparse
import pathlib

import numpy as np
import torch
import torchvision.transforms as T
from PIL import Image

TRANSFORM = T.Compose([T.Resize((224, 224)), T.ToTensor(),
                       T.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])


def get_device(use_cuda):
    return torch.device("cuda" if use_cuda and torch.cuda.is_available() else "cpu")


def cls_attention_mask(model, img, patch_size=16, keep=0.6):
    attn = model.get_last_selfattention(img)  # (1, heads, tokens, tokens)
    heads = attn.shape[1]
    cls_attn = attn[0, :, 0, 1:].reshape(heads, -1)
    vals, idx = torch.sort(cls_attn, dim=-1)
    vals = vals / vals.sum(dim=-1, keepdim=True)
    cum = torch.cumsum(vals, dim=-1)
    masks = torch.zeros_like(cum)
    for h in range(heads):
        masks[h, idx[h]] = (cum[h] > (1 - keep)).float()
    side = img.shape[-1] // patch_size
    return masks.reshape(heads, side, side).mean(0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=pathlib.Path, default=pathlib.Path("samples"))
    parser.add_argument("--use_cuda", action="store_true")
    parser.add_argument("--out", type=pathlib.Path, default=pathlib.Path("seg_vis"))
    args = parser.parse_args()

    device = get_device(args.use_cuda)
    model = torch.hub.load("facebookresearch/dino:main", "dino_vits16").to(device).eval()
    args.out.mkdir(exist_ok=True)
    for path in sorted(args.images.glob("*.JPEG")):
        img = TRANSFORM(Image.open(path).convert("RGB")).unsqueeze(0).to(device)
        with torch.no_grad():
            mask = cls_attention_mask(model, img)
        mask = torch.nn.functional.interpolate(mask[None, None], size=(224, 224), mode="nearest")[0, 0]
        vis = (mask.cpu().numpy() * 255).astype(np.uint8)
        Image.fromarray(vis).save(args.out / f"{path.stem}_mask.png")
