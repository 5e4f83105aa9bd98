# source: https://github.com/TaoRuijie/TalkNet-ASD/issues/56
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, loader-loop
# bug-lines: 43, 44
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Score every face track of a clip and write per-frame speaking probabilities."""
import argparse
import json

import numpy as np
import torch

from asd_model import TalkNetScorer


def load_tracks(n_tracks=3, n_frames=75, seed=0):
    """Stand-in for the face tracker: grayscale 112x112 crops plus 4x-rate MFCC windows."""
    rng = np.random.default_rng(seed)
    for track_id in range(n_tracks):
        faces = rng.random((n_frames, 112, 112), dtype=np.float32)
        mfcc = rng.normal(size=(n_frames * 4, 13)).astype(np.float32)
        yield track_id, mfcc, faces


def smooth(scores, width=5):
    kernel = np.ones(width) / width
    return np.convolve(scores, kernel, mode="same")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="pretrain_TalkSet.model")
    parser.add_argument("--out", default="asd_scores.json")
    args = parser.parse_args()

    scorer = TalkNetScorer()
    scorer.load_parameters(args.weights)

    results = {}
    for track_id, mfcc, faces in load_tracks():
        audio = torch.from_numpy(mfcc).unsqueeze(0).cuda()
        video = torch.from_numpy(faces).unsqueeze(0).cuda()
        scores = smooth(scorer.score_track(audio, video))
        results[str(track_id)] = [round(float(s), 3) for s in scores]
        print(f"track {track_id}: speaking in {(scores > 0.5).mean():.0%} of frames")

    with open(args.out, "w") as fh:
        json.dump(results, fh)


if __name__ == "__main__":
    main()
