# source: https://github.com/sacdallago/biotrainer/issues/11
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Residue-level classification solver: one training step per batch."""
import torch
from torch import nn

from metrics import MetricsCalculator


class ResidueSolver:
    def __init__(self, network, optimizer, num_classes, device):
        self.device = device
        self.network = network.to(device)
        self.optimizer = optimizer
        self.loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
        self.metrics_calculator = MetricsCalculator(num_classes)

    def training_iteration(self, x, y):
        self.network.train()
        x = x.to(self.device)
        y = y.to(self.device)
        self.optimizer.zero_grad()
        logits = self.network(x)                      # (B, L, C)
        loss = self.loss_fn(logits.permute(0, 2, 1), y)
        loss.backward()
        self.optimizer.step()
        metrics = self.metrics_calculator.compute(logits.detach(), y)
        metrics["loss"] = loss.item()
        return metrics

    def train(self, train_loader, num_epochs):
        history = []
        for epoch in range(num_epochs):
            epoch_iterations = []
            for x, y in train_loader:
                epoch_iterations.append(self.training_iteration(x, y))
            summary = MetricsCalculator.average(epoch_iterations)
            print(f"epoch {epoch}: {summary}")
            history.append(summary)
        return history
