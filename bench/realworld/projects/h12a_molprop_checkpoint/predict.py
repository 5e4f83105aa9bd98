# source: https://github.com/chemprop/chemprop/issues/1028 https://github.com/chemprop/chemprop/issues/949
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper, class
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch

from checkpoint import best_checkpoint
from model import FingerprintRegressor


def parse_args():
    parser = argparse.ArgumentParser(description="Predict properties from precomputed Morgan fingerprints")
    parser.add_argument("--model-dir", required=True)
    parser.add_argument("--fingerprints", required=True, help=".npy file of shape [n_molecules, 2048]")
    parser.add_argument("--output", default="preds.csv")
    parser.add_argument("--accelerator", choices=["cpu", "gpu"], default="cpu")
    parser.add_argument("--batch-size", type=int, default=256)
    return parser.parse_args()


def main():
    args = parse_args()
    device = torch.device("cuda" if args.accelerator == "gpu" else "cpu")
    ckpt_path = best_checkpoint(args.model_dir)
    model = FingerprintRegressor.load_from_checkpoint(ckpt_path, map_location=device)
    fps = torch.from_numpy(np.load(args.fingerprints).astype(np.float32))
    outputs = []
    for start in range(0, len(fps), args.batch_size):
        batch = fps[start:start + args.batch_size].to(device)
        outputs.append(model.predict(batch).cpu())
    preds = torch.cat(outputs).numpy()
    np.savetxt(args.output, preds, delimiter=",", header="pred", comments="")
    print(f"wrote {len(preds)} predictions from {ckpt_path} to {args.output}")


if __name__ == "__main__":
    main()
