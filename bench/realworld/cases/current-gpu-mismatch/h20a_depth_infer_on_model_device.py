# source: https://github.com/DepthAnything/Depth-Anything-V2/issues/258
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1! (when checking argument for argument weight in method wrapper_CUDA__cudnn_convolution)
# pattern: current-gpu-mismatch
# shape: class, helper
# looks-like: current-gpu-mismatch
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
import argparse

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


class DepthNet(nn.Module):
    def __init__(self, features=64):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(3, features, 3, stride=2, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(features, features * 2, 3, stride=2, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(features * 2, features * 4, 3, stride=2, padding=1), nn.ReLU(inplace=True))
        self.head = nn.Sequential(
            nn.Conv2d(features * 4, features, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(features, 1, 1), nn.ReLU())

    @property
    def device(self):
        return next(self.parameters()).device

    def forward(self, x):
        depth = self.head(self.encoder(x))
        return F.interpolate(depth, size=x.shape[-2:], mode="bilinear", align_corners=True)

    def image2tensor(self, raw_image, input_size=518):
        h, w = raw_image.shape[:2]
        image = cv2.cvtColor(raw_image, cv2.COLOR_BGR2RGB).astype(np.float32) / 255.0
        image = cv2.resize(image, (input_size, input_size), interpolation=cv2.INTER_CUBIC)
        image = ((image - MEAN) / STD).transpose(2, 0, 1)
        tensor = torch.from_numpy(np.ascontiguousarray(image)).unsqueeze(0)
        return tensor.to(self.device), (h, w)

    @torch.no_grad()
    def infer_image(self, raw_image, input_size=518):
        image, (h, w) = self.image2tensor(raw_image, input_size)
        depth = self.forward(image)
        depth = F.interpolate(depth, (h, w), mode="bilinear", align_corners=True)[0, 0]
        return depth.cpu().numpy()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--video", default="assets/davis_dolphins.mp4")
    parser.add_argument("--checkpoint", default="checkpoints/depthnet_small.pth")
    parser.add_argument("--device", default="cuda:1")
    args = parser.parse_args()

    model = DepthNet()
    model.load_state_dict(torch.load(args.checkpoint, map_location="cpu"))
    model = model.to(torch.device(args.device)).eval()

    cap = cv2.VideoCapture(args.video)
    while cap.isOpened():
        ok, frame_data = cap.read()
        if not ok:
            break
        depth = model.infer_image(frame_data)
        vis = (depth - depth.min()) / (depth.max() - depth.min() + 1e-8) * 255.0
        cv2.imshow("depth", vis.astype(np.uint8))
        if cv2.waitKey(1) == 27:
            break
    cap.release()
