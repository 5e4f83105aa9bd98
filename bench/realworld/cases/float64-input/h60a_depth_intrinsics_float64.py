# source: https://github.com/lpiccinelli-eth/UniDepth/issues/9
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: helper, batch-dict
# bug-lines: 46, 67, 71
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Metric depth for a sequence of video frames with user-given pinhole intrinsics."""
import argparse

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class RayConditionedDepth(nn.Module):
    def __init__(self, feat_dim=64):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(3, feat_dim, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(feat_dim, feat_dim, 3, stride=2, padding=1), nn.ReLU(),
        )
        self.ray_proj = nn.Conv2d(3, feat_dim, 1)
        self.head = nn.Conv2d(feat_dim, 1, 3, padding=1)

    def camera_rays(self, K, h, w):
        ys, xs = torch.meshgrid(
            torch.arange(h, device=K.device, dtype=torch.float32),
            torch.arange(w, device=K.device, dtype=torch.float32),
            indexing="ij",
        )
        pix = torch.stack([xs, ys, torch.ones_like(xs)], dim=-1).reshape(-1, 3)
        rays = pix @ torch.inverse(K).transpose(-1, -2)
        return F.normalize(rays, dim=-1).T.reshape(1, 3, h, w)

    @torch.no_grad()
    def infer(self, rgb, K):
        feats = self.encoder(rgb)
        h, w = feats.shape[-2:]
        rays = self.camera_rays(K, h, w)
        return F.softplus(self.head(feats + self.ray_proj(rays)))


def build_intrinsics(fx, fy, cx, cy, scale=0.25):
    K = torch.from_numpy(np.array([[fx, 0.0, cx], [0.0, fy, cy], [0.0, 0.0, 1.0]]))
    K[:2] *= scale
    return K


def load_clip(path, device):
    frames = np.load(path)  # (T, H, W, 3) uint8
    video = torch.from_numpy(frames).permute(0, 3, 1, 2).float().div(255.0)
    return video.to(device)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clip", default="assets/kitchen_clip.npy")
    parser.add_argument("--fx", type=float, default=860.73)
    parser.add_argument("--fy", type=float, default=859.77)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = RayConditionedDepth().to(device).eval()
    video = load_clip(args.clip, device)
    sample = {"rgb": video, "K": build_intrinsics(args.fx, args.fy, 645.56, 353.41).to(device)}

    depths = []
    for t in range(sample["rgb"].shape[0]):
        depths.append(model.infer(sample["rgb"][t : t + 1], sample["K"]))
    np.save("depth.npy", torch.cat(depths).cpu().numpy())


if __name__ == "__main__":
    main()
