# source: https://github.com/kadirnar/Yolov6-SAHI/pull/4
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, class, helper
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
import argparse
import glob
import os

import numpy as np
import torch
from PIL import Image

from detector import Yolov6DetectionModel


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="weights/yolov6s_tiny.pt")
    parser.add_argument("--source", default="images/")
    parser.add_argument("--conf", type=float, default=0.4)
    args = parser.parse_args()

    device = "cuda:0" if torch.cuda.is_available() else "cpu"
    detector = Yolov6DetectionModel(args.weights, device=device, confidence_threshold=args.conf)

    for path in sorted(glob.glob(os.path.join(args.source, "*.jpg"))):
        image = np.asarray(Image.open(path).convert("RGB"))
        detector.perform_inference(image)
        for det in detector.object_predictions():
            print(os.path.basename(path), det["category"], f"{det['score']:.2f}", det["bbox"])


if __name__ == "__main__":
    main()
