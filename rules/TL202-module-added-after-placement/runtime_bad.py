# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL202 --confirm rules/TL202-module-added-after-placement/runtime_bad.py
# A new classification head is attached after the model went to the GPU: its weights
# stay on the CPU and the first forward fails in the head.
import torch
import torch.nn.functional as F
from torch import nn


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(8, 16), nn.ReLU())
        self.classifier = nn.Linear(16, 2)

    def forward(self, x):
        return self.classifier(self.body(x))


def finetune(model, batches, num_labels, device):
    model.to(device)
    model.classifier = nn.Linear(16, num_labels)  # expect: TL202:5 lines=21
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for x, y in batches:
        loss = F.cross_entropy(model(x.to(device)), y.to(device))
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()


if __name__ == "__main__":
    finetune(Encoder(), [(torch.randn(4, 8), torch.tensor([0, 1, 2, 1]))], 3, torch.device("cuda"))
