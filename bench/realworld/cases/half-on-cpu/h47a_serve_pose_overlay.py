# source: https://github.com/WongKinYiu/yolov7/pull/502
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, top-level
# bug-lines: 24
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Keypoint overlay for tennis serve clips, used by the coaching staff to review
racket-arm angles frame by frame. Runs on the analyst laptops as well as on the
GPU box in the video room."""
import sys

import numpy as np
import torch
from PIL import Image

DEVICE = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
INPUT_SIZE = 960


def load_pose_net(ckpt_path):
    ckpt = torch.load(ckpt_path, map_location=DEVICE)
    net = ckpt["model"]
    net = net.half().to(DEVICE)
    net.eval()
    return net


def letterbox(frame, size=INPUT_SIZE):
    h, w = frame.shape[:2]
    scale = size / max(h, w)
    new_w, new_h = int(round(w * scale)), int(round(h * scale))
    resized = np.asarray(Image.fromarray(frame).resize((new_w, new_h)))
    canvas = np.full((size, size, 3), 114, dtype=np.uint8)
    canvas[:new_h, :new_w] = resized
    return canvas, scale


def frame_to_tensor(frame):
    img = torch.from_numpy(frame).permute(2, 0, 1).float() / 255.0
    img = img.unsqueeze(0)
    if torch.cuda.is_available():
        img = img.half().to(DEVICE)
    return img


def serve_keypoints(net, frames):
    results = []
    with torch.no_grad():
        for frame in frames:
            padded, scale = letterbox(frame)
            out, _ = net(frame_to_tensor(padded))
            kpts = out[0].float().cpu().numpy()
            results.append((kpts / scale, scale))
    return results


if __name__ == "__main__":
    pose_net = load_pose_net(sys.argv[1])
    # (T, H, W, 3) uint8 frames exported from the court-side camera
    clip = np.load(sys.argv[2])
    for idx, (kpts, scale) in enumerate(serve_keypoints(pose_net, clip)):
        print(f"frame {idx}: {kpts.shape[0]} detections (scale {scale:.3f})")
