# source: https://github.com/zihaomu/Gait_recognition_baseline_for_HID2020/issues/1
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: discarded-tensor-move
# shape: loader-loop, helper, batch-dict
# looks-like: discarded-tensor-move
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Gallery/probe evaluation for a silhouette gait-recognition baseline."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class SilhouetteSet(Dataset):
    def __init__(self, npz_path):
        data = np.load(npz_path)
        self.seqs = data["seqs"].astype(np.float32) / 255.0   # (N, T, 64, 44)
        self.ids = data["ids"]

    def __len__(self):
        return len(self.seqs)

    def __getitem__(self, i):
        return {"seq": torch.from_numpy(self.seqs[i]), "id": int(self.ids[i])}


class GaitEncoder(nn.Module):
    def __init__(self, dim=256):
        super().__init__()
        self.frame_net = nn.Sequential(
            nn.Conv2d(1, 32, 5, padding=2), nn.LeakyReLU(),
            nn.Conv2d(32, 64, 3, padding=1), nn.LeakyReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 128, 3, padding=1), nn.LeakyReLU(),
        )
        self.head = nn.Linear(128, dim)

    def forward(self, seq):
        n, t, h, w = seq.shape
        f = self.frame_net(seq.reshape(n * t, 1, h, w))
        f = f.amax(dim=(2, 3)).reshape(n, t, -1).amax(dim=1)   # temporal set pooling
        return self.head(f)


@torch.no_grad()
def extract(encoder, loader, device):
    feats, ids = [], []
    for batch in loader:
        seq = batch["seq"].to(device, non_blocking=True)
        feats.append(F.normalize(encoder(seq), dim=1).cpu())
        ids.append(batch["id"])
    return torch.cat(feats), torch.cat(ids)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    encoder = GaitEncoder()
    encoder.load_state_dict(torch.load("gait_encoder.pth", map_location="cpu"))
    encoder.to(device)
    encoder.eval()

    gallery = DataLoader(SilhouetteSet("gallery.npz"), batch_size=16)
    probe = DataLoader(SilhouetteSet("probe.npz"), batch_size=16)
    g_feat, g_id = extract(encoder, gallery, device)
    p_feat, p_id = extract(encoder, probe, device)

    dist = torch.cdist(p_feat, g_feat)
    rank1 = (g_id[dist.argmin(dim=1)] == p_id).float().mean().item()
    print(f"rank-1 accuracy: {rank1:.4f}")


if __name__ == "__main__":
    main()
