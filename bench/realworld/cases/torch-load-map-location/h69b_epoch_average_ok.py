# source: https://github.com/k2-fsa/icefall/pull/344
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, batch-dict
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
"""Average the model weights of epochs [start, end] before decoding (checkpoint averaging)."""
import argparse
from pathlib import Path

import torch


def load_checkpoint_weights(filename, device):
    checkpoint = torch.load(filename, map_location=device)
    return checkpoint["model"], checkpoint.get("batch_idx_train", 0)


def average_checkpoints(filenames, device=torch.device("cpu")):
    avg, _ = load_checkpoint_weights(filenames[0], device)
    uniqued = {}
    for name, value in avg.items():
        ptr = value.data_ptr()
        if ptr not in uniqued:
            uniqued[ptr] = name
    keys = [name for name in uniqued.values() if avg[name].is_floating_point()]
    for filename in filenames[1:]:
        state, _ = load_checkpoint_weights(filename, device)
        for k in keys:
            avg[k] += state[k]
    for k in keys:
        avg[k] /= len(filenames)
    return avg


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--exp-dir", type=Path, default=Path("conformer_ctc/exp"))
    parser.add_argument("--epoch", type=int, default=30)
    parser.add_argument("--avg", type=int, default=5)
    args = parser.parse_args()

    start = args.epoch - args.avg + 1
    filenames = [args.exp_dir / f"epoch-{i}.pt" for i in range(start, args.epoch + 1)]
    averaged = average_checkpoints(filenames)
    out = args.exp_dir / f"averaged-epoch-{start}-{args.epoch}.pt"
    torch.save({"model": averaged}, out)
    print(f"saved {out}")


if __name__ == "__main__":
    main()
