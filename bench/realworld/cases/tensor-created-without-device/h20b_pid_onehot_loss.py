# source: https://github.com/graphnet-team/graphnet/issues/328
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, batch-dict, loader-loop
# bug-lines: 35, 37
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Classify detector pulses as noise / muon / neutrino from their particle id."""
import numpy as np
import torch
import torch.nn as nn
from torch.nn.functional import cross_entropy, one_hot

# PDG id -> class index: noise 0, muon 1, neutrino 2
PID_TO_CLASS = {1: 0, 13: 1, 12: 2, 14: 2, 16: 2}


class LossFunction(nn.Module):
    def forward(self, prediction, target, weights=None):
        elements = self._forward(prediction, target)
        if weights is not None:
            elements = elements * weights
        return elements.mean()

    def _forward(self, prediction, target):
        raise NotImplementedError


class PidCrossEntropyLoss(LossFunction):
    def __init__(self, num_classes=3):
        super().__init__()
        self.num_classes = num_classes

    def _forward(self, prediction, target):
        class_idx = torch.tensor([PID_TO_CLASS[abs(int(p))] for p in target])
        target_onehot = one_hot(class_idx, self.num_classes)
        return cross_entropy(prediction.float(), target_onehot.float(), reduction="none")


class EventClassifier(nn.Module):
    def __init__(self, n_features=32, num_classes=3):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(n_features, 128), nn.GELU(), nn.Linear(128, num_classes))

    def forward(self, batch):
        return self.net(batch["features"])


def event_batches(n_batches=100, batch_size=256):
    pids = np.array([1, -1, 13, -13, 12, -12, 14, -14, 16, -16])
    for _ in range(n_batches):
        yield {
            "features": torch.randn(batch_size, 32),
            "pid": torch.from_numpy(np.random.choice(pids, batch_size)),
        }


def main():
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = EventClassifier().to(device)
    loss_fn = PidCrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
    for step, batch in enumerate(event_batches()):
        batch = {key: value.to(device) for key, value in batch.items()}
        logits = model(batch)
        loss = loss_fn(logits, batch["pid"])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 20 == 0:
            print(f"step {step} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
