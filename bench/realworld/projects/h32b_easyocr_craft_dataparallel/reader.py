# source: https://github.com/JaidedAI/EasyOCR/pull/50
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, class
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run

import os
import sys

import cv2
import torch

from detection import get_detector, get_textbox


class Reader:
    def __init__(self, model_dir="~/.EasyOCR/model", gpu=True, canvas_size=2560):
        if gpu and torch.cuda.is_available():
            self.device = "cuda"
        else:
            self.device = "cpu"
        self.canvas_size = canvas_size
        detector_path = os.path.join(os.path.expanduser(model_dir), "craft_mlt_25k.pth")
        self.detector = get_detector(detector_path, self.device)

    def detect(self, image_path):
        image = cv2.cvtColor(cv2.imread(image_path), cv2.COLOR_BGR2RGB)
        return get_textbox(self.detector, image, self.canvas_size, self.device)


if __name__ == "__main__":
    reader = Reader(gpu=True)
    for path in sys.argv[1:]:
        boxes = reader.detect(path)
        print(path, len(boxes), "text regions")
