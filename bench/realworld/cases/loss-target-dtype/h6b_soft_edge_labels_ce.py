# source: https://github.com/George730/E-ResGAT/issues/5
# error: RuntimeError: expected scalar type Long but found Float
# pattern: loss-target-dtype
# looks-like: loss-target-dtype
# shape: helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Edge classifier for intrusion detection, trained on label-smoothed class distributions."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

NUM_CLASSES = 5


def smooth_labels(labels, num_classes, eps=0.1):
    """Hard class ids -> float distributions; CrossEntropyLoss accepts these as-is."""
    one_hot = F.one_hot(labels, num_classes).float()
    return one_hot * (1.0 - eps) + eps / num_classes


class EdgeMLP(nn.Module):
    def __init__(self, in_dim, hidden=128, num_classes=NUM_CLASSES):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(in_dim, hidden), nn.ReLU(), nn.Dropout(0.2),
                                 nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, num_classes))

    def forward(self, x):
        return self.net(x)


def fit(edge_features, edge_labels, epochs=20, device="cuda"):
    loader = DataLoader(TensorDataset(edge_features, edge_labels), batch_size=256, shuffle=True)
    model = EdgeMLP(edge_features.shape[1]).to(device)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        model.train()
        total, correct, seen = 0.0, 0, 0
        for feats, labels in loader:
            feats, labels = feats.to(device), labels.to(device)
            logits = model(feats)
            targets = smooth_labels(labels, NUM_CLASSES)
            loss = loss_fn(logits, targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * labels.size(0)
            correct += (logits.argmax(1) == labels).sum().item()
            seen += labels.size(0)
        print(f"epoch {epoch}: loss {total / seen:.4f} acc {correct / seen:.4f}")
    return model


if __name__ == "__main__":
    feats = torch.randn(10000, 64)
    labels = torch.randint(0, NUM_CLASSES, (10000,))
    fit(feats, labels, device="cuda" if torch.cuda.is_available() else "cpu")
