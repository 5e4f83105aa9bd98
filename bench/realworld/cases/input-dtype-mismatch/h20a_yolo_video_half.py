# source: https://github.com/ayooshkathuria/pytorch-yolo-v3/issues/123 https://github.com/ayooshkathuria/pytorch-yolo-v3/issues/29
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: helper, loader-loop
# bug-lines: 64, 76
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
import argparse
import time

import cv2
import numpy as np
import torch
import torch.nn as nn


class TinyYolo(nn.Module):
    def __init__(self, num_classes=80, num_anchors=3):
        super().__init__()
        chans = [3, 16, 32, 64, 128, 256]
        layers = []
        for cin, cout in zip(chans, chans[1:]):
            layers += [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout),
                       nn.LeakyReLU(0.1), nn.MaxPool2d(2)]
        self.backbone = nn.Sequential(*layers)
        self.head = nn.Conv2d(256, num_anchors * (5 + num_classes), 1)

    def forward(self, x, CUDA=False):
        out = self.head(self.backbone(x))
        b, _, h, w = out.shape
        return out.view(b, -1, 85, h * w).permute(0, 3, 1, 2).reshape(b, -1, 85)


def prep_image(img, inp_dim):
    img = cv2.resize(img, (inp_dim, inp_dim))[:, :, ::-1].transpose(2, 0, 1).copy()
    return torch.from_numpy(img).float().div(255.0).unsqueeze(0)


def get_test_input(inp_dim, CUDA):
    img = np.random.randint(0, 255, (inp_dim, inp_dim, 3), dtype=np.uint8)
    img_ = prep_image(img, inp_dim)
    return img_.cuda() if CUDA else img_


def arg_parse():
    parser = argparse.ArgumentParser(description="YOLO v3 video detection (fp16)")
    parser.add_argument("--video", default="video.avi")
    parser.add_argument("--weights", default="tiny_yolo.pth")
    parser.add_argument("--reso", type=int, default=416)
    parser.add_argument("--confidence", type=float, default=0.5)
    return parser.parse_args()


if __name__ == "__main__":
    args = arg_parse()
    CUDA = torch.cuda.is_available()
    model = TinyYolo()
    model.load_state_dict(torch.load(args.weights, map_location="cpu"))
    inp_dim = args.reso
    if CUDA:
        model.cuda().half()
    model.eval()
    with torch.no_grad():
        model(get_test_input(inp_dim, CUDA), CUDA)

    cap = cv2.VideoCapture(args.video)
    frames, start = 0, time.time()
    while cap.isOpened():
        ret, frame = cap.read()
        if not ret:
            break
        img = prep_image(frame, inp_dim)
        if CUDA:
            img = img.cuda()
        with torch.no_grad():
            output = model(img, CUDA)
        keep = output[0][:, 4] > args.confidence
        frames += 1
        print(f"frame {frames}: {int(keep.sum())} boxes, {frames / (time.time() - start):.1f} FPS")
    cap.release()
