# source: https://github.com/ultralytics/yolov5/pull/5110
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run

import argparse

import torch
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
import torchvision.transforms as T
from torchvision.ops import batched_nms

from yolo import TinyYolo


def xywh2xyxy(b):
    return torch.cat((b[..., :2] - b[..., 2:] / 2, b[..., :2] + b[..., 2:] / 2), -1)


def postprocess(pred, conf_thres=0.25, iou_thres=0.45):
    results = []
    for p in pred:
        p = p[p[:, 4] > conf_thres]
        scores, labels = (p[:, 5:] * p[:, 4:5]).max(1)
        boxes = xywh2xyxy(p[:, :4])
        keep = batched_nms(boxes, scores, labels, iou_thres)
        results.append(torch.cat((boxes[keep], scores[keep, None], labels[keep, None].float()), 1))
    return results


@torch.no_grad()
def run(weights, source, device, batch_size=16):
    model = TinyYolo(nc=80)
    model.load_state_dict(torch.load(weights, map_location="cpu"))
    model.to(device).eval()
    loader = DataLoader(ImageFolder(source, T.Compose([T.Resize((640, 640)), T.ToTensor()])),
                        batch_size=batch_size, num_workers=4)
    n_det = 0
    for imgs, _ in loader:
        pred = model(imgs.to(device, non_blocking=True))
        n_det += sum(len(d) for d in postprocess(pred))
    return n_det


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="runs/train/exp/weights/tiny_yolo.pt")
    parser.add_argument("--source", default="data/images")
    parser.add_argument("--device", default="cuda:0")
    opt = parser.parse_args()
    print("detections:", run(opt.weights, opt.source, torch.device(opt.device)))
