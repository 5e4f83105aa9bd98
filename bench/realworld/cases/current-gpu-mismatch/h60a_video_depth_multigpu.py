# source: https://github.com/DepthAnything/Depth-Anything-V2/pull/284
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1! (when checking argument for argument weight in method wrapper_CUDA__cudnn_convolution)
# pattern: current-gpu-mismatch
# shape: class, loader-loop
# bug-lines: 40
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Per-frame relative depth for a video, run on a chosen GPU of a shared box."""
import argparse

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DEVICE = "cuda" if torch.cuda.is_available() else "cpu"
MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


class TinyDPT(nn.Module):
    def __init__(self, width=64):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, width, 7, stride=4, padding=3), nn.GELU(),
            nn.Conv2d(width, width, 3, padding=1), nn.GELU(),
        )
        self.head = nn.Conv2d(width, 1, 1)

    def forward(self, x):
        return F.relu(self.head(self.stem(x)))

    def image2tensor(self, raw_bgr, input_size=518):
        h, w = raw_bgr.shape[:2]
        rgb = cv2.cvtColor(raw_bgr, cv2.COLOR_BGR2RGB).astype(np.float32) / 255.0
        rgb = cv2.resize(rgb, (input_size, input_size), interpolation=cv2.INTER_CUBIC)
        rgb = (rgb - MEAN) / STD
        image = torch.from_numpy(rgb.transpose(2, 0, 1)).unsqueeze(0)
        image = image.to(DEVICE)
        return image, (h, w)

    @torch.no_grad()
    def infer_image(self, raw_bgr, input_size=518):
        image, (h, w) = self.image2tensor(raw_bgr, input_size)
        depth = self.forward(image)
        depth = F.interpolate(depth, (h, w), mode="bilinear", align_corners=True)
        return depth[0, 0].cpu().numpy()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--video", required=True)
    parser.add_argument("--weights", default="checkpoints/tiny_dpt.pth")
    parser.add_argument("--gpu", type=int, default=1)
    args = parser.parse_args()

    device = torch.device(f"cuda:{args.gpu}")
    model = TinyDPT()
    model.load_state_dict(torch.load(args.weights, map_location="cpu"))
    model = model.to(device).eval()

    cap = cv2.VideoCapture(args.video)
    depths = []
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        depths.append(model.infer_image(frame))
    cap.release()
    np.save("video_depth.npy", np.stack(depths))


if __name__ == "__main__":
    main()
