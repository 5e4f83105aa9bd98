# source: https://github.com/awslabs/sockeye/pull/984
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, batch-dict
# bug-lines: 29
# needs: torch
# cpu: no written where torch was not installed; not run
"""Average the parameters of the best N checkpoints of a run (checkpoint averaging).

Usage: python average_ckpts.py --run-dir runs/transformer_base -n 4 --out params.avg
Typically run on the CPU packaging host after GPU training has finished.
"""
import argparse
import json
import os
from collections import OrderedDict

import torch


def find_best_checkpoints(run_dir, n, metric="perplexity"):
    with open(os.path.join(run_dir, "metrics.json")) as f:
        metrics = json.load(f)
    ranked = sorted(metrics, key=lambda m: m[metric])[:n]
    return [os.path.join(run_dir, "params.%05d" % m["checkpoint"]) for m in ranked]


def load_params(path):
    checkpoint = torch.load(path)
    return checkpoint["model"] if "model" in checkpoint else checkpoint


def average(paths):
    avg = OrderedDict()
    for i, path in enumerate(paths):
        params = load_params(path)
        for name, value in params.items():
            if not torch.is_floating_point(value):
                avg.setdefault(name, value.clone())
                continue
            if i == 0:
                avg[name] = value.clone().double()
            else:
                avg[name] += value.double()
    for name, value in avg.items():
        if torch.is_floating_point(value):
            avg[name] = (value / len(paths)).float()
    return avg


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--run-dir", required=True)
    parser.add_argument("-n", type=int, default=4)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    paths = find_best_checkpoints(args.run_dir, args.n)
    print("averaging:", ", ".join(os.path.basename(p) for p in paths))
    torch.save({"model": average(paths)}, args.out)


if __name__ == "__main__":
    main()
