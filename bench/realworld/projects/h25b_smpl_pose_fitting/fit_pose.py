# source: https://github.com/iPERDance/iPERCore/issues/70
# error: RuntimeError: Tensor for argument #3 'mat2' is on CPU, but expected it to be on GPU (while checking arguments for addmm)
# pattern: tensor-attribute-not-buffer
# shape: class, multi-file, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Fit per-sequence SMPL shape + per-frame translation to triangulated 3D keypoints."""
import argparse

import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from body_model import SMPLBody


def fit_sequence(body, keypoints, device, iters=200, lr=0.05):
    loader = DataLoader(TensorDataset(torch.from_numpy(keypoints)), batch_size=64, shuffle=False)
    betas = torch.zeros(1, body.num_betas, device=device, requires_grad=True)
    results = []
    for (target,) in loader:
        target = target.to(device)
        transl = target.mean(dim=1).clone().requires_grad_(True)
        opt = torch.optim.Adam([betas, transl], lr=lr)
        for _ in range(iters):
            _, joints = body(betas.expand(target.size(0), -1), transl)
            loss = (joints[:, : target.size(1)] - target).pow(2).sum(-1).mean()
            loss = loss + 1e-3 * betas.pow(2).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
        results.append(transl.detach().cpu())
    return betas.detach().cpu(), torch.cat(results)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--smpl", default="models/SMPL_NEUTRAL.pkl")
    parser.add_argument("--keypoints", required=True, help="(T, J, 3) array in metres")
    parser.add_argument("--out", default="fit.npz")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    body = SMPLBody(args.smpl).to(device)
    keypoints = np.load(args.keypoints).astype(np.float32)
    betas, transl = fit_sequence(body, keypoints, device)
    np.savez(args.out, betas=betas.numpy(), transl=transl.numpy())
    print(f"fitted {len(transl)} frames, betas={betas.numpy().round(3)}")


if __name__ == "__main__":
    main()
