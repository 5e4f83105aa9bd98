# source: https://github.com/1adrianb/face-alignment/issues/292
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 41
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Detect faces, crop around each box and run a 2D landmark network (FAN-style)."""
import argparse
import glob

import cv2
import numpy as np
import torch

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
REFERENCE_SCALE = 195.0


def box_to_center_scale(box):
    # box is one row of the detector output: x1, y1, x2, y2, score
    center = torch.stack([box[2] - (box[2] - box[0]) / 2.0,
                          box[3] - (box[3] - box[1]) / 2.0])
    center[1] = center[1] - (box[3] - box[1]) * 0.12
    scale = (box[2] - box[0] + box[3] - box[1]) / REFERENCE_SCALE
    return center, scale.item()


def to_crop_coords(point, center, scale, res):
    h = 200.0 * scale
    t = np.eye(3)
    t[0, 0] = res / h
    t[1, 1] = res / h
    t[0, 2] = res * (-center[0] / h + 0.5)
    t[1, 2] = res * (-center[1] / h + 0.5)
    t = np.linalg.inv(t)
    return np.dot(t, np.array([point[0], point[1], 1.0]))[:2].astype(np.int32)


def crop(image, center, scale, res=256):
    c = center.numpy()
    ul = to_crop_coords([1, 1], c, scale, res)
    br = to_crop_coords([res, res], c, scale, res)
    patch = image[max(ul[1], 0):br[1], max(ul[0], 0):br[0]]
    return cv2.resize(patch, (res, res))


@torch.no_grad()
def get_landmarks(detector, fan, image):
    inp = torch.from_numpy(image.transpose(2, 0, 1)).float().unsqueeze(0).to(DEVICE)
    boxes = detector(inp)[0]
    results = []
    for box in boxes:
        if box[4] < 0.5:
            continue
        center, scale = box_to_center_scale(box)
        patch = crop(image, center, scale)
        x = torch.from_numpy(patch.transpose(2, 0, 1)).float().div(255.0)
        heatmaps = fan(x.unsqueeze(0).to(DEVICE))[-1]
        results.append(heatmaps.cpu().numpy())
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", default="faces/*.jpg")
    parser.add_argument("--detector", default="sfd_detector.pt")
    parser.add_argument("--fan", default="fan_2d.pt")
    args = parser.parse_args()

    detector = torch.jit.load(args.detector, map_location=DEVICE).eval()
    fan = torch.jit.load(args.fan, map_location=DEVICE).eval()
    for path in sorted(glob.glob(args.images)):
        image = cv2.cvtColor(cv2.imread(path), cv2.COLOR_BGR2RGB)
        preds = get_landmarks(detector, fan, image)
        print(path, len(preds), "faces")


if __name__ == "__main__":
    main()
