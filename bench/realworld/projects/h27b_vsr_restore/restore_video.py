# source: https://github.com/ckkelvinchan/BasicVSR_PlusPlus/issues/38
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper, loader-loop
# needs: torch, numpy, pillow
# cpu: raises "RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU."
"""Upscale a folder of low-resolution frames x4, a window of frames at a time."""
import argparse
import os

import numpy as np
import torch
from PIL import Image

from ckpt_utils import load_pretrained
from vsr_arch import RecurrentVSRNet


def read_frames(folder):
    names = sorted(f for f in os.listdir(folder) if f.lower().endswith((".png", ".jpg")))
    frames = [np.asarray(Image.open(os.path.join(folder, n)).convert("RGB"), dtype=np.float32) / 255.0
              for n in names]
    return names, torch.from_numpy(np.stack(frames)).permute(0, 3, 1, 2)


def iter_windows(num_frames, window):
    for start in range(0, num_frames, window):
        yield start, min(start + window, num_frames)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("checkpoint")
    p.add_argument("input_dir")
    p.add_argument("output_dir")
    p.add_argument("--max-seq-len", type=int, default=30)
    args = p.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = RecurrentVSRNet(mid_ch=64, num_blocks=15, scale=4)
    load_pretrained(model, args.checkpoint)
    model = model.to(device).eval()

    names, frames = read_frames(args.input_dir)
    os.makedirs(args.output_dir, exist_ok=True)
    with torch.no_grad():
        for start, end in iter_windows(len(names), args.max_seq_len):
            lrs = frames[start:end].unsqueeze(0).to(device)
            srs = model(lrs).clamp(0, 1).squeeze(0).cpu()
            for name, sr in zip(names[start:end], srs):
                img = (sr.permute(1, 2, 0).numpy() * 255.0).round().astype(np.uint8)
                Image.fromarray(img).save(os.path.join(args.output_dir, name))
    print(f"restored {len(names)} frames into {args.output_dir}")


if __name__ == "__main__":
    main()
