# source: https://github.com/ultralytics/yolov5/issues/10379
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper
# bug-lines: 13, 45, 52, 65
# cpu: clean
# needs: numpy, torch

import numpy as np
import torch
import torch.nn as nn

CFG = dict(weights="", device="cpu", half=True, imgsz=64, conf_thres=0.25)


def select_device(device=""):
    if device.lower() == "cpu" or not torch.cuda.is_available():
        return torch.device("cpu")
    return torch.device(f"cuda:{device}" if device else "cuda:0")


class TinyDetector(nn.Module):
    def __init__(self, nc=3, na=3):
        super().__init__()
        self.nc, self.na = nc, na
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 16, 3, 2, 1), nn.SiLU(),
            nn.Conv2d(16, 32, 3, 2, 1), nn.SiLU(),
            nn.Conv2d(32, 64, 3, 2, 1), nn.SiLU(),
        )
        self.detect = nn.Conv2d(64, na * (nc + 5), 1)

    def forward(self, x):
        p = self.detect(self.backbone(x))
        b, _, h, w = p.shape
        return p.view(b, self.na, self.nc + 5, h, w).permute(0, 1, 3, 4, 2).reshape(b, -1, self.nc + 5).sigmoid()


def load_model(weights, device, half):
    model = TinyDetector()
    if weights:
        model.load_state_dict(torch.load(weights, map_location=device))
    model.to(device).eval()
    if half:
        model.half()
    return model


def preprocess(frame, device, half):
    im = torch.from_numpy(frame).to(device)
    im = im.permute(2, 0, 1).contiguous()
    im = im.half() if half else im.float()
    im /= 255
    return im[None]


@torch.no_grad()
def run(weights="", device="", half=False, imgsz=640, conf_thres=0.25):
    device = select_device(device)
    model = load_model(weights, device, half)
    rng = np.random.default_rng(0)
    for _ in range(3):
        frame = rng.integers(0, 256, size=(imgsz, imgsz, 3), dtype=np.uint8)
        im = preprocess(frame, device, half)
        pred = model(im)
        keep = pred[..., 4] > conf_thres
        print(f"{int(keep.sum())} boxes above {conf_thres}")


if __name__ == "__main__":
    run(**CFG)
