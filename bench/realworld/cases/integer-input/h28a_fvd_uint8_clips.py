# source: https://github.com/JunyaoHu/common_metrics_on_video_quality/issues/21
# error: RuntimeError: "compute_indices_weights_linear" not implemented for 'Byte'
# pattern: integer-input
# shape: helper, loader-loop
# bug-lines: 21, 27
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
"""FVD between generated and reference clips with a TorchScript I3D feature detector."""
import glob

import numpy as np
import torch
import torch.nn.functional as F
from scipy import linalg


def load_clips(folder, num_frames=16):
    clips = []
    for path in sorted(glob.glob(f"{folder}/*.npy")):
        clips.append(np.load(path)[:num_frames])  # decoded frames, (T, H, W, C)
    return torch.from_numpy(np.stack(clips).astype(np.uint8)).permute(0, 4, 1, 2, 3)


def preprocess_single(video, resolution=224):
    # video: (C, T, H, W), values expected in [0, 1]
    frames = video.permute(1, 0, 2, 3)
    frames = F.interpolate(frames, size=(resolution, resolution), mode="bilinear", align_corners=False)
    frames = frames.permute(1, 0, 2, 3).contiguous()
    return 2.0 * frames - 1.0


def get_feats(videos, detector, device, bs=8):
    feats = []
    for i in range(0, len(videos), bs):
        batch = torch.stack([preprocess_single(v) for v in videos[i:i + bs]]).to(device)
        with torch.no_grad():
            out = detector(batch, rescale=False, resize=False, return_features=True)
        feats.append(out.cpu().numpy())
    return np.concatenate(feats)


def frechet_distance(f1, f2):
    mu1, mu2 = f1.mean(0), f2.mean(0)
    s1, s2 = np.cov(f1, rowvar=False), np.cov(f2, rowvar=False)
    covmean, _ = linalg.sqrtm(s1 @ s2, disp=False)
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1 + s2 - 2 * covmean.real))


def calculate_fvd(videos1, videos2, device):
    detector = torch.jit.load("i3d_torchscript.pt").eval().to(device)
    feats1 = get_feats(videos1, detector, device)
    feats2 = get_feats(videos2, detector, device)
    return frechet_distance(feats1, feats2)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    real = load_clips("data/real_clips")
    fake = load_clips("outputs/samples")
    print("FVD:", calculate_fvd(real, fake, device))
