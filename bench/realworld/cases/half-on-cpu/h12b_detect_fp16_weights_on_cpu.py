# source: https://github.com/ultralytics/yolov5/issues/101
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.HalfTensor) should be the same
# pattern: half-on-cpu
# shape: helper, loader-loop
# bug-lines: 29
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run

import argparse
import glob

import cv2
import numpy as np
import torch


def select_device(name):
    if name == "cpu" or not torch.cuda.is_available():
        return torch.device("cpu")
    return torch.device(f"cuda:{name}" if name.isdigit() else name)


def load_detector(weights, device):
    ckpt = torch.load(weights, map_location=device, weights_only=False)
    model = ckpt["ema"] if ckpt.get("ema") is not None else ckpt["model"]
    model = model.to(device).eval()
    for p in model.parameters():
        p.requires_grad_(False)
    return model.half()


class LoadImages:
    def __init__(self, source, img_size=640):
        self.files = sorted(glob.glob(f"{source}/*.jpg"))
        self.img_size = img_size

    def __iter__(self):
        for path in self.files:
            img0 = cv2.imread(path)
            img = cv2.resize(img0, (self.img_size, self.img_size))
            img = np.ascontiguousarray(img[:, :, ::-1].transpose(2, 0, 1))
            yield path, img, img0


@torch.no_grad()
def detect(opt):
    device = select_device(opt.device)
    half = device.type != "cpu"
    model = load_detector(opt.weights, device)

    for path, img, img0 in LoadImages(opt.source, opt.img_size):
        img = torch.from_numpy(img).to(device)
        img = img.half() if half else img.float()
        img /= 255.0
        pred = model(img.unsqueeze(0))[0]
        keep = pred[..., 4] > opt.conf_thres
        print(f"{path}: {int(keep.sum())} boxes above {opt.conf_thres}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="weights/last.pt")
    parser.add_argument("--source", default="inference/images")
    parser.add_argument("--img-size", type=int, default=416)
    parser.add_argument("--conf-thres", type=float, default=0.4)
    parser.add_argument("--device", default="cpu")
    detect(parser.parse_args())
