# source: https://github.com/DashAISoftware/dashAI/pull/679
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# bug-lines: 49
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def build_backbone(num_classes):
    return nn.Sequential(
        nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(4),
        nn.Flatten(), nn.Linear(8 * 16, num_classes),
    )


class CNNImageClassifier:
    def __init__(self, num_classes=3, epochs=1, lr=1e-3, device=None):
        self.num_classes = num_classes
        self.epochs = epochs
        self.lr = lr
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.model = build_backbone(num_classes)

    def fit(self, images, labels):
        self.model.to(self.device)
        opt = torch.optim.Adam(self.model.parameters(), lr=self.lr)
        loader = DataLoader(TensorDataset(images, labels), batch_size=8, shuffle=True)
        self.model.train()
        for _ in range(self.epochs):
            for x, y in loader:
                x, y = x.to(self.device), y.to(self.device)
                loss = nn.functional.cross_entropy(self.model(x), y)
                opt.zero_grad()
                loss.backward()
                opt.step()
        return self

    def predict(self, images):
        self.model.eval()
        loader = DataLoader(TensorDataset(images), batch_size=8)
        preds = []
        with torch.no_grad():
            for (x,) in loader:
                x = x.to(self.device)
                preds.append(self.model(x).argmax(1).cpu())
        return torch.cat(preds)
