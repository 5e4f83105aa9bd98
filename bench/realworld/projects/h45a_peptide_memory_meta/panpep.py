# source: https://github.com/bm2-lab/PanPep/issues/10
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Score peptide-TCR pairs in the zero-shot setting with a trained memory meta-learner."""
import argparse

import numpy as np
import torch

from memory_meta import MemoryMeta


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--model_path", required=True)
    p.add_argument("--peptides", required=True, help=".npy with peptide embeddings")
    p.add_argument("--tcrs", required=True, help=".npy with TCR embeddings, one block per peptide")
    p.add_argument("--update_lr", type=float, default=0.01)
    p.add_argument("--update_step", type=int, default=3)
    p.add_argument("--cpu", action="store_true")
    return p.parse_args()


def main():
    args = parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() and not args.cpu else "cpu")
    config = {"in_dim": 75 * 5, "hidden": 64, "peptide_dim": 75 * 5, "key_dim": 64}
    model = MemoryMeta(args, config).to(device)
    state = torch.load(args.model_path, map_location=device)
    model.models = state.pop("models").to(device)
    model.keys = [k.to(device) for k in state.pop("keys")]
    model.load_state_dict(state)

    peptides = torch.from_numpy(np.load(args.peptides)).float()
    tcrs = torch.from_numpy(np.load(args.tcrs)).float()
    with torch.no_grad():
        for i, pep in enumerate(peptides):
            scores = model.meta_forward_score(pep.flatten().to(device), tcrs[i].to(device))
            print(i, scores.cpu().numpy().round(3).tolist())


if __name__ == "__main__":
    main()
