# source: https://github.com/cosanlab/py-feat/pull/258
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: discarded-tensor-move
# shape: multi-file, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Replays a rally exported as player crops (npz per frame) through the tracker."""
import argparse
import glob

import numpy as np
import torch

from tracker import RallyTracker


def iter_frames(rally_dir):
    for path in sorted(glob.glob(f"{rally_dir}/frame_*.npz")):
        data = np.load(path)
        yield int(data["frame_idx"]), list(data["crops"]), list(data["slots"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rally_dir")
    parser.add_argument("--weights", default="checkpoints/player_pose_w48.pt")
    args = parser.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    tracker = RallyTracker(args.weights, device=device)
    for frame_idx, crops, slots in iter_frames(args.rally_dir):
        tracker.update(frame_idx, crops, slots)
    for slot in ("near", "far"):
        print(f"{slot} player mean ankle speed: {tracker.footwork_speed(slot):.1f} px/s")


if __name__ == "__main__":
    main()
