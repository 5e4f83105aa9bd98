# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL402 --confirm rules/TL402-legacy-tensor-constructor/runtime_bad.py
# `torch.FloatTensor(...)` always makes a CPU tensor: class weights made in `forward`
# fail against GPU logits.
import torch
from torch import nn


class WeightedLoss(nn.Module):
    def forward(self, logits, labels):
        weights = torch.FloatTensor([0.2, 0.8])  # expect: TL402:19 lines=12
        weighted = logits.log_softmax(-1) * weights
        return -weighted.gather(1, labels[:, None]).mean()


if __name__ == "__main__":
    logits = torch.randn(4, 2, device="cuda")
    labels = torch.tensor([0, 1, 1, 0], device="cuda")
    print(WeightedLoss()(logits, labels))
