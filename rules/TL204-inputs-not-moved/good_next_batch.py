import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(16, 5)

    def forward(self, x):
        return self.fc(x)


def smoke_test(model, loader, device):
    feats, tags = next(iter(loader))
    feats, tags = feats.to(device), tags.to(device)
    loss = F.cross_entropy(model(feats), tags)
    print(f"initial loss {loss.item():.3f}")


def shapes(loader):
    # a batch only looked at, on the CPU
    feats, tags = next(iter(loader))
    return feats.shape, tags.shape


if __name__ == "__main__":
    device = torch.device("cuda")
    data = TensorDataset(torch.randn(40, 16), torch.randint(0, 5, (40,)))
    smoke_test(Tagger().to(device), DataLoader(data, batch_size=8), device)
    print(shapes(DataLoader(data, batch_size=8)))
