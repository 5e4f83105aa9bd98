# source: https://github.com/awslabs/gluonts/pull/1230
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Quantile-loss evaluation of a trained DeepAR net on held-out windows."""
import numpy as np
import torch

from network import DeepARNet
from predictor import PyTorchPredictor


def weighted_quantile_loss(y, fcst_q, q):
    return 2 * np.sum(np.abs((fcst_q - y) * ((y <= fcst_q) - q))) / np.sum(np.abs(y))


def evaluate(dataset, predictor, quantiles=(0.1, 0.5, 0.9)):
    h = predictor.prediction_length
    scores = {q: [] for q in quantiles}
    truths = {e["item_id"]: e["future"][:h] for e in dataset}
    for fc in predictor.predict(dataset):
        y = truths[fc.item_id]
        for q in quantiles:
            scores[q].append(weighted_quantile_loss(y, fc.quantile(q), q))
    return {f"wQL[{q}]": float(np.mean(v)) for q, v in scores.items()}


if __name__ == "__main__":
    data = np.load("traffic_test.npz", allow_pickle=True)["entries"].tolist()
    net = DeepARNet()
    net.load_state_dict(torch.load("deepar_traffic.pt", map_location="cpu"))
    device = "cuda" if torch.cuda.is_available() else "cpu"
    predictor = PyTorchPredictor(net, prediction_length=24, context_length=168, device=device)
    print(evaluate(data, predictor))
