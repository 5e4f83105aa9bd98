# source: https://github.com/ANYMS-A/Skeleton_Aware_Networks_for_Deep_Motion_Retargeting/issues/1
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: helper, batch-dict
# bug-lines: 59, 61
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Retarget one motion clip from skeleton A to skeleton B with pretrained encoders."""
import argparse

import numpy as np
import torch
import torch.nn as nn


class StaticEncoder(nn.Module):
    def __init__(self, joints, channels=64):
        super().__init__()
        self.conv1by1 = nn.Conv1d(3, channels, kernel_size=1)
        self.pool = nn.AdaptiveAvgPool1d(1)

    def forward(self, offsets):
        return self.pool(torch.relu(self.conv1by1(offsets))).squeeze(-1)


class DynamicEncoder(nn.Module):
    def __init__(self, joints, channels=128):
        super().__init__()
        self.conv = nn.Conv1d(joints * 4, channels, kernel_size=3, padding=1)

    def forward(self, motion, static_latent):
        return torch.relu(self.conv(motion)) + static_latent.mean(dim=1, keepdim=True).unsqueeze(-1)


def load_clip(npz_path):
    data = np.load(npz_path)
    return {
        "offsets": torch.from_numpy(data["offsets"]).float().unsqueeze(0),
        "motion": torch.from_numpy(data["rotations"]).float().unsqueeze(0),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("clip")
    parser.add_argument("--ckpt", default="checkpoints/retarget_a2b.pth")
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    ckpt = torch.load(args.ckpt, map_location="cpu")
    static_enc_a = StaticEncoder(joints=22).to(device)
    dynamic_enc_a = DynamicEncoder(joints=22).to(device)
    static_enc_a.load_state_dict(ckpt["static_a"])
    dynamic_enc_a.load_state_dict(ckpt["dynamic_a"])
    static_enc_a.eval(); dynamic_enc_a.eval()

    clip = load_clip(args.clip)
    motion_a = clip["motion"].to(device)
    static_a = clip["offsets"]
    with torch.no_grad():
        s_latent_a = static_enc_a(static_a)
        d_latent_a = dynamic_enc_a(motion_a, s_latent_a)
    np.save("latent_a.npy", d_latent_a.cpu().numpy())


if __name__ == "__main__":
    main()
