# source: https://github.com/yatengLG/Focal-Loss-Pytorch/issues/17
# error: RuntimeError: Expected object of backend CPU but got backend CUDA for argument #3 'index'
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 22, 30
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train a small surface-defect classifier with a class-weighted focal loss."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class FocalLoss(nn.Module):
    """-alpha_t * (1 - p_t) ** gamma * log(p_t), alpha given per class."""

    def __init__(self, alpha, gamma=2.0, reduction="mean"):
        super().__init__()
        self.gamma = gamma
        self.reduction = reduction
        self.alpha = torch.tensor(alpha, dtype=torch.float32)

    def forward(self, logits, targets):
        logits = logits.view(-1, logits.size(-1))
        targets = targets.view(-1)
        log_probs = F.log_softmax(logits, dim=1)
        log_pt = log_probs.gather(1, targets.unsqueeze(1)).squeeze(1)
        pt = log_pt.exp()
        alpha_t = self.alpha.gather(0, targets)
        loss = -alpha_t * (1.0 - pt) ** self.gamma * log_pt
        if self.reduction == "sum":
            return loss.sum()
        return loss.mean()


def make_loader(n=2048, n_features=64, n_classes=3, batch_size=64):
    x = torch.randn(n, n_features)
    y = torch.randint(0, n_classes, (n,))
    return DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=True)


def train(epochs=5):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = nn.Sequential(
        nn.Linear(64, 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, 3)
    ).to(device)
    # background class is down-weighted, scratch / dent up-weighted
    criterion = FocalLoss(alpha=[0.25, 0.75, 0.75], gamma=2.0).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = make_loader()

    for epoch in range(epochs):
        running = 0.0
        for features, labels in loader:
            features, labels = features.to(device), labels.to(device)
            optimizer.zero_grad()
            loss = criterion(model(features), labels)
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch}: focal loss {running / len(loader):.4f}")


if __name__ == "__main__":
    train()
