# source: https://github.com/xinntao/Real-ESRGAN/issues/306
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, loader-loop, batch-dict
# looks-like: half-on-cpu
# needs: torch, numpy, cv2
# cpu: no written where torch was not installed; not run
"""Recurrent video super-resolution over fixed-length clips. fp16 is only
used when the clip actually runs on a CUDA device; CPU runs stay fp32."""
import argparse

import cv2
import numpy as np
import torch


def pick_runtime(want_fp16: bool):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.float16 if (want_fp16 and device.type == "cuda") else torch.float32
    return device, dtype


def read_clips(path, clip_len=15):
    cap = cv2.VideoCapture(path)
    frames = []
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        frames.append(frame[:, :, ::-1].astype(np.float32) / 255.0)
        if len(frames) == clip_len:
            yield {"lq": np.stack(frames)}
            frames = []
    if frames:
        yield {"lq": np.stack(frames)}
    cap.release()


def upscale_clip(model, clip, device, dtype):
    lq = torch.from_numpy(clip["lq"]).permute(0, 3, 1, 2).unsqueeze(0)
    lq = lq.to(device=device, dtype=dtype)
    with torch.no_grad():
        sr = model(lq)
    sr = sr.squeeze(0).float().clamp(0, 1).permute(0, 2, 3, 1).cpu().numpy()
    return (sr[..., ::-1] * 255.0).round().astype(np.uint8)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--video", required=True)
    ap.add_argument("--model", required=True, help="TorchScript BasicVSR-style model")
    ap.add_argument("--out", default="sr.mp4")
    ap.add_argument("--fp16", action="store_true")
    args = ap.parse_args()

    device, dtype = pick_runtime(args.fp16)
    model = torch.jit.load(args.model, map_location="cpu").eval()
    model = model.to(device=device, dtype=dtype)

    writer = None
    for clip in read_clips(args.video):
        for frame in upscale_clip(model, clip, device, dtype):
            if writer is None:
                h, w = frame.shape[:2]
                writer = cv2.VideoWriter(args.out, cv2.VideoWriter_fourcc(*"mp4v"), 25, (w, h))
            writer.write(frame)
    if writer is not None:
        writer.release()


if __name__ == "__main__":
    main()
