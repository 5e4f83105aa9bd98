# Only the dtype is taken from the CPU weights, which go where the loss is computed.
import torch
from torch import nn


class WeightedBrier(nn.Module):
    def __init__(self, class_weights):
        super().__init__()
        self.class_weights = class_weights

    def forward(self, logits, labels):
        labels = labels.to(self.class_weights.dtype)
        per_class = (logits.sigmoid() - labels) ** 2
        return (per_class * self.class_weights.to(per_class.device)).mean()


def train_step(model, criterion, images, labels, device):
    logits = model(images.to(device))
    return criterion(logits, labels.to(device))


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = nn.Linear(16, 3).to(device)
    criterion = WeightedBrier(torch.tensor([1.0, 4.0, 2.0]))
    print(train_step(model, criterion, torch.randn(8, 16), torch.randint(0, 2, (8, 3)), device))
