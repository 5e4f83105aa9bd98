# source: https://github.com/sc8668/GenScore/issues/16
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: multi-file, class, batch-dict, loader-loop
# needs: torch, pandas
# cpu: clean
"""Score every docked pose of a virtual-screening run and write a ranked table."""
import argparse

import pandas as pd
import torch
from torch.utils.data import DataLoader

from poses import DockedPoseSet, pad_collate
from scorer import PocketPairScorer


def to_device(batch, device):
    return {k: (v.to(device) if torch.is_tensor(v) else v) for k, v in batch.items()}


@torch.no_grad()
def score_poses(model, loader, device):
    model.eval()
    rows = []
    for batch in loader:
        names = batch.pop("pose_name")
        batch = to_device(batch, device)
        scores = model(batch).cpu().tolist()
        rows.extend(zip(names, scores))
    return pd.DataFrame(rows, columns=["pose", "score"]).sort_values("score", ascending=False)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--pocket", required=True)
    ap.add_argument("--poses", required=True)
    ap.add_argument("--weights", default="weights/pair_scorer.pt")
    args = ap.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = PocketPairScorer()
    model.load_state_dict(torch.load(args.weights, map_location="cpu"))
    model.to(device)
    poses = DockedPoseSet(args.pocket, args.poses, cutoff=10.0)
    loader = DataLoader(poses, batch_size=32, collate_fn=pad_collate)
    table = score_poses(model, loader, device)
    table.to_csv(args.poses.rstrip("/") + "_rescored.csv", index=False)
    print(table.head(20).to_string(index=False))
