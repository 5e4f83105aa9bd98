# Runnable companion of good.py for the runtime check (docs/runtime.md): the weights are
# made on the logits' device. Runs clean under simulated CUDA.
import torch
from torch import nn


class WeightedLoss(nn.Module):
    def forward(self, logits, labels):
        weights = torch.tensor([0.2, 0.8], device=logits.device)
        weighted = logits.log_softmax(-1) * weights
        return -weighted.gather(1, labels[:, None]).mean()


if __name__ == "__main__":
    logits = torch.randn(4, 2, device="cuda")
    labels = torch.tensor([0, 1, 1, 0], device="cuda")
    print(WeightedLoss()(logits, labels))
