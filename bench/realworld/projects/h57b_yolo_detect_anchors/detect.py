# source: https://github.com/ultralytics/yolov5/pull/2297
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
"""Run the trained detector over a folder of images and print the kept boxes."""
import argparse
from pathlib import Path

import torch
from PIL import Image
from torchvision.ops import batched_nms
from torchvision.transforms.functional import to_tensor

from model import TinyYolo


def postprocess(pred, conf_thres=0.25, iou_thres=0.45):
    out = []
    for p in pred:
        p = p[p[:, 4] > conf_thres]
        scores, labels = (p[:, 5:] * p[:, 4:5]).max(1)
        boxes = torch.cat((p[:, :2] - p[:, 2:4] / 2, p[:, :2] + p[:, 2:4] / 2), 1)
        keep = batched_nms(boxes, scores, labels, iou_thres)
        out.append((boxes[keep], scores[keep], labels[keep]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", default="runs/train/exp/weights/best.pt")
    ap.add_argument("--source", default="data/images")
    ap.add_argument("--device", default="cuda:0")
    opt = ap.parse_args()

    device = torch.device(opt.device)
    model = TinyYolo(nc=80)
    model.load_state_dict(torch.load(opt.weights, map_location="cpu"))
    model.to(device).eval()

    for path in sorted(Path(opt.source).glob("*.jpg")):
        img = to_tensor(Image.open(path).convert("RGB").resize((640, 640))).unsqueeze(0).to(device)
        with torch.no_grad():
            boxes, scores, labels = postprocess(model(img))[0]
        print(f"{path.name}: {len(boxes)} objects")


if __name__ == "__main__":
    main()
