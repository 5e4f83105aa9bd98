import torch
from torch import nn


def evaluate(loader, device):
    head = nn.Linear(16, 4).to(device)
    head.eval()
    for batch in loader:
        for key, value in batch.items():
            if torch.is_tensor(value):
                batch[key] = value.to(device)
        with torch.no_grad():
            scores = head(batch["features"])
        print(scores.argmax(-1))


def evaluate_on_cpu(loader):
    # Only the entries a test picks are moved: the others stay where they were.
    head = nn.Linear(16, 4)
    for batch in loader:
        for key in list(batch.keys()):
            if key != "features":
                batch[key] = batch[key].cuda()
        print(head(batch["features"]).argmax(-1))
