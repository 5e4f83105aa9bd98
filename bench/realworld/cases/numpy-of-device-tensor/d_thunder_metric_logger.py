# source: https://github.com/neuro-ml/thunder/issues/49
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: loader-loop, batch-dict, class
# bug-lines: 31
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def accuracy(preds, targets):
    return float((preds.argmax(-1) == targets).mean())


class MetricLogger:
    def __init__(self, metrics):
        self.metrics = metrics
        self._all_predictions = []

    def on_validation_batch_end(self, outputs, batch):
        _, y = batch
        for pred, target in zip(outputs, y):
            self._all_predictions.append((pred, target))

    def evaluate_epoch(self):
        if not self._all_predictions:
            return {}
        predictions, targets = map(np.asarray, zip(*self._all_predictions))
        self._all_predictions.clear()
        return {name: fn(predictions, targets) for name, fn in self.metrics.items()}


def validate(model, loader, logger, device):
    model.eval()
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            logits = model(x)
            logger.on_validation_batch_end(logits, (x, y))
    return logger.evaluate_epoch()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    ds = TensorDataset(torch.randn(32, 8), torch.randint(0, 3, (32,)))
    loader = DataLoader(ds, batch_size=8)
    model = nn.Linear(8, 3).to(device)
    logger = MetricLogger({"accuracy": accuracy})
    print(validate(model, loader, logger, device))
