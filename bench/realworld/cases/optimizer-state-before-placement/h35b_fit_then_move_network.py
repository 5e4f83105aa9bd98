# source: https://github.com/Aifred-Health/VulcanAI/issues/86
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: class, loader-loop, top-level
# bug-lines: 39, 70
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class BaseNetwork(nn.Module):
    """Small wrapper that owns its optimizer and criterion, keras-style."""

    def __init__(self, name, lr=1e-3):
        super().__init__()
        self.name = name
        self.lr = lr
        self.optim = None
        self.criterion = nn.CrossEntropyLoss()

    @property
    def device(self):
        return next(self.parameters()).device

    def fit(self, train_loader, epochs=1):
        if self.optim is None:
            self._init_optimizer()
        self.train()
        for epoch in range(epochs):
            total = 0.0
            for features, targets in train_loader:
                total += self._train_step(features, targets)
            print(f"[{self.name}] epoch {epoch} loss {total / len(train_loader):.4f}")
        return self

    def _init_optimizer(self):
        self.optim = torch.optim.Adam(self.parameters(), lr=self.lr)

    def _train_step(self, features, targets):
        features = features.to(self.device)
        targets = targets.to(self.device)
        self.optim.zero_grad()
        loss = self.criterion(self(features), targets)
        loss.backward()
        self.optim.step()
        return loss.item()


class OutcomeMLP(BaseNetwork):
    def __init__(self, in_dim, n_classes):
        super().__init__("outcome_mlp")
        self.body = nn.Sequential(
            nn.Linear(in_dim, 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, n_classes)
        )

    def forward(self, x):
        return self.body(x)


if __name__ == "__main__":
    x = torch.randn(512, 40)
    y = torch.randint(0, 3, (512,))
    loader = DataLoader(TensorDataset(x, y), batch_size=64, shuffle=True)

    net = OutcomeMLP(40, 3)
    net.fit(loader, epochs=1)  # quick smoke run on the CPU first
    if torch.cuda.is_available():
        net.cuda()
    net.fit(loader, epochs=20)
