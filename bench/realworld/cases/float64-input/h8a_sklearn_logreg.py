# source: https://github.com/pytorch/pytorch/issues/15436
# error: RuntimeError: Expected object of scalar type Double but got scalar type Float for argument #2 'mat2'
# pattern: float64-input
# shape: helper, loader-loop, batch-dict
# bug-lines: 33, 34
# needs: torch, sklearn
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from torch.utils.data import DataLoader, TensorDataset


class SingleLayerNet(nn.Module):
    def __init__(self, in_dim, out_dim):
        super().__init__()
        self.linear = nn.Linear(in_dim, out_dim)

    def forward(self, x):
        return self.linear(x)


def make_tensors(n_samples=60000, n_features=10, seed=42):
    X, y = make_classification(n_samples=n_samples, n_features=n_features,
                               n_redundant=0, n_informative=2, random_state=seed)
    X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=seed)
    return X_train, X_test, y_train, y_test


def build_loaders(batch_size=100):
    X_train, X_test, y_train, y_test = make_tensors()
    train_ds = TensorDataset(torch.from_numpy(X_train), torch.from_numpy(y_train))
    test_ds = TensorDataset(torch.from_numpy(X_test), torch.from_numpy(y_test))
    return (DataLoader(train_ds, batch_size=batch_size, shuffle=True),
            DataLoader(test_ds, batch_size=batch_size))


def accuracy(model, loader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for xb, yb in loader:
            correct += (model(xb).argmax(dim=1) == yb).sum().item()
            total += yb.numel()
    return correct / total


def main(epochs=5, lr=1e-3):
    train_loader, test_loader = build_loaders()
    model = SingleLayerNet(10, 2)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for epoch in range(epochs):
        model.train()
        for xb, yb in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(xb), yb)
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f} test acc {accuracy(model, test_loader):.3f}")


if __name__ == "__main__":
    main()
