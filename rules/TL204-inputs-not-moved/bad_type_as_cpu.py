# `.type_as(t)` takes t's whole type, device included: with t on the CPU, it moves
# the GPU labels there, and they meet the GPU logits.
import torch
from torch import nn


class WeightedBrier(nn.Module):
    def __init__(self, class_weights):
        super().__init__()
        self.class_weights = class_weights

    def forward(self, logits, labels):
        labels = labels.type_as(self.class_weights)  # expect: TL204:25 lines=26,25,14
        per_class = (logits.sigmoid() - labels) ** 2
        return (per_class * self.class_weights).mean()


def train_step(model, criterion, images, labels, device):
    logits = model(images.to(device))
    return criterion(logits, labels.to(device))


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = nn.Linear(16, 3).to(device)
    criterion = WeightedBrier(torch.tensor([1.0, 4.0, 2.0]))
    print(train_step(model, criterion, torch.randn(8, 16), torch.randint(0, 2, (8, 3)), device))
