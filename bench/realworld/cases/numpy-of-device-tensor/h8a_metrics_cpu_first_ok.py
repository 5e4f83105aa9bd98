# source: https://github.com/Aifred-Health/VulcanAI/issues/112
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# looks-like: numpy-of-device-tensor
# shape: class, loader-loop, helper
# needs: torch, numpy, sklearn
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from sklearn import metrics as skm


class Metrics:
    """Scores a trained network on a test loader with sklearn metrics."""

    def __init__(self, device=None):
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")

    @torch.no_grad()
    def _collect(self, network, loader):
        network.eval()
        preds, targets = [], []
        for data, target in loader:
            logits = network(data.to(self.device))
            preds.append(logits.argmax(dim=1))
            targets.append(target)
        # a single host copy at the end instead of one per batch
        return torch.cat(preds).cpu(), torch.cat(targets)

    @staticmethod
    def get_score(predictions, targets, metric="accuracy"):
        if isinstance(predictions, torch.Tensor):
            predictions = predictions.numpy()
        if isinstance(targets, torch.Tensor):
            targets = targets.detach().cpu().numpy()
        if metric == "accuracy":
            return skm.accuracy_score(targets, predictions)
        if metric == "macro_f1":
            return skm.f1_score(targets, predictions, average="macro")
        if metric == "confusion":
            return skm.confusion_matrix(targets, predictions)
        raise ValueError(metric)

    def run_test(self, network, loader, metrics=("accuracy", "macro_f1")):
        predictions, targets = self._collect(network, loader)
        report = {m: self.get_score(predictions, targets, m) for m in metrics}
        report["per_class_counts"] = np.bincount(predictions.numpy())
        return report


if __name__ == "__main__":
    from torch.utils.data import DataLoader, TensorDataset

    net = torch.nn.Sequential(torch.nn.Linear(20, 64), torch.nn.ReLU(), torch.nn.Linear(64, 4))
    m = Metrics()
    net.to(m.device)
    data = TensorDataset(torch.randn(512, 20), torch.randint(0, 4, (512,)))
    print(m.run_test(net, DataLoader(data, batch_size=64)))
