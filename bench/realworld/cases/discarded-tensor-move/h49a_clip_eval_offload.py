# source: https://github.com/Lightning-AI/pytorch-lightning/issues/6214
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: discarded-tensor-move
# shape: class, loader-loop
# bug-lines: 26, 39
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Validation pass for a 3D-CNN action recognizer; per-clip logits are offloaded before aggregation."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class ClipEvaluator:
    def __init__(self, model, device, offload_to_cpu=True):
        self.model = model
        self.device = device
        self.offload_to_cpu = offload_to_cpu
        self._logits = []
        self._labels = []

    def _collect(self, logits, labels):
        logits = logits.detach()
        if self.offload_to_cpu:
            logits.cpu()
        self._logits.append(logits)
        self._labels.append(labels.numpy())

    @torch.no_grad()
    def run(self, loader):
        self.model.eval()
        for clips, labels in loader:
            clips = clips.to(self.device, non_blocking=True)
            self._collect(self.model(clips), labels)
        return self.summarize()

    def summarize(self):
        scores = np.concatenate([chunk.numpy() for chunk in self._logits])
        labels = np.concatenate(self._labels)
        top1 = (scores.argmax(axis=1) == labels).mean()
        return {"top1": float(top1), "n_clips": int(labels.shape[0])}


def build_model(num_actions=10):
    return nn.Sequential(
        nn.Conv3d(3, 16, kernel_size=3, padding=1),
        nn.ReLU(inplace=True),
        nn.AdaptiveAvgPool3d(1),
        nn.Flatten(),
        nn.Linear(16, num_actions),
    )


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    clips = torch.randn(40, 3, 8, 56, 56)
    labels = torch.randint(0, 10, (40,))
    loader = DataLoader(TensorDataset(clips, labels), batch_size=8)
    evaluator = ClipEvaluator(build_model().to(device), device)
    print(evaluator.run(loader))
