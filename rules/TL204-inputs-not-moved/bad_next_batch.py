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
    # one batch taken by hand before training: the features are moved, the tags not
    feats, tags = next(iter(loader))
    loss = F.cross_entropy(model(feats.to(device)), tags)  # expect: TL204:12 lines=25,26
    print(f"initial loss {loss.item():.3f}")


if __name__ == "__main__":
    device = torch.device("cuda")
    data = TensorDataset(torch.randn(40, 16), torch.randint(0, 5, (40,)))
    smoke_test(Tagger().to(device), DataLoader(data, batch_size=8), device)
