# source: https://github.com/Abe404/root_painter/issues/185
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, multi-file
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run

import argparse
import os

import numpy as np
import torch
from PIL import Image

from model_utils import get_latest_model_paths, load_model


def segment_image(model, device, image):
    x = torch.from_numpy(np.asarray(image, dtype=np.float32) / 255.0).permute(2, 0, 1)[None]
    with torch.no_grad():
        probs = torch.softmax(model(x.to(device)), dim=1)[0, 1]
    return (probs > 0.5).cpu().numpy().astype(np.uint8) * 255


def main():
    parser = argparse.ArgumentParser(description="Segment images with the latest trained model")
    parser.add_argument("--model_dir", required=True)
    parser.add_argument("--out_dir", default="segmentations")
    parser.add_argument("images", nargs="+")
    args = parser.parse_args()

    model_path = get_latest_model_paths(args.model_dir, 1)[0]
    model, device = load_model(model_path)
    print(f"loaded {os.path.basename(model_path)} on {device}")

    os.makedirs(args.out_dir, exist_ok=True)
    for path in args.images:
        image = Image.open(path).convert("RGB")
        mask = segment_image(model, device, image)
        name = os.path.splitext(os.path.basename(path))[0] + ".png"
        Image.fromarray(mask).save(os.path.join(args.out_dir, name))


if __name__ == "__main__":
    main()
