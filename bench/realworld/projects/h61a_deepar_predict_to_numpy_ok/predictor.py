# source: https://github.com/awslabs/gluonts/pull/1230
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper, class, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Predictor that turns network sample paths into numpy forecasts for evaluation."""
import numpy as np
import torch

from network import DeepARNet


def tensor_to_numpy(t):
    return t.detach().cpu().numpy()


class SampleForecast:
    def __init__(self, samples, item_id):
        self.samples, self.item_id = samples, item_id

    def quantile(self, q):
        return np.quantile(self.samples, q, axis=0)

    @property
    def mean(self):
        return self.samples.mean(axis=0)


class PyTorchPredictor:
    def __init__(self, net: DeepARNet, prediction_length, context_length, device="cuda", batch_size=32):
        self.net = net.to(device).eval()
        self.device = device
        self.prediction_length = prediction_length
        self.context_length = context_length
        self.batch_size = batch_size

    def predict(self, dataset):
        for start in range(0, len(dataset), self.batch_size):
            entries = dataset[start:start + self.batch_size]
            past = np.stack([e["target"][-self.context_length:] for e in entries]).astype(np.float32)
            past = torch.from_numpy(past).to(self.device)
            paths = self.net.sample_paths(past, self.prediction_length)
            paths_np = tensor_to_numpy(paths)
            for entry, item_paths in zip(entries, paths_np):
                yield SampleForecast(item_paths, entry["item_id"])
