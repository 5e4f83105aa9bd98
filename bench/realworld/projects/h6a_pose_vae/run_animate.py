# source: https://github.com/kijai/ComfyUI-WanVideoWrapper/issues/1448
# error: RuntimeError: Input type (CUDABFloat16Type) and weight type (CPUBFloat16Type) should be the same
# pattern: module-cast-not-placed
# shape: multi-file, helper
# needs: torch, numpy, imageio
# cpu: no written where torch was not installed; not run
import argparse

import imageio.v3 as iio
import numpy as np
import torch

from pose_encode import encode_pose_latents
from vae_loader import load_wan_vae


def read_video(path, max_frames=None):
    frames = iio.imread(path, plugin="pyav")
    if max_frames is not None:
        frames = frames[:max_frames]
    return torch.from_numpy(np.asarray(frames, dtype=np.float32) / 255.0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_dir", default="Wan-AI/Wan2.1-I2V-14B-480P-Diffusers")
    parser.add_argument("--pose_video", required=True)
    parser.add_argument("--precision", default="bf16", choices=["bf16", "fp16", "fp32"])
    parser.add_argument("--frames", type=int, default=81)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    vae, dtype = load_wan_vae(args.model_dir, args.precision)
    pose = read_video(args.pose_video, args.frames)
    pose_latents = encode_pose_latents(vae, pose, device, dtype)
    torch.save(pose_latents.cpu(), "pose_latents.pt")
    print("pose latents:", tuple(pose_latents.shape), pose_latents.dtype)


if __name__ == "__main__":
    main()
