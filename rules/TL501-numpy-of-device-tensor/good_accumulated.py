# The same statistic kept in Python numbers: `.item()` brings each loss to the host.
import numpy as np
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
        return np.sqrt(self.squares / self.count - mean * mean)


def log_step(stats, losses):
    stats.update(losses["reconstruction"].item())
    return stats.std()


def fit(model, batches, device):
    stats = RunningStd()
    for inputs, targets in batches:
        loss = F.l1_loss(model(inputs.to(device)), targets.to(device))
        loss.backward()
        log_step(stats, {"reconstruction": loss})


def exp_on_host(logits):
    # np.exp of a tensor on the CPU gives a tensor back: nothing to flag.
    return np.exp(logits.float() - 1.0)
