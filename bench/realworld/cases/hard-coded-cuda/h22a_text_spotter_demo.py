# source: https://github.com/MhLiao/MaskTextSpotter/issues/60
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper
# looks-like: hard-coded-cuda
# needs: torch, torchvision, numpy, opencv-python
# cpu: no written where torch was not installed; not run
import argparse

import cv2
import numpy as np
import torch
from torchvision import transforms as T

from maskrcnn_benchmark.config import cfg
from maskrcnn_benchmark.modeling.detector import build_detection_model
from maskrcnn_benchmark.utils.checkpoint import DetectronCheckpointer


class TextDemo:
    def __init__(self, cfg, min_size=800, confidence=0.7):
        self.cfg = cfg.clone()
        self.device = torch.device(cfg.MODEL.DEVICE)
        self.model = build_detection_model(cfg)
        self.model.eval()
        if self.device.type == "cuda":
            self.model.cuda(self.device)
        else:
            self.model.to(self.device)
        DetectronCheckpointer(cfg, self.model).load(cfg.MODEL.WEIGHT)
        self.confidence = confidence
        self.transform = T.Compose([
            T.ToPILImage(), T.Resize(min_size), T.ToTensor(),
            T.Lambda(lambda x: x[[2, 1, 0]] * 255),
            T.Normalize(mean=cfg.INPUT.PIXEL_MEAN, std=cfg.INPUT.PIXEL_STD),
        ])

    def run_on_opencv_image(self, image):
        tensor = self.transform(image).to(self.device)
        with torch.no_grad():
            preds = self.model([tensor])
        preds = [p.to(torch.device("cpu")) for p in preds]
        boxes = preds[0]
        keep = boxes.get_field("scores") > self.confidence
        return boxes[keep], boxes.get_field("word_texts")


def draw(image, boxes, words):
    for box, word in zip(boxes.bbox.numpy().astype(np.int32), words):
        cv2.rectangle(image, tuple(box[:2]), tuple(box[2:]), (0, 255, 0), 2)
        cv2.putText(image, word, tuple(box[:2]), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (0, 0, 255), 1)
    return image


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--config-file", required=True)
    ap.add_argument("--image", required=True)
    ap.add_argument("--cpu", action="store_true")
    args = ap.parse_args()
    cfg.merge_from_file(args.config_file)
    if args.cpu or not torch.cuda.is_available():
        cfg.merge_from_list(["MODEL.DEVICE", "cpu"])
    cfg.freeze()
    demo = TextDemo(cfg)
    img = cv2.imread(args.image)
    boxes, words = demo.run_on_opencv_image(img)
    cv2.imwrite("result.jpg", draw(img, boxes, words))
