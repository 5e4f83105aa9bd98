# source: https://github.com/rish-16/tokenlearner-pytorch/issues/5
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: class, loader-loop
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class SpatialAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(2, 1, kernel_size=1), nn.BatchNorm2d(1), nn.ReLU())

    def forward(self, x):
        pooled = torch.cat([x.max(1, keepdim=True)[0], x.mean(1, keepdim=True)], dim=1)
        return x * torch.sigmoid(self.conv(pooled))


class TokenLearner(nn.Module):
    def __init__(self, S):
        super().__init__()
        attn_blocks = []
        for _ in range(S):
            attn_blocks.append(SpatialAttention())
        self.tokenizers = nn.ModuleList(attn_blocks)

    def forward(self, x):
        tokens = [tok(x).flatten(2).mean(-1) for tok in self.tokenizers]
        return torch.stack(tokens, dim=1)


class Classifier(nn.Module):
    def __init__(self, dim=96, num_tokens=8, num_classes=10):
        super().__init__()
        self.stem = nn.Conv2d(3, dim, kernel_size=4, stride=4)
        self.token_learner = TokenLearner(num_tokens)
        self.head = nn.Linear(dim, num_classes)

    def forward(self, x):
        return self.head(self.token_learner(F.gelu(self.stem(x))).mean(1))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = TensorDataset(torch.randn(512, 3, 32, 32), torch.randint(0, 10, (512,)))
    loader = DataLoader(data, batch_size=64, shuffle=True)
    model = Classifier().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        loss = F.cross_entropy(model(images), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(loss.item())
