# source: https://github.com/puneet29/StyleTransferApp/issues/2
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, top-level
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
"""Stylize a photo with a trained fast-neural-style TransformerNet and blend it with the content."""
import argparse

import numpy as np
import torch
from PIL import Image


def load_image(path, scale=None):
    img = Image.open(path).convert("RGB")
    if scale is not None:
        img = img.resize((int(img.size[0] / scale), int(img.size[1] / scale)), Image.LANCZOS)
    arr = np.asarray(img, dtype=np.float32).transpose(2, 0, 1)
    return torch.from_numpy(arr).unsqueeze(0)


def match_size(image, target):
    """Resize `image` (1x3xHxW, 0..255) to the spatial size of `target`."""
    img = image.clone().clamp(0, 255).cpu().numpy()
    img = img[0].transpose(1, 2, 0).astype("uint8")
    h, w = target.shape[2], target.shape[3]
    img = Image.fromarray(img).resize((w, h), Image.LANCZOS)
    arr = np.asarray(img, dtype=np.float32).transpose(2, 0, 1)
    return torch.from_numpy(arr).unsqueeze(0).to(target.device)


def save_image(path, tensor):
    img = tensor.detach().clamp(0, 255).cpu().numpy()[0]
    Image.fromarray(img.transpose(1, 2, 0).astype("uint8")).save(path)


@torch.no_grad()
def stylize(args):
    device = torch.device("cuda" if args.cuda and torch.cuda.is_available() else "cpu")
    content_image = load_image(args.content_image, scale=args.content_scale).to(device)
    style_model = torch.jit.load(args.model, map_location=device).eval()
    output = style_model(content_image)
    content_image = match_size(content_image, output)
    blended = args.alpha * output + (1 - args.alpha) * content_image
    save_image(args.output_image, blended)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--content-image", required=True)
    p.add_argument("--content-scale", type=float, default=None)
    p.add_argument("--model", required=True)
    p.add_argument("--output-image", required=True)
    p.add_argument("--alpha", type=float, default=0.8)
    p.add_argument("--cuda", type=int, default=1)
    stylize(p.parse_args())
