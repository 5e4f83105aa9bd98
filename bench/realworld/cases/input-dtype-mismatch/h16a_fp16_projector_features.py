# source: https://github.com/InternLM/InternLM-XComposer/issues/317 https://github.com/ToTheBeginning/PuLID/issues/162
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Half
# pattern: input-dtype-mismatch
# shape: class, loader-loop, helper
# bug-lines: 53, 54
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import glob

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class CachedVisionFeatures(Dataset):
    """Patch features pre-extracted by the vision tower and stored as .npy (float32)."""

    def __init__(self, pattern):
        self.files = sorted(glob.glob(pattern))

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        feats = np.load(self.files[idx]).astype(np.float32)  # [num_patches, 1024]
        return torch.from_numpy(feats)


class VisionProjector(nn.Module):
    """Two-layer MLP mapping vision patches into the LLM embedding space."""

    def __init__(self, vis_dim=1024, llm_dim=4096):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(vis_dim, llm_dim), nn.GELU(), nn.Linear(llm_dim, llm_dim))

    def forward(self, x):
        return self.net(x)


def load_projector(path, device):
    proj = VisionProjector()
    proj.load_state_dict(torch.load(path, map_location="cpu"))
    return proj.to(device=device, dtype=torch.float16).eval()


@torch.no_grad()
def export_image_tokens(feature_glob, ckpt, out_path, device="cuda"):
    projector = load_projector(ckpt, device)
    loader = DataLoader(CachedVisionFeatures(feature_glob), batch_size=32, num_workers=4)
    chunks = []
    for feats in loader:
        feats = feats.to(device, non_blocking=True)
        tokens = projector(feats)
        chunks.append(tokens.float().cpu())
    torch.save(torch.cat(chunks), out_path)


if __name__ == "__main__":
    export_image_tokens("cache/vit_l14/*.npy", "projector.pt", "image_tokens.pt")
