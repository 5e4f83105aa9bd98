# A running statistic starts as a Python number and grows into a tensor when a
# loss on the GPU is added to it; a numpy function then converts it.
import numpy as np
import torch
import torch.nn.functional as F


class RunningStd:
    def __init__(self):
        self.count, self.total, self.squares = 0, 0.0, 0.0

    def update(self, value):
        self.count += 1
        self.total += value
        self.squares += value * value

    def std(self):
        mean = self.total / float(self.count)
        return np.sqrt(self.squares / self.count - mean * mean)  # expect: TL501:16 lines=30


def log_step(stats, losses):
    stats.update(losses["reconstruction"])
    return stats.std()


def fit(model, batches, device):
    stats = RunningStd()
    for inputs, targets in batches:
        loss = F.l1_loss(model(inputs.to(device)), targets.to(device))
        loss.backward()
        log_step(stats, {"reconstruction": loss})
