# source: https://github.com/BiomedSciAI/histocartography/issues/60
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, loader-loop, helper
# bug-lines: 43
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Classify BRACS-style regions of interest (tumour subtypes) from nuclei cell graphs."""
import argparse

import numpy as np
import pandas as pd
import torch

from cell_gnn import CellGraphClassifier, knn_adjacency
from features import NucleiPatchFeatureExtractor


def load_region(row):
    tile = np.load(row["tile_path"])              # H x W x 3 uint8
    centroids = np.load(row["centroids_path"])    # N x 2 (x, y)
    return tile, centroids


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--regions", default="bracs_test_regions.csv")
    parser.add_argument("--ckpt", default="cell_gnn.pt")
    parser.add_argument("--gpu", type=int, default=1, help="GPU index (GPU 0 is busy)")
    args = parser.parse_args()

    device = torch.device(f"cuda:{args.gpu}")
    extractor = NucleiPatchFeatureExtractor()
    gnn = CellGraphClassifier().to(device).eval()
    gnn.load_state_dict(torch.load(args.ckpt, map_location=device))

    preds = []
    for _, row in pd.read_csv(args.regions).iterrows():
        tile, centroids = load_region(row)
        feats = extractor(tile, centroids)
        adj = knn_adjacency(torch.from_numpy(centroids).float().to(device))
        with torch.no_grad():
            logits = gnn(feats, adj)
        preds.append(int(logits.argmax()))
    print(pd.Series(preds).value_counts())


if __name__ == "__main__":
    main()
