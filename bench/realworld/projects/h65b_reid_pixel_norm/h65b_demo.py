# source: https://github.com/JDAI-CV/fast-reid/issues/469
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, multi-file
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""python h65b_demo.py --input crops/*.jpg --weights logs/duke/sbs_R50/model_best.pth --output feats"""
import argparse
import glob
import os

import cv2
import numpy as np
import torch

from h65b_predictor import DefaultPredictor


def setup_cfg(args):
    return {
        "num_classes": 702,
        "pixel_mean": [123.675, 116.28, 103.53],
        "pixel_std": [58.395, 57.12, 57.375],
        "size_test": (256, 128),
        "weights": args.weights,
        "device": "cuda" if torch.cuda.is_available() else "cpu",
    }


class FeatureExtractionDemo:
    def __init__(self, cfg):
        self.predictor = DefaultPredictor(cfg)
        self.size = cfg["size_test"]

    def run_on_image(self, original_image):
        image = np.ascontiguousarray(original_image[:, :, ::-1])  # BGR -> RGB
        image = cv2.resize(image, self.size[::-1], interpolation=cv2.INTER_CUBIC)
        image = torch.as_tensor(image.astype("float32").transpose(2, 0, 1))[None]
        return self.predictor(image)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Feature extraction with reid models")
    parser.add_argument("--input", nargs="+", required=True)
    parser.add_argument("--weights", required=True)
    parser.add_argument("--output", default="feats")
    args = parser.parse_args()

    demo = FeatureExtractionDemo(setup_cfg(args))
    os.makedirs(args.output, exist_ok=True)
    paths = args.input if len(args.input) > 1 else glob.glob(os.path.expanduser(args.input[0]))
    for path in paths:
        img = cv2.imread(path)
        feat = demo.run_on_image(img)
        name = os.path.splitext(os.path.basename(path))[0]
        np.save(os.path.join(args.output, name + ".npy"), feat.numpy())
