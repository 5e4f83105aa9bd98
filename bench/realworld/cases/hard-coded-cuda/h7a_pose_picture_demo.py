# source: https://github.com/tensorboy/pytorch_Realtime_Multi-Person_Pose_Estimation/issues/9
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, top-level
# bug-lines: 39, 49
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
import argparse

import cv2
import numpy as np
import torch
import torch.nn as nn


def build_pose_net(n_heatmaps=19, n_pafs=38):
    backbone = nn.Sequential(
        nn.Conv2d(3, 64, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2),
        nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2),
        nn.Conv2d(128, 128, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2),
    )
    head = nn.Conv2d(128, n_heatmaps + n_pafs, 1)
    return nn.Sequential(backbone, head)


def pad_right_down_corner(img, stride=8, pad_value=128):
    h, w = img.shape[:2]
    pad_down = 0 if h % stride == 0 else stride - h % stride
    pad_right = 0 if w % stride == 0 else stride - w % stride
    padded = cv2.copyMakeBorder(img, 0, pad_down, 0, pad_right, cv2.BORDER_CONSTANT, value=(pad_value,) * 3)
    return padded, (pad_down, pad_right)


parser = argparse.ArgumentParser()
parser.add_argument("--image", default="ski.jpg")
parser.add_argument("--weights", default="pose_model.pth")
args = parser.parse_args()

model = build_pose_net().cuda()
model.load_state_dict(torch.load(args.weights, map_location="cpu"))
model.eval()

ori_img = cv2.imread(args.image)
heatmap_avg = np.zeros((ori_img.shape[0], ori_img.shape[1], 19), dtype=np.float32)
scales = [0.5, 1.0, 1.5]
for scale in scales:
    img = cv2.resize(ori_img, (0, 0), fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    padded, pad = pad_right_down_corner(img)
    image_to_test = torch.from_numpy(padded).float().permute(2, 0, 1).unsqueeze(0).cuda() / 256 - 0.5
    with torch.no_grad():
        out = model(image_to_test)
    heatmap = out[0, :19].permute(1, 2, 0).cpu().numpy()
    heatmap = cv2.resize(heatmap, (0, 0), fx=8, fy=8, interpolation=cv2.INTER_CUBIC)
    heatmap = heatmap[: padded.shape[0] - pad[0], : padded.shape[1] - pad[1]]
    heatmap_avg += cv2.resize(heatmap, (ori_img.shape[1], ori_img.shape[0])) / len(scales)

print("peak confidence per keypoint:", heatmap_avg.reshape(-1, 19).max(axis=0))
