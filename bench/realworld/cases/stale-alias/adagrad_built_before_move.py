# source: https://github.com/pytorch/pytorch/issues/7844 https://github.com/pytorch/pytorch/pull/53692 https://github.com/Lightning-AI/pytorch-lightning/pull/554
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: helper, class, loader-loop
# bug-lines: 34, 38
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class TextClassifier(nn.Module):
    def __init__(self, vocab, dim, n_cls):
        super().__init__()
        self.emb = nn.EmbeddingBag(vocab, dim)
        self.fc = nn.Linear(dim, n_cls)

    def forward(self, ids):
        return self.fc(self.emb(ids))


def configure_optimizers(model, args):
    if args.optim == "adagrad":
        return torch.optim.Adagrad(model.parameters(), lr=args.lr)
    return torch.optim.Adam(model.parameters(), lr=args.lr)


class Fitter:
    def __init__(self, model, args):
        self.model = model
        self.optimizer = configure_optimizers(model, args)
        self.device = torch.device("cuda" if args.gpus > 0 and torch.cuda.is_available() else "cpu")

    def fit(self, loader, epochs):
        self.model.to(self.device)
        for epoch in range(epochs):
            for ids, labels in loader:
                ids, labels = ids.to(self.device), labels.to(self.device)
                loss = nn.functional.cross_entropy(self.model(ids), labels)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
            print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--optim", default="adagrad")
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--gpus", type=int, default=1)
    args = parser.parse_args()
    data = TensorDataset(torch.randint(0, 200, (64, 12)), torch.randint(0, 3, (64,)))
    Fitter(TextClassifier(200, 32, 3), args).fit(DataLoader(data, batch_size=16), epochs=2)
