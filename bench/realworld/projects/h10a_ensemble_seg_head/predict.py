# source: https://github.com/fideus-labs/KonfAI/pull/26
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-added-after-placement
# shape: multi-file, class
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse
import glob

import numpy as np
import torch

from ensemble import EnsemblePredictor


def load_volume(path):
    vol = np.load(path).astype(np.float32)
    vol = (vol - vol.mean()) / (vol.std() + 1e-6)
    return torch.from_numpy(vol)[None, None]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("volume")
    parser.add_argument("--models", default="checkpoints/fold_*.pt")
    parser.add_argument("--out", default="segmentation.npy")
    args = parser.parse_args()

    predictor = EnsemblePredictor(sorted(glob.glob(args.models)), device="cuda")
    probs = predictor.predict(load_volume(args.volume))
    labels = probs.argmax(dim=1)[0].cpu().numpy().astype(np.uint8)
    np.save(args.out, labels)
    print("saved", args.out, "classes present:", np.unique(labels))


if __name__ == "__main__":
    main()
