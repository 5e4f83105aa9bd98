# Runnable companion of good.py for the runtime check (docs/runtime.md): the head is
# attached first and the whole model moved after. Runs clean under simulated CUDA.
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
    model.classifier = nn.Linear(16, num_labels)
    model.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for x, y in batches:
        loss = F.cross_entropy(model(x.to(device)), y.to(device))
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()


if __name__ == "__main__":
    finetune(Encoder(), [(torch.randn(4, 8), torch.tensor([0, 1, 2, 1]))], 3, torch.device("cuda"))
