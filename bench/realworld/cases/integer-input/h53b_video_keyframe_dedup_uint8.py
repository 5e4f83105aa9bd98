# source: https://github.com/naseemap47/YOLO-NAS/pull/27
# error: RuntimeError: Input type (torch.cuda.ByteTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: integer-input
# shape: helper, loader-loop
# bug-lines: 35, 36
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Drop near-identical frames from a video before annotation, using fp16 EfficientNet embeddings."""
import argparse

import torch
import torch.nn.functional as F
from torchvision.io import read_video
from torchvision.models import EfficientNet_B0_Weights, efficientnet_b0
from torchvision.transforms.v2 import functional as TF


def load_embedder(device):
    net = efficientnet_b0(weights=EfficientNet_B0_Weights.IMAGENET1K_V1)
    net.classifier = torch.nn.Identity()
    return net.half().to(device).eval()


def load_frames(path, stride, size=224):
    frames, _, info = read_video(path, pts_unit="sec", output_format="TCHW")
    frames = frames[::stride]
    frames = TF.resize(frames, [size, size], antialias=True)
    return frames, info.get("video_fps", 30.0) / stride


@torch.inference_mode()
def embed_frames(model, frames, device, batch_size=64):
    out = []
    for i in range(0, frames.size(0), batch_size):
        batch = frames[i:i + batch_size].to(device, non_blocking=True)
        emb = model(batch)
        out.append(F.normalize(emb.float(), dim=1))
    return torch.cat(out)


def keep_indices(emb, threshold=0.92):
    keep = [0]
    for i in range(1, emb.size(0)):
        if torch.dot(emb[i], emb[keep[-1]]).item() < threshold:
            keep.append(i)
    return keep


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("video")
    parser.add_argument("--stride", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.92)
    args = parser.parse_args()

    device = torch.device("cuda")
    model = load_embedder(device)
    frames, fps = load_frames(args.video, args.stride)
    kept = keep_indices(embed_frames(model, frames, device), args.threshold)
    print(f"kept {len(kept)}/{frames.size(0)} frames at {fps:.1f} fps")
    for idx in kept:
        print(f"{idx / fps:.2f}s")
