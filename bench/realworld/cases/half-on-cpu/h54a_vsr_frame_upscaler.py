# source: https://github.com/xinntao/Real-ESRGAN/issues/710
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, loader-loop
# bug-lines: 29, 36
# needs: torch, numpy, cv2, basicsr
# cpu: no written where torch was not installed; not run
"""Frame-by-frame x4 video upscaling with an RRDB generator."""
import argparse

import cv2
import numpy as np
import torch
from basicsr.archs.rrdbnet_arch import RRDBNet


class FrameUpscaler:
    def __init__(self, weights: str, scale: int = 4, half: bool = True, device=None):
        if device is None:
            device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.device = device
        self.scale = scale
        self.half = half
        net = RRDBNet(num_in_ch=3, num_out_ch=3, num_feat=64, num_block=23, num_grow_ch=32, scale=scale)
        state = torch.load(weights, map_location="cpu")
        net.load_state_dict(state.get("params_ema", state), strict=True)
        self.net = net.eval().to(self.device)
        if self.half:
            self.net = self.net.half()

    @torch.no_grad()
    def enhance(self, frame_bgr: np.ndarray) -> np.ndarray:
        img = torch.from_numpy(frame_bgr[:, :, ::-1].copy()).permute(2, 0, 1).float() / 255.0
        img = img.unsqueeze(0).to(self.device)
        if self.half:
            img = img.half()
        out = self.net(img).float().clamp_(0, 1)
        out = out.squeeze(0).permute(1, 2, 0).cpu().numpy()[:, :, ::-1]
        return (out * 255.0).round().astype(np.uint8)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-i", "--input", required=True)
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--weights", default="weights/RealESRGAN_x4plus.pth")
    args = ap.parse_args()

    upscaler = FrameUpscaler(args.weights)
    cap = cv2.VideoCapture(args.input)
    fps = cap.get(cv2.CAP_PROP_FPS)
    writer = None
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        sr = upscaler.enhance(frame)
        if writer is None:
            h, w = sr.shape[:2]
            writer = cv2.VideoWriter(args.output, cv2.VideoWriter_fourcc(*"mp4v"), fps, (w, h))
        writer.write(sr)
    cap.release()
    if writer is not None:
        writer.release()


if __name__ == "__main__":
    main()
