# source: https://github.com/Tencent/FaceDetection-DSFD/issues/83
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper
# bug-lines: 46
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run

import argparse
import glob
import os

import cv2
import numpy as np
import torch

from face_ssd import build_dsfd  # project-local DSFD definition

MEANS = np.array([104.0, 117.0, 123.0], dtype=np.float32)


def to_input(img, shrink, device):
    if shrink != 1:
        img = cv2.resize(img, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_LINEAR)
    x = torch.from_numpy(img.astype(np.float32) - MEANS).permute(2, 0, 1)
    return x.unsqueeze(0).to(device)


@torch.no_grad()
def infer(net, img, thresh, shrink, device):
    x = to_input(img, shrink, device)
    detections = net(x)  # [1, num_classes, top_k, 5] on the GPU
    h, w = img.shape[:2]
    scale = torch.tensor([w / shrink, h / shrink, w / shrink, h / shrink], device=detections.device)
    det = []
    for cls in range(1, detections.size(1)):
        j = 0
        while j < detections.size(2) and detections[0, cls, j, 0] >= thresh:
            score = detections[0, cls, j, 0]
            pt = (detections[0, cls, j, 1:] * scale).cpu().numpy()
            det.append([pt[0], pt[1], pt[2], pt[3], score])
            j += 1
    if not det:
        det = [[0.1, 0.1, 0.2, 0.2, 0.01]]
    # boxes were pulled to host above, the score column was not
    det = np.array(det, dtype=np.float32)
    keep = np.where(det[:, 4] >= 0)[0]
    return det[keep, :]


def infer_flip(net, img, thresh, shrink, device):
    flipped = cv2.flip(img, 1)
    det = infer(net, flipped, thresh, shrink, device)
    out = det.copy()
    out[:, 0] = img.shape[1] - det[:, 2]
    out[:, 2] = img.shape[1] - det[:, 0]
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="weights/WIDERFace_DSFD_RES152.pth")
    parser.add_argument("--images", default="data/widerface_val")
    parser.add_argument("--thresh", type=float, default=0.01)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = build_dsfd("test", 640, 2)
    net.load_state_dict(torch.load(args.weights, map_location="cpu"))
    net.to(device).eval()

    for path in sorted(glob.glob(os.path.join(args.images, "*.jpg"))):
        img = cv2.imread(path)
        dets = np.vstack([infer(net, img, args.thresh, 0.5, device),
                          infer_flip(net, img, args.thresh, 1.0, device)])
        print(os.path.basename(path), dets.shape[0])


if __name__ == "__main__":
    main()
