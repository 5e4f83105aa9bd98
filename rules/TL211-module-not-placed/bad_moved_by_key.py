import torch
from torch import nn


def evaluate(loader, device):
    head = nn.Linear(16, 4)  # expect: TL211:12 lines=13,15
    head.eval()
    for batch in loader:
        # Moved in place, key by key: after the loop every tensor of the batch is
        # on `device`, and the head was never moved.
        for key, value in batch.items():
            if torch.is_tensor(value):
                batch[key] = value.to(device)
        with torch.no_grad():
            scores = head(batch["features"])
        print(scores.argmax(-1))
