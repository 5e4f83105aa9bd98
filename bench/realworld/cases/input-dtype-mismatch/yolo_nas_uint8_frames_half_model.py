# source: https://github.com/naseemap47/YOLO-NAS/issues/22 https://github.com/Deci-AI/super-gradients/issues/1239
# error: RuntimeError: Input type (torch.cuda.ByteTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: helper, loader-loop
# bug-lines: 35
# cpu: raises "Input type (unsigned char) and bias type (float)"
# needs: torch, numpy
import argparse

import numpy as np
import torch
import torch.nn as nn


class YoloNAS(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.ReLU(),
                                      nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.ReLU())
        self.head = nn.Conv2d(16, 4 + num_classes, 1)

    def forward(self, x):
        return self.head(self.backbone(x))


def load_model(num_classes, device):
    model = YoloNAS(num_classes).eval().to(device)
    if device.type == "cuda":
        model = model.half()  # fused fp16 inference
    return model


def preprocess(frame_bgr, device):
    img_rgb = np.ascontiguousarray(frame_bgr[..., ::-1])
    return torch.from_numpy(img_rgb).permute(2, 0, 1).unsqueeze(0).to(device)


def read_frames(n=3, h=32, w=32):
    for _ in range(n):
        yield (np.random.rand(h, w, 3) * 255).astype(np.uint8)


@torch.no_grad()
def get_bbox(model, frame, device, conf):
    preds = model(preprocess(frame, device))
    scores = preds[:, 4:].sigmoid().amax(1)
    return (scores > conf).nonzero().tolist()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--num", type=int, default=1)
    ap.add_argument("--conf", type=float, default=0.45)
    args = ap.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = load_model(args.num, device)
    for i, frame in enumerate(read_frames()):
        print(i, len(get_bbox(model, frame, device, args.conf)))
