# source: https://github.com/Zielon/MICA/issues/9
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, loader-loop
# looks-like: hard-coded-cuda
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Identity-to-shape regression demo (face embedding -> 3DMM shape -> mesh), CPU, CUDA or MPS."""
import argparse
import glob
import os

import numpy as np
import torch
import torch.nn as nn


def pick_device(requested):
    if requested == "cuda" and torch.cuda.is_available():
        return torch.device("cuda")
    if requested == "mps" and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


class ShapeRegressor(nn.Module):
    def __init__(self, id_dim=512, n_shape=300, n_verts=5023, basis_path="assets/shape_basis.npy"):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(id_dim, 300), nn.LeakyReLU(0.1), nn.Linear(300, n_shape))
        basis = torch.from_numpy(np.load(basis_path)).float() if os.path.exists(basis_path) else torch.zeros(n_verts * 3, n_shape)
        self.register_buffer("shape_basis", basis)
        self.register_buffer("template", torch.zeros(n_verts, 3))

    def forward(self, id_embedding):
        betas = self.mlp(id_embedding)
        offsets = (betas @ self.shape_basis.T).view(betas.shape[0], -1, 3)
        return self.template + offsets, betas


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--embeddings", default="demo/arcface")
    parser.add_argument("--ckpt", default="pretrained/shape_regressor.pth")
    parser.add_argument("--device", default="cuda", choices=["cuda", "mps", "cpu"])
    args = parser.parse_args()

    device = pick_device(args.device)
    use_cuda = device.type == "cuda"
    if use_cuda:
        torch.backends.cudnn.benchmark = True
        print(f"running on {torch.cuda.get_device_name(device)}")

    model = ShapeRegressor()
    model.load_state_dict(torch.load(args.ckpt, map_location="cpu"))
    model = model.to(device).eval()

    os.makedirs("output", exist_ok=True)
    for path in sorted(glob.glob(os.path.join(args.embeddings, "*.npy"))):
        emb = torch.from_numpy(np.load(path)).float()[None]
        emb = emb.cuda(non_blocking=True) if use_cuda else emb.to(device)
        with torch.no_grad():
            verts, betas = model(torch.nn.functional.normalize(emb, dim=-1))
        name = os.path.splitext(os.path.basename(path))[0]
        np.save(os.path.join("output", f"{name}_verts.npy"), verts[0].cpu().numpy())
        np.save(os.path.join("output", f"{name}_betas.npy"), betas[0].cpu().numpy())
    if use_cuda:
        print(f"peak memory {torch.cuda.max_memory_allocated(device) / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
