# source: https://github.com/fenglinglwb/MAT/issues/11
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, loader-loop
# looks-like: torch-load-map-location
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
import argparse
import glob
import os

import numpy as np
import torch
from PIL import Image


def load_generator(network_pkl, device):
    print(f"Loading networks from: {network_pkl}")
    ckpt = torch.load(network_pkl, map_location=device)
    G = ckpt["G_ema"] if isinstance(ckpt, dict) and "G_ema" in ckpt else ckpt
    return G.to(device).eval().requires_grad_(False)


def read_image(path):
    img = np.array(Image.open(path).convert("RGB"), dtype=np.float32)
    return torch.from_numpy(img.transpose(2, 0, 1)) / 127.5 - 1.0


def read_mask(path):
    mask = np.array(Image.open(path).convert("L"), dtype=np.float32) / 255.0
    return torch.from_numpy(mask)[None]


def generate_images(network_pkl, dpath, mpath, outdir, truncation_psi=1.0):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    G = load_generator(network_pkl, device)
    os.makedirs(outdir, exist_ok=True)
    img_list = sorted(glob.glob(os.path.join(dpath, "*.png")))
    mask_list = sorted(glob.glob(os.path.join(mpath, "*.png")))
    label = torch.zeros([1, G.c_dim], device=device)
    with torch.no_grad():
        for ipath, mpath_i in zip(img_list, mask_list):
            image = read_image(ipath).to(device).unsqueeze(0)
            mask = read_mask(mpath_i).to(device).unsqueeze(0)
            z = torch.randn(1, G.z_dim, device=device)
            output = G(image, mask, z, label, truncation_psi=truncation_psi, noise_mode="const")
            output = (output.permute(0, 2, 3, 1) * 127.5 + 127.5).round().clamp(0, 255)
            out = output[0].to(torch.uint8).cpu().numpy()
            Image.fromarray(out, "RGB").save(os.path.join(outdir, os.path.basename(ipath)))


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--network", required=True)
    p.add_argument("--dpath", required=True)
    p.add_argument("--mpath", required=True)
    p.add_argument("--outdir", default="samples")
    a = p.parse_args()
    generate_images(a.network, a.dpath, a.mpath, a.outdir)
