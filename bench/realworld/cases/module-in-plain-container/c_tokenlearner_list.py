# source: https://github.com/rish-16/tokenlearner-pytorch/issues/4
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: class, loader-loop
# bug-lines: 38
# cpu: clean
# needs: torch
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class SpatialAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(2, 1, kernel_size=(1, 1), stride=1),
            nn.BatchNorm2d(1),
            nn.ReLU())
        self.sgap = nn.AvgPool2d(2)

    def forward(self, x):
        B, H, W, C = x.shape
        x = x.reshape(B, C, H, W)
        mx = torch.max(x, 1)[0].unsqueeze(1)
        avg = torch.mean(x, 1).unsqueeze(1)
        combined = torch.cat([mx, avg], dim=1)
        fmap = self.conv(combined)
        weight_map = torch.sigmoid(fmap)
        out = (x * weight_map).mean(dim=(-2, -1))
        return out, x * weight_map


class TokenLearner(nn.Module):
    def __init__(self, S):
        super().__init__()
        self.S = S
        self.tokenizers = [SpatialAttention() for _ in range(S)]

    def forward(self, x):
        B, _, _, C = x.shape
        Z = x.new_empty(B, self.S, C)
        for i in range(self.S):
            Ai, _ = self.tokenizers[i](x)
            Z[:, i, :] = Ai
        return Z


class TokenClassifier(nn.Module):
    def __init__(self, channels=32, n_tokens=8, n_classes=5):
        super().__init__()
        self.stem = nn.Conv2d(3, channels, 3, padding=1)
        self.learner = TokenLearner(n_tokens)
        self.head = nn.Linear(channels, n_classes)

    def forward(self, img):
        feats = self.stem(img).permute(0, 2, 3, 1)
        tokens = self.learner(feats)
        return self.head(tokens.mean(dim=1))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TokenClassifier().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    data = TensorDataset(torch.randn(16, 3, 14, 14), torch.randint(0, 5, (16,)))
    for img, label in DataLoader(data, batch_size=4):
        img, label = img.to(device), label.to(device)
        loss = nn.functional.cross_entropy(model(img), label)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(loss.item())
