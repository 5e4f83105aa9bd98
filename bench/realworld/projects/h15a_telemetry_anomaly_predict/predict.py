# source: https://github.com/ML4ITS/mtad-gat-pytorch/issues/23
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# bug-lines: 20, 37
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Load a trained forecaster and score a held-out telemetry file."""
import argparse
import json

import numpy as np
import torch

from model import TelemetryForecaster
from predictor import Predictor


def load_model(run_dir, n_features, window_size):
    model = TelemetryForecaster(n_features, window_size)
    state = torch.load(f"{run_dir}/model.pt", map_location="cpu")
    model.load_state_dict(state)
    return model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--run_dir", default="output/SMAP/latest")
    parser.add_argument("--test_file", default="datasets/SMAP/test.npy")
    parser.add_argument("--use_cuda", action="store_true", default=True)
    args = parser.parse_args()

    with open(f"{args.run_dir}/config.json") as f:
        cfg = json.load(f)
    test = np.load(args.test_file).astype(np.float32)

    model = load_model(args.run_dir, cfg["n_features"], cfg["window_size"])
    predictor = Predictor(model, cfg["window_size"], cfg["n_features"],
                          gamma=cfg.get("gamma", 0.8), use_cuda=args.use_cuda)
    scores, labels = predictor.predict_anomalies(test, threshold=cfg["threshold"])
    print(f"{labels.sum()} anomalous timesteps out of {len(labels)}")


if __name__ == "__main__":
    main()
